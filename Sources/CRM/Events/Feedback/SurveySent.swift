// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A satisfaction survey was sent.
///
/// Stream: `survey-<surveyId>`. Schema version 1.
public struct SurveySent: Event, Hashable {
    /// The stable type name, `SurveySent`.
    public static let eventType = "SurveySent"
    /// The survey's identifier.
    public var surveyId: String
    /// CSAT, NPS, CES or review.
    public var kind: FeedbackKind
    /// Who was asked.
    public var subject: EntityRef
    /// What it is about (a ticket, an order).
    public var context: EntityRef?
    /// How it was sent.
    public var channel: InteractionChannel

    /// Creates the event from its fields.
    public init(
        surveyId: String,
        kind: FeedbackKind,
        subject: EntityRef,
        context: EntityRef? = nil,
        channel: InteractionChannel
    ) {
        self.surveyId = surveyId
        self.kind = kind
        self.subject = subject
        self.context = context
        self.channel = channel
    }
}

extension SurveySent: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        surveyId = try fields.string("surveyId")
        kind = try fields.value(FeedbackKind.self, "kind")
        subject = try fields.decode(EntityRef.self, "subject")
        context = try fields.decodeIfPresent(EntityRef.self, "context")
        channel = try fields.value(InteractionChannel.self, "channel")
    }
}

extension SurveySent: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("surveyId", surveyId)
        try fields.value("kind", kind)
        try fields.encode("subject", subject)
        try fields.encodeIfPresent("context", context)
        try fields.value("channel", channel)
    }
}
