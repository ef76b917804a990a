// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// What a stage meant at the moment an event used it, so replays never change when the pipeline is revised later.
public struct StageSnapshot: Codable, Sendable, Hashable {
    /// The stage's identifier.
    public var stageId: String
    /// The stage's name then.
    public var name: String
    /// The stage's position then.
    public var order: Int
    /// The stage's probability then, in percent.
    public var probability: Int
    /// The stage's category then.
    public var category: StageCategory
    /// The stage's forecast category then.
    public var forecastCategory: ForecastCategory

    /// Creates the value from its fields.
    public init(
        stageId: String,
        name: String,
        order: Int,
        probability: Int,
        category: StageCategory,
        forecastCategory: ForecastCategory
    ) {
        self.stageId = stageId
        self.name = name
        self.order = order
        self.probability = probability
        self.category = category
        self.forecastCategory = forecastCategory
    }
}

extension StageSnapshot: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        stageId = try fields.string("stageId")
        name = try fields.string("name")
        order = try fields.int("order")
        probability = try fields.int("probability")
        category = try fields.value(StageCategory.self, "category")
        forecastCategory = try fields.value(ForecastCategory.self, "forecastCategory")
    }
}

extension StageSnapshot: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("stageId", stageId)
        try fields.string("name", name)
        try fields.int("order", order)
        try fields.int("probability", probability)
        try fields.value("category", category)
        try fields.value("forecastCategory", forecastCategory)
    }
}
