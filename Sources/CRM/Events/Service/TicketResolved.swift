// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A ticket was resolved.
///
/// Stream: `ticket-<ticketId>`. Schema version 1.
public struct TicketResolved: PersonalData, Hashable {
    /// The stable type name, `TicketResolved`.
    public static let eventType = "TicketResolved"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["resolution"]
    /// The ticket.
    public var ticketId: String
    /// How.
    public var resolutionCode: String
    /// What was done. (personal data)
    public var resolution: String

    /// Creates the event from its fields.
    public init(ticketId: String, resolutionCode: String, resolution: String) {
        self.ticketId = ticketId
        self.resolutionCode = resolutionCode
        self.resolution = resolution
    }
}

extension TicketResolved: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        resolutionCode = try fields.string("resolutionCode")
        resolution = try fields.string("resolution")
    }
}

extension TicketResolved: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.string("resolutionCode", resolutionCode)
        try fields.string("resolution", resolution)
    }
}
