// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// One answer to a survey (one event per submission, never overwritten).
///
/// Stream: `survey-<surveyId>`. Schema version 1.
public struct FeedbackSubmitted: PersonalData, Hashable {
    /// The stable type name, `FeedbackSubmitted`.
    public static let eventType = "FeedbackSubmitted"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["comment"]
    /// The survey.
    public var surveyId: String
    /// The submission's identifier.
    public var submissionId: String
    /// The survey kind.
    public var kind: FeedbackKind
    /// Who answered.
    public var subject: EntityRef
    /// What it is about.
    public var context: EntityRef?
    /// The score.
    public var score: Int
    /// The lowest score of the scale.
    public var scaleMin: Int
    /// The highest score of the scale.
    public var scaleMax: Int
    /// The comment. (personal data)
    public var comment: String?
    /// Where it came from (survey, social media, review site).
    public var source: String?

    /// Creates the event from its fields.
    public init(
        surveyId: String,
        submissionId: String,
        kind: FeedbackKind,
        subject: EntityRef,
        context: EntityRef? = nil,
        score: Int,
        scaleMin: Int,
        scaleMax: Int,
        comment: String? = nil,
        source: String? = nil
    ) {
        self.surveyId = surveyId
        self.submissionId = submissionId
        self.kind = kind
        self.subject = subject
        self.context = context
        self.score = score
        self.scaleMin = scaleMin
        self.scaleMax = scaleMax
        self.comment = comment
        self.source = source
    }
}

extension FeedbackSubmitted: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        surveyId = try fields.string("surveyId")
        submissionId = try fields.string("submissionId")
        kind = try fields.value(FeedbackKind.self, "kind")
        subject = try fields.decode(EntityRef.self, "subject")
        context = try fields.decodeIfPresent(EntityRef.self, "context")
        score = try fields.int("score")
        scaleMin = try fields.int("scaleMin")
        scaleMax = try fields.int("scaleMax")
        comment = try fields.stringIfPresent("comment")
        source = try fields.stringIfPresent("source")
    }
}

extension FeedbackSubmitted: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("surveyId", surveyId)
        try fields.string("submissionId", submissionId)
        try fields.value("kind", kind)
        try fields.encode("subject", subject)
        try fields.encodeIfPresent("context", context)
        try fields.int("score", score)
        try fields.int("scaleMin", scaleMin)
        try fields.int("scaleMax", scaleMax)
        try fields.stringIfPresent("comment", comment)
        try fields.stringIfPresent("source", source)
    }
}
