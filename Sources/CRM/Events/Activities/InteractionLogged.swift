// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An interaction with customers or contacts was logged (by hand or automatically).
///
/// Stream: `interaction-<interactionId>`. Schema version 1.
public struct InteractionLogged: PersonalData, Hashable {
    /// The stable type name, `InteractionLogged`.
    public static let eventType = "InteractionLogged"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["summary", "participants"]
    /// The interaction's identifier.
    public var interactionId: String
    /// The records it concerns.
    public var subjects: [EntityRef]
    /// The channel.
    public var channel: InteractionChannel
    /// Who started it.
    public var direction: InteractionDirection
    /// When it happened (microseconds since 1970).
    public var occurredAt: Timestamp
    /// How long it took.
    public var durationSeconds: Int?
    /// What was said. (personal data)
    public var summary: String
    /// The result.
    public var outcome: String?
    /// The message or call id in the source system.
    public var externalRef: String?
    /// Who took part. (personal data)
    public var participants: [String]

    /// Creates the event from its fields.
    public init(
        interactionId: String,
        subjects: [EntityRef],
        channel: InteractionChannel,
        direction: InteractionDirection,
        occurredAt: Timestamp,
        durationSeconds: Int? = nil,
        summary: String,
        outcome: String? = nil,
        externalRef: String? = nil,
        participants: [String]
    ) {
        self.interactionId = interactionId
        self.subjects = subjects
        self.channel = channel
        self.direction = direction
        self.occurredAt = occurredAt
        self.durationSeconds = durationSeconds
        self.summary = summary
        self.outcome = outcome
        self.externalRef = externalRef
        self.participants = participants
    }
}

extension InteractionLogged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        interactionId = try fields.string("interactionId")
        subjects = try fields.array(of: EntityRef.self, "subjects")
        channel = try fields.value(InteractionChannel.self, "channel")
        direction = try fields.value(InteractionDirection.self, "direction")
        occurredAt = try fields.timestamp("occurredAt")
        durationSeconds = try fields.intIfPresent("durationSeconds")
        summary = try fields.string("summary")
        outcome = try fields.stringIfPresent("outcome")
        externalRef = try fields.stringIfPresent("externalRef")
        participants = try fields.strings("participants")
    }
}

extension InteractionLogged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("interactionId", interactionId)
        try fields.array("subjects", subjects)
        try fields.value("channel", channel)
        try fields.value("direction", direction)
        try fields.timestamp("occurredAt", occurredAt)
        try fields.intIfPresent("durationSeconds", durationSeconds)
        try fields.string("summary", summary)
        try fields.stringIfPresent("outcome", outcome)
        try fields.stringIfPresent("externalRef", externalRef)
        try fields.strings("participants", participants)
    }
}
