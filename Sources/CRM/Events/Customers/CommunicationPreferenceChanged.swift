// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A person opted in to or out of a channel for a purpose (consent).
///
/// Stream: `customer-<id> or contact-<id>`. Schema version 1.
public struct CommunicationPreferenceChanged: Event, Hashable {
    /// The stable type name, `CommunicationPreferenceChanged`.
    public static let eventType = "CommunicationPreferenceChanged"
    /// The customer or contact.
    public var subject: EntityRef
    /// The channel.
    public var channel: ConsentChannel
    /// Whether contact is now allowed.
    public var optedIn: Bool
    /// The purpose (marketing, service, ...).
    public var purpose: String
    /// How the choice was made.
    public var source: String

    /// Creates the event from its fields.
    public init(subject: EntityRef, channel: ConsentChannel, optedIn: Bool, purpose: String, source: String) {
        self.subject = subject
        self.channel = channel
        self.optedIn = optedIn
        self.purpose = purpose
        self.source = source
    }
}

extension CommunicationPreferenceChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        subject = try fields.decode(EntityRef.self, "subject")
        channel = try fields.value(ConsentChannel.self, "channel")
        optedIn = try fields.bool("optedIn")
        purpose = try fields.string("purpose")
        source = try fields.string("source")
    }
}

extension CommunicationPreferenceChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encode("subject", subject)
        try fields.value("channel", channel)
        try fields.bool("optedIn", optedIn)
        try fields.string("purpose", purpose)
        try fields.string("source", source)
    }
}
