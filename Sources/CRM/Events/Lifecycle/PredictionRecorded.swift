// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A prediction (win probability, next purchase, lifetime value) was recorded for a record.
///
/// Stream: `<entity stream>`. Schema version 1.
public struct PredictionRecorded: Event, Hashable {
    /// The stable type name, `PredictionRecorded`.
    public static let eventType = "PredictionRecorded"
    /// The record.
    public var subject: EntityRef
    /// What was predicted.
    public var kind: String
    /// The predicted value, as decimal text.
    public var value: String
    /// The model.
    public var model: String
    /// The model's version.
    public var modelVersion: String

    /// Creates the event from its fields.
    public init(subject: EntityRef, kind: String, value: String, model: String, modelVersion: String) {
        self.subject = subject
        self.kind = kind
        self.value = value
        self.model = model
        self.modelVersion = modelVersion
    }
}

extension PredictionRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        subject = try fields.decode(EntityRef.self, "subject")
        kind = try fields.string("kind")
        value = try fields.string("value")
        model = try fields.string("model")
        modelVersion = try fields.string("modelVersion")
    }
}

extension PredictionRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("subject", subject)
        try fields.string("kind", kind)
        try fields.string("value", value)
        try fields.string("model", model)
        try fields.string("modelVersion", modelVersion)
    }
}
