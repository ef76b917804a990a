public import EventSourcing

/// A survey's current state, folded from `survey-<id>`: the survey sent and every answer (never overwritten).
public struct SurveyState: EntityState, Hashable {
    /// `survey`.
    public static var kind: EntityKind { .survey }
    /// The survey's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The survey as sent.
    public private(set) var sent: SurveySent?
    /// Every answer, in order.
    public private(set) var submissions: [FeedbackSubmitted] = []

    /// A survey not yet sent.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        switch event.type {
        case SurveySent.eventType: sent = try event.decode(SurveySent.self)
        case FeedbackSubmitted.eventType: submissions.append(try event.decode(FeedbackSubmitted.self))
        default: break
        }
    }
}

extension FeedbackKind {
    /// The scale of the kind: CSAT 1 to 5, NPS 0 to 10, CES 1 to 7, reviews 1 to 5.
    public var scale: ClosedRange<Int> {
        switch self {
        case .csat, .review: return 1...5
        case .nps: return 0...10
        case .ces: return 1...7
        }
    }
}
