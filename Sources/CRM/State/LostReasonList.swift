import EventSourcing

/// The configured lost reasons (stream `config-lostreasons`).
public struct LostReasonList: Sendable, Hashable {
    /// The reasons, empty when none are defined.
    public private(set) var reasons: [LostReason] = []
    /// The list's version (0: never defined).
    public private(set) var listVersion = 0
    /// The stream's version.
    public private(set) var version: UInt64 = 0

    /// No reasons.
    public init() {}

    /// Folds a definition.
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if event.type == LostReasonsDefined.eventType {
            let defined = try event.decode(LostReasonsDefined.self)
            (reasons, listVersion) = (defined.reasons, defined.version)
        }
    }

    /// The reason `code`, checked against the note rule.
    /// - Throws: ``CRMError/notConfigured(_:)``, ``CRMError/unknownLostReason(code:known:)``,
    ///   ``CRMError/lostReasonNeedsNote(code:)``.
    func reason(_ code: String, note: String?) throws(CRMError) -> LostReason {
        guard !reasons.isEmpty else { throw .notConfigured("The list of lost reasons") }
        guard let reason = reasons.first(where: { $0.code == code }) else {
            throw .unknownLostReason(code: code, known: reasons.map(\.code))
        }
        if reason.requiresNote && (note ?? "").trimmingWhitespace.isEmpty { throw .lostReasonNeedsNote(code: code) }
        return reason
    }
}
