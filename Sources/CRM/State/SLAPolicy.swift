public import EventSourcing

/// A service-level policy as currently configured (stream `slapolicy-<id>`).
public struct SLAPolicy: AggregateState, Hashable {
    /// The stream category, `slapolicy`.
    public static var category: String { "slapolicy" }
    /// The policy's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The latest definition.
    public private(set) var definition: SLAPolicyDefined?

    /// An undefined policy.
    public init(id: String) { self.id = id }

    /// Folds a definition.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if event.type == SLAPolicyDefined.eventType { definition = try event.decode(SLAPolicyDefined.self) }
    }

    /// The targets that apply to `priority`, as a snapshot for a ticket event.
    public func snapshot(for priority: TicketPriority) -> SLASnapshot? {
        guard let definition, let target = definition.targets.first(where: { $0.priority == priority }) else {
            return nil
        }
        return SLASnapshot(
            policyId: definition.policyId, policyVersion: definition.version, calendarId: definition.calendarId,
            firstResponseMinutes: target.firstResponseMinutes, resolutionMinutes: target.resolutionMinutes,
            pausedStatuses: definition.pausedStatuses)
    }
}
