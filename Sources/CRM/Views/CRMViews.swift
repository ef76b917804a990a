public import EventSourcing

/// The CRM's views over an event store: adding them, rebuilding them, and the typed queries of each view
/// (``customer360(_:asOf:)``, ``pipeline(asOf:)``, ``lifecycle(asOf:)``, ``service(asOf:)``, ``campaigns(asOf:)``, ``value(asOf:)``, ``timeline(of:asOf:)``).
///
/// Every query reads the view's stored records as of now, or, given `asOf`, the same view folded from the log up to
/// that point (``EventStore/state(of:asOf:)``): a past date costs a replay of the log up to it, never a stored copy.
///
/// ```swift
/// let views = CRMViews(store: crm.store)
/// try await views.addAll()
/// let view = try await views.customer360("cus-1")
/// ```
public struct CRMViews: Sendable {
    /// The event store the views are kept in.
    public let store: EventStore

    /// The views of `store`.
    public init(store: EventStore) { self.store = store }

    /// The names of every view's projection.
    public static var projectionNames: [String] {
        [
            CustomerViewProjection().name, PipelineProjection().name, LifecycleProjection().name,
            ServiceProjection().name, CampaignProjection().name, ValueProjection().name,
            TimelineProjection().name,
        ]
    }

    /// Adds every view's projection to the store (call it each time the store is opened, before reading a view).
    /// - Throws: ``CRMError/store(_:)``.
    public func addAll(mode: ProjectionMode = .async) async throws(CRMError) {
        do {
            try await store.addProjection(CustomerViewProjection(), mode: mode)
            try await store.addProjection(PipelineProjection(), mode: mode)
            try await store.addProjection(LifecycleProjection(), mode: mode)
            try await store.addProjection(ServiceProjection(), mode: mode)
            try await store.addProjection(CampaignProjection(), mode: mode)
            try await store.addProjection(ValueProjection(), mode: mode)
            try await store.addProjection(TimelineProjection(), mode: mode)
        } catch { throw .store(error) }
    }

    /// Waits until every view has applied the log up to `position` (for an asynchronous view after an append).
    /// - Throws: ``CRMError/store(_:)``.
    public func waitForAll(toReach position: LogPosition) async throws(CRMError) {
        do {
            for name in Self.projectionNames { try await store.waitForProjection(name, toReach: position) }
        } catch { throw .store(error) }
    }

    /// Rebuilds every view from the first event, all in one pass over the log (each event is read once and applied
    /// to every view); each keeps serving its old state until its rebuilt state is swapped in. `progress` hears each
    /// view's progress under its projection name.
    /// - Throws: ``CRMError/store(_:)``.
    public func rebuildAll(progress: (@Sendable (String, RebuildProgress) -> Void)? = nil) async throws(CRMError) {
        let observer: (@Sendable (RebuildProgress) -> Void)?
        if let progress { observer = { progress($0.projection, $0) } } else { observer = nil }
        do { try await store.rebuildProjections(Self.projectionNames, progress: observer) } catch { throw .store(error) }
    }

    /// Reads the records of `projection` now (from its stored state) or as of `point` (folded from the log), and
    /// hands `body` a look-up by key.
    func withRecords<P: Projection, R>(
        of projection: P, asOf point: AsOf?, _ body: (_ value: (String) throws -> P.Value?) throws -> R
    ) async throws(CRMError) -> R {
        do {
            if let point {
                let state = try await store.state(of: projection, asOf: point)
                return try body { state[$0] }
            }
            return try store.read { snapshot in try body { try snapshot.value(of: projection, forKey: $0) } }
        } catch {
            throw Self.mapped(error, projection.name)
        }
    }

    /// Calls `body` with every record of `projection` whose key starts with `prefix`, now or as of `point`.
    func forEachRecord<P: Projection>(
        of projection: P, prefix: String, asOf point: AsOf?, _ body: @escaping (String, P.Value) throws -> Void
    ) async throws(CRMError) {
        try await withPrefixScan(of: projection, asOf: point) { scan in try scan(prefix, body) }
    }

    /// Reads the records of `projection` now (from its stored state) or as of `point` (folded from the log once),
    /// and hands `body` a scan: given a prefix, it calls its closure with each record whose key starts with it, in
    /// key order (UTF-8 bytes), reading only that key range.
    func withPrefixScan<P: Projection, R>(
        of projection: P, asOf point: AsOf?,
        _ body: (_ scan: (String, (String, P.Value) throws -> Void) throws -> Void) throws -> R
    ) async throws(CRMError) -> R {
        do {
            if let point {
                let state = try await store.state(of: projection, asOf: point)
                let keys = state.values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                return try body { prefix, visit in
                    // The first key not below the prefix, by binary search; the range runs while keys share it.
                    var (low, high) = (0, keys.count)
                    while low < high {
                        let middle = (low + high) / 2
                        if keys[middle].utf8.lexicographicallyPrecedes(prefix.utf8) { low = middle + 1 } else { high = middle }
                    }
                    for key in keys[low...] {
                        guard key.utf8.starts(with: prefix.utf8) else { break }
                        if let value = state.values[key] { try visit(key, value) }
                    }
                }
            }
            return try store.read { snapshot in
                try body { prefix, visit in
                    try snapshot.forEachValue(of: projection, withPrefix: prefix) { key, value in
                        try visit(key, value)
                        return true
                    }
                }
            }
        } catch {
            throw Self.mapped(error, projection.name)
        }
    }

    /// A store error as ``CRMError/store(_:)``; anything else (a record that cannot be decoded, a failing fold) as
    /// ``CRMError/unreadableHistory(stream:reason:)`` naming the view.
    static func mapped(_ error: any Error, _ view: String) -> CRMError {
        switch error {
        case let error as CRMError: error
        case let error as EventStoreError: .store(error)
        default: .unreadableHistory(stream: view, reason: "\(error)")
        }
    }
}
