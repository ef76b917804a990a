// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// Duplicate tickets were merged into one.
///
/// Stream: `ticket-<survivorTicketId>`. Schema version 1.
public struct TicketsMerged: Event, Hashable {
    /// The stable type name, `TicketsMerged`.
    public static let eventType = "TicketsMerged"
    /// The ticket that stays.
    public var survivorTicketId: String
    /// The tickets merged into it.
    public var mergedTicketIds: [String]

    /// Creates the event from its fields.
    public init(survivorTicketId: String, mergedTicketIds: [String]) {
        self.survivorTicketId = survivorTicketId
        self.mergedTicketIds = mergedTicketIds
    }
}

extension TicketsMerged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        survivorTicketId = try fields.string("survivorTicketId")
        mergedTicketIds = try fields.strings("mergedTicketIds")
    }
}

extension TicketsMerged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("survivorTicketId", survivorTicketId)
        try fields.strings("mergedTicketIds", mergedTicketIds)
    }
}
