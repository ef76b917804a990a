// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A churn-risk model or rule assessed a customer (its output kept as a fact).
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct ChurnRiskAssessed: Event, Hashable {
    /// The stable type name, `ChurnRiskAssessed`.
    public static let eventType = "ChurnRiskAssessed"
    /// The customer.
    public var customerId: String
    /// The risk score, 0 to 100.
    public var score: Int
    /// The risk band.
    public var band: String
    /// The model.
    public var model: String
    /// The model's version.
    public var modelVersion: String
    /// What drove the score.
    public var drivers: [String]

    /// Creates the event from its fields.
    public init(customerId: String, score: Int, band: String, model: String, modelVersion: String, drivers: [String]) {
        self.customerId = customerId
        self.score = score
        self.band = band
        self.model = model
        self.modelVersion = modelVersion
        self.drivers = drivers
    }
}

extension ChurnRiskAssessed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        score = try fields.int("score")
        band = try fields.string("band")
        model = try fields.string("model")
        modelVersion = try fields.string("modelVersion")
        drivers = try fields.strings("drivers")
    }
}

extension ChurnRiskAssessed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.int("score", score)
        try fields.string("band", band)
        try fields.string("model", model)
        try fields.string("modelVersion", modelVersion)
        try fields.strings("drivers", drivers)
    }
}
