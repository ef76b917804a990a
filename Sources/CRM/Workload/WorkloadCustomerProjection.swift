public import EventSourcing

/// The standard workload's per-customer fold as a projection: each customer's ``WorkloadCustomerState`` under the
/// customer's stream name (`customer-000042`).
///
/// The demo runs it to show a projection catching up and a state as of a past position; its totals equal
/// ``WorkloadFold``'s over the same events.
public struct WorkloadCustomerProjection: Projection {
    /// `workload-customers`.
    public let name = "workload-customers"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// Folds one workload event into its customer's state.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<WorkloadCustomerState>) throws {
        guard let folded = try WorkloadEvent.folded(event) else { return }
        try records.update(event.stream.rawValue, default: WorkloadCustomerState()) {
            $0.apply(folded.type, amountCents: folded.amountCents)
        }
    }

    /// The totals of the states in `values` (one per customer).
    public static func totals(_ values: some Sequence<WorkloadCustomerState>) -> WorkloadTotals {
        var totals = WorkloadTotals()
        for state in values { totals.add(state) }
        return totals
    }

    /// The totals of the projection's stored state in `store` (where it was added).
    /// - Throws: ``EventStoreError``.
    public static func storedTotals(in store: EventStore) throws -> WorkloadTotals {
        try store.read { snapshot in
            var totals = WorkloadTotals()
            try snapshot.forEachValue(of: WorkloadCustomerProjection()) { _, state in
                totals.add(state)
                return true
            }
            return totals
        }
    }
}
