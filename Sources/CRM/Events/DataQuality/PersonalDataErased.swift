// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A person's personal data was erased (its encryption key shredded); the log stays intact.
///
/// Stream: `customer-<id> or contact-<id>`. Schema version 1.
public struct PersonalDataErased: Event, Hashable {
    /// The stable type name, `PersonalDataErased`.
    public static let eventType = "PersonalDataErased"
    /// The customer or contact.
    public var subject: EntityRef
    /// The request fulfilled.
    public var requestId: String
    /// The fields made unreadable.
    public var erasedFields: [String]

    /// Creates the event from its fields.
    public init(subject: EntityRef, requestId: String, erasedFields: [String]) {
        self.subject = subject
        self.requestId = requestId
        self.erasedFields = erasedFields
    }
}

extension PersonalDataErased: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        subject = try fields.decode(EntityRef.self, "subject")
        requestId = try fields.string("requestId")
        erasedFields = try fields.strings("erasedFields")
    }
}

extension PersonalDataErased: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("subject", subject)
        try fields.string("requestId", requestId)
        try fields.strings("erasedFields", erasedFields)
    }
}
