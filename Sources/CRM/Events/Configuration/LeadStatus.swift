// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// One configured lead status.
public struct LeadStatus: Codable, Sendable, Hashable {
    /// The status's identifier.
    public var statusId: String
    /// The status's name.
    public var name: String
    /// What the status means.
    public var category: LeadStatusCategory

    /// Creates the value from its fields.
    public init(statusId: String, name: String, category: LeadStatusCategory) {
        self.statusId = statusId
        self.name = name
        self.category = category
    }
}

extension LeadStatus: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        statusId = try fields.string("statusId")
        name = try fields.string("name")
        category = try fields.value(LeadStatusCategory.self, "category")
    }
}

extension LeadStatus: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("statusId", statusId)
        try fields.string("name", name)
        try fields.value("category", category)
    }
}
