// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An opportunity got a new owner.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityOwnerChanged: Event, Hashable {
    /// The stable type name, `OpportunityOwnerChanged`.
    public static let eventType = "OpportunityOwnerChanged"
    /// The opportunity.
    public var opportunityId: String
    /// The previous owner.
    public var fromOwnerId: String?
    /// The new owner.
    public var toOwnerId: String

    /// Creates the event from its fields.
    public init(opportunityId: String, fromOwnerId: String? = nil, toOwnerId: String) {
        self.opportunityId = opportunityId
        self.fromOwnerId = fromOwnerId
        self.toOwnerId = toOwnerId
    }
}

extension OpportunityOwnerChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        fromOwnerId = try fields.stringIfPresent("fromOwnerId")
        toOwnerId = try fields.string("toOwnerId")
    }
}

extension OpportunityOwnerChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.stringIfPresent("fromOwnerId", fromOwnerId)
        try fields.string("toOwnerId", toOwnerId)
    }
}
