// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The next action of an opportunity was set.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityNextActionSet: Event, Hashable {
    /// The stable type name, `OpportunityNextActionSet`.
    public static let eventType = "OpportunityNextActionSet"
    /// The opportunity.
    public var opportunityId: String
    /// What to do next.
    public var action: String
    /// By when.
    public var dueDate: LocalDate?

    /// Creates the event from its fields.
    public init(opportunityId: String, action: String, dueDate: LocalDate? = nil) {
        self.opportunityId = opportunityId
        self.action = action
        self.dueDate = dueDate
    }
}

extension OpportunityNextActionSet: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        action = try fields.string("action")
        dueDate = try fields.textIfPresent(LocalDate.self, "dueDate")
    }
}

extension OpportunityNextActionSet: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("action", action)
        try fields.textIfPresent("dueDate", dueDate)
    }
}
