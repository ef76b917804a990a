// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A service-level policy was defined or revised: targets per priority, its business calendar and the statuses that pause the clock.
///
/// Stream: `slapolicy-<policyId>`. Schema version 1.
public struct SLAPolicyDefined: Event, Hashable {
    /// The stable type name, `SLAPolicyDefined`.
    public static let eventType = "SLAPolicyDefined"
    /// The policy's identifier.
    public var policyId: String
    /// The policy's version.
    public var version: Int
    /// The policy's name.
    public var name: String
    /// The targets per priority.
    public var targets: [SLATarget]
    /// The business calendar the minutes are counted in.
    public var calendarId: String
    /// The statuses that stop the clock.
    public var pausedStatuses: [TicketStatus]

    /// Creates the event from its fields.
    public init(
        policyId: String,
        version: Int,
        name: String,
        targets: [SLATarget],
        calendarId: String,
        pausedStatuses: [TicketStatus]
    ) {
        self.policyId = policyId
        self.version = version
        self.name = name
        self.targets = targets
        self.calendarId = calendarId
        self.pausedStatuses = pausedStatuses
    }
}

extension SLAPolicyDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        policyId = try fields.string("policyId")
        version = try fields.int("version")
        name = try fields.string("name")
        targets = try fields.array(of: SLATarget.self, "targets")
        calendarId = try fields.string("calendarId")
        pausedStatuses = try fields.values(TicketStatus.self, "pausedStatuses")
    }
}

extension SLAPolicyDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("policyId", policyId)
        try fields.int("version", version)
        try fields.string("name", name)
        try fields.array("targets", targets)
        try fields.string("calendarId", calendarId)
        try fields.values("pausedStatuses", pausedStatuses)
    }
}
