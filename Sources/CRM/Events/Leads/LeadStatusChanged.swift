// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A lead's status changed; carries the status's category as it was.
///
/// Stream: `lead-<leadId>`. Schema version 1.
public struct LeadStatusChanged: Event, Hashable {
    /// The stable type name, `LeadStatusChanged`.
    public static let eventType = "LeadStatusChanged"
    /// The lead.
    public var leadId: String
    /// The status before.
    public var fromStatusId: String?
    /// The status after.
    public var toStatusId: String
    /// The new status's category then.
    public var category: LeadStatusCategory
    /// The lead status set's version.
    public var statusSetVersion: Int

    /// Creates the event from its fields.
    public init(
        leadId: String,
        fromStatusId: String? = nil,
        toStatusId: String,
        category: LeadStatusCategory,
        statusSetVersion: Int
    ) {
        self.leadId = leadId
        self.fromStatusId = fromStatusId
        self.toStatusId = toStatusId
        self.category = category
        self.statusSetVersion = statusSetVersion
    }
}

extension LeadStatusChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        leadId = try fields.string("leadId")
        fromStatusId = try fields.stringIfPresent("fromStatusId")
        toStatusId = try fields.string("toStatusId")
        category = try fields.value(LeadStatusCategory.self, "category")
        statusSetVersion = try fields.int("statusSetVersion")
    }
}

extension LeadStatusChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("leadId", leadId)
        try fields.stringIfPresent("fromStatusId", fromStatusId)
        try fields.string("toStatusId", toStatusId)
        try fields.value("category", category)
        try fields.int("statusSetVersion", statusSetVersion)
    }
}
