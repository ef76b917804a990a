// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A person asked for their personal data to be erased (right to erasure).
///
/// Stream: `customer-<id> or contact-<id>`. Schema version 1.
public struct PersonalDataErasureRequested: Event, Hashable {
    /// The stable type name, `PersonalDataErasureRequested`.
    public static let eventType = "PersonalDataErasureRequested"
    /// The customer or contact.
    public var subject: EntityRef
    /// The request.
    public var requestId: String
    /// How it was asked.
    public var reason: String

    /// Creates the event from its fields.
    public init(subject: EntityRef, requestId: String, reason: String) {
        self.subject = subject
        self.requestId = requestId
        self.reason = reason
    }
}

extension PersonalDataErasureRequested: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        subject = try fields.decode(EntityRef.self, "subject")
        requestId = try fields.string("requestId")
        reason = try fields.string("reason")
    }
}

extension PersonalDataErasureRequested: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("subject", subject)
        try fields.string("requestId", requestId)
        try fields.string("reason", reason)
    }
}
