// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity's expected close date changed (slippage when later).
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityCloseDateChanged: Event, Hashable {
    /// The stable type name, `OpportunityCloseDateChanged`.
    public static let eventType = "OpportunityCloseDateChanged"
    /// The opportunity.
    public var opportunityId: String
    /// The date before.
    public var oldDate: LocalDate
    /// The date after.
    public var newDate: LocalDate

    /// Creates the event from its fields.
    public init(opportunityId: String, oldDate: LocalDate, newDate: LocalDate) {
        self.opportunityId = opportunityId
        self.oldDate = oldDate
        self.newDate = newDate
    }
}

extension OpportunityCloseDateChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        oldDate = try fields.text(LocalDate.self, "oldDate")
        newDate = try fields.text(LocalDate.self, "newDate")
    }
}

extension OpportunityCloseDateChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.text("oldDate", oldDate)
        try fields.text("newDate", newDate)
    }
}
