import EventSourcing

/// The configured lead statuses (stream `config-leadstatuses`).
public struct LeadStatusSet: Sendable, Hashable {
    /// The statuses, in order; empty when none are defined.
    public private(set) var statuses: [LeadStatus] = []
    /// The set's version (0: never defined).
    public private(set) var setVersion = 0
    /// The stream's version.
    public private(set) var version: UInt64 = 0

    /// No statuses.
    public init() {}

    /// Folds a definition.
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if event.type == LeadStatusSetDefined.eventType {
            let defined = try event.decode(LeadStatusSetDefined.self)
            (statuses, setVersion) = (defined.statuses, defined.version)
        }
    }
}
