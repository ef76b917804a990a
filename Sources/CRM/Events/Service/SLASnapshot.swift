// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The service-level targets that applied to a ticket, as they were configured.
public struct SLASnapshot: Codable, Sendable, Hashable {
    /// The policy.
    public var policyId: String
    /// The policy's version.
    public var policyVersion: Int
    /// The business calendar.
    public var calendarId: String
    /// The first-response target, in business minutes.
    public var firstResponseMinutes: Int
    /// The resolution target, in business minutes.
    public var resolutionMinutes: Int
    /// The statuses that pause the clock.
    public var pausedStatuses: [TicketStatus]

    /// Creates the value from its fields.
    public init(
        policyId: String,
        policyVersion: Int,
        calendarId: String,
        firstResponseMinutes: Int,
        resolutionMinutes: Int,
        pausedStatuses: [TicketStatus]
    ) {
        self.policyId = policyId
        self.policyVersion = policyVersion
        self.calendarId = calendarId
        self.firstResponseMinutes = firstResponseMinutes
        self.resolutionMinutes = resolutionMinutes
        self.pausedStatuses = pausedStatuses
    }
}

extension SLASnapshot: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        policyId = try fields.string("policyId")
        policyVersion = try fields.int("policyVersion")
        calendarId = try fields.string("calendarId")
        firstResponseMinutes = try fields.int("firstResponseMinutes")
        resolutionMinutes = try fields.int("resolutionMinutes")
        pausedStatuses = try fields.values(TicketStatus.self, "pausedStatuses")
    }
}

extension SLASnapshot: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("policyId", policyId)
        try fields.int("policyVersion", policyVersion)
        try fields.string("calendarId", calendarId)
        try fields.int("firstResponseMinutes", firstResponseMinutes)
        try fields.int("resolutionMinutes", resolutionMinutes)
        try fields.values("pausedStatuses", pausedStatuses)
    }
}
