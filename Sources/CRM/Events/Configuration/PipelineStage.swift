// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// One stage of a pipeline as configured.
public struct PipelineStage: Codable, Sendable, Hashable {
    /// The stage's stable identifier.
    public var stageId: String
    /// The stage's display name.
    public var name: String
    /// The stage's position in the pipeline (1 for the first).
    public var order: Int
    /// The win probability of a deal in this stage, in percent (0 to 100).
    public var defaultProbability: Int
    /// Whether deals in this stage are open, won or lost.
    public var category: StageCategory
    /// How deals in this stage count in the forecast.
    public var forecastCategory: ForecastCategory
    /// What must be true before a deal leaves the stage.
    public var exitCriteria: String?

    /// Creates the value from its fields.
    public init(
        stageId: String,
        name: String,
        order: Int,
        defaultProbability: Int,
        category: StageCategory,
        forecastCategory: ForecastCategory,
        exitCriteria: String? = nil
    ) {
        self.stageId = stageId
        self.name = name
        self.order = order
        self.defaultProbability = defaultProbability
        self.category = category
        self.forecastCategory = forecastCategory
        self.exitCriteria = exitCriteria
    }
}

extension PipelineStage: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        stageId = try fields.string("stageId")
        name = try fields.string("name")
        order = try fields.int("order")
        defaultProbability = try fields.int("defaultProbability")
        category = try fields.value(StageCategory.self, "category")
        forecastCategory = try fields.value(ForecastCategory.self, "forecastCategory")
        exitCriteria = try fields.stringIfPresent("exitCriteria")
    }
}

extension PipelineStage: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("stageId", stageId)
        try fields.string("name", name)
        try fields.int("order", order)
        try fields.int("defaultProbability", defaultProbability)
        try fields.value("category", category)
        try fields.value("forecastCategory", forecastCategory)
        try fields.stringIfPresent("exitCriteria", exitCriteria)
    }
}
