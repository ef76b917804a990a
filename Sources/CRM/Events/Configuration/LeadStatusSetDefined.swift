// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The set of lead statuses was defined or revised.
///
/// Stream: `config-leadstatuses`. Schema version 1.
public struct LeadStatusSetDefined: Event, Hashable {
    /// The stable type name, `LeadStatusSetDefined`.
    public static let eventType = "LeadStatusSetDefined"
    /// The set's version.
    public var version: Int
    /// The statuses, in order.
    public var statuses: [LeadStatus]

    /// Creates the event from its fields.
    public init(version: Int, statuses: [LeadStatus]) {
        self.version = version
        self.statuses = statuses
    }
}

extension LeadStatusSetDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        version = try fields.int("version")
        statuses = try fields.array(of: LeadStatus.self, "statuses")
    }
}

extension LeadStatusSetDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.int("version", version)
        try fields.array("statuses", statuses)
    }
}
