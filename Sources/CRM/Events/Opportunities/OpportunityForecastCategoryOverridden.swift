// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The forecast category of one opportunity was overridden.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityForecastCategoryOverridden: Event, Hashable {
    /// The stable type name, `OpportunityForecastCategoryOverridden`.
    public static let eventType = "OpportunityForecastCategoryOverridden"
    /// The opportunity.
    public var opportunityId: String
    /// Before.
    public var oldCategory: ForecastCategory
    /// After.
    public var newCategory: ForecastCategory

    /// Creates the event from its fields.
    public init(opportunityId: String, oldCategory: ForecastCategory, newCategory: ForecastCategory) {
        self.opportunityId = opportunityId
        self.oldCategory = oldCategory
        self.newCategory = newCategory
    }
}

extension OpportunityForecastCategoryOverridden: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        oldCategory = try fields.value(ForecastCategory.self, "oldCategory")
        newCategory = try fields.value(ForecastCategory.self, "newCategory")
    }
}

extension OpportunityForecastCategoryOverridden: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.value("oldCategory", oldCategory)
        try fields.value("newCategory", newCategory)
    }
}
