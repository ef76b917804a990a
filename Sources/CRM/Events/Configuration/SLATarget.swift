// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The service-level targets for one priority, in business minutes.
public struct SLATarget: Codable, Sendable, Hashable {
    /// The priority the targets apply to.
    public var priority: TicketPriority
    /// The first response is due within this many business minutes.
    public var firstResponseMinutes: Int
    /// The resolution is due within this many business minutes.
    public var resolutionMinutes: Int

    /// Creates the value from its fields.
    public init(priority: TicketPriority, firstResponseMinutes: Int, resolutionMinutes: Int) {
        self.priority = priority
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionMinutes = resolutionMinutes
    }
}

extension SLATarget: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        priority = try fields.value(TicketPriority.self, "priority")
        firstResponseMinutes = try fields.int("firstResponseMinutes")
        resolutionMinutes = try fields.int("resolutionMinutes")
    }
}

extension SLATarget: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("priority", priority)
        try fields.int("firstResponseMinutes", firstResponseMinutes)
        try fields.int("resolutionMinutes", resolutionMinutes)
    }
}
