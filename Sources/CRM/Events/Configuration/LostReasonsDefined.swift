// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The list of lost reasons was defined or revised.
///
/// Stream: `config-lostreasons`. Schema version 1.
public struct LostReasonsDefined: Event, Hashable {
    /// The stable type name, `LostReasonsDefined`.
    public static let eventType = "LostReasonsDefined"
    /// The list's version.
    public var version: Int
    /// The reasons.
    public var reasons: [LostReason]

    /// Creates the event from its fields.
    public init(version: Int, reasons: [LostReason]) {
        self.version = version
        self.reasons = reasons
    }
}

extension LostReasonsDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        version = try fields.int("version")
        reasons = try fields.array(of: LostReason.self, "reasons")
    }
}

extension LostReasonsDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.int("version", version)
        try fields.array("reasons", reasons)
    }
}
