/// Every record of a projection, in memory: the answer of a time-travel read or of a test scenario.
public struct ProjectionState<Value: Sendable>: Sendable {
    /// The last log position the state includes.
    public var position: LogPosition
    /// The values by key.
    public var values: [String: Value]

    /// Creates a state.
    public init(position: LogPosition, values: [String: Value]) {
        self.position = position
        self.values = values
    }

    /// The value under `key`, or `nil`.
    public subscript(key: String) -> Value? { values[key] }
}

extension Projection {
    /// Folds the records `events` walks into a fresh in-memory state, touching no database (the views carry the
    /// store's upcasters).
    func foldInMemory(_ events: ((RecordView) throws -> Void) throws -> Void) throws(EventStoreError) -> [String: Value] {
        var records = ProjectionRecords<Value>(source: nil)
        let filter = self.filter
        do {
            try events { view in
                guard filter.matches(view) else { return }
                do {
                    try apply(view, to: &records)
                } catch {
                    throw EventStoreError.projectionFailed(name: name, position: view.position, reason: "\(error)")
                }
            }
        } catch let error as EventStoreError {
            throw error
        } catch {
            throw .invalidInput("\(error)")
        }
        var values: [String: Value] = [:]
        records.apply(to: &values)
        return values
    }
}
