// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A status a campaign member can have.
public struct MemberStatus: Codable, Sendable, Hashable {
    /// The status.
    public var status: String
    /// Whether it counts as a response.
    public var countsAsResponse: Bool
    /// Whether new members get it.
    public var isDefault: Bool

    /// Creates the value from its fields.
    public init(status: String, countsAsResponse: Bool, isDefault: Bool) {
        self.status = status
        self.countsAsResponse = countsAsResponse
        self.isDefault = isDefault
    }
}

extension MemberStatus: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        status = try fields.string("status")
        countsAsResponse = try fields.bool("countsAsResponse")
        isDefault = try fields.bool("isDefault")
    }
}

extension MemberStatus: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("status", status)
        try fields.bool("countsAsResponse", countsAsResponse)
        try fields.bool("isDefault", isDefault)
    }
}
