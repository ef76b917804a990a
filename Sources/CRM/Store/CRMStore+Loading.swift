import EventSourcing

extension CRMStore {
    /// The state of an existing record.
    /// - Throws: ``CRMError/notFound(_:)`` when it does not exist.
    func existing<State: EntityState>(_ type: State.Type, _ id: String) async throws(CRMError) -> State {
        let state = try await state(State.self, id: id)
        guard state.exists else { throw .notFound(EntityRef(kind: State.kind, id: id)) }
        return state
    }

    /// The state of an existing record that accepts changes (not merged away, not erased).
    /// - Throws: ``CRMError/notFound(_:)``, ``CRMError/absorbed(_:survivorId:)``, ``CRMError/erased(_:)``.
    func writable<State: TraitBearing>(_ type: State.Type, _ id: String) async throws(CRMError) -> State {
        let state = try await existing(State.self, id)
        try state.traits.checkWritable(state.ref)
        return state
    }

    /// The state of a record that must not exist yet.
    /// - Throws: ``CRMError/alreadyExists(_:)``.
    func absent<State: EntityState>(_ type: State.Type, _ id: String) async throws(CRMError) -> State {
        let state = try await state(State.self, id: id)
        guard !state.exists else { throw .alreadyExists(state.ref) }
        return state
    }

    /// The stream of a record state.
    func stream<State: AggregateState>(of state: State) throws(CRMError) -> StreamName {
        try Self.stream(State.category, state.id)
    }

    /// A write of `events` to the record's stream at the version its state was read at.
    func write<State: AggregateState>(_ state: State, _ events: [PendingEvent]) throws(CRMError) -> PendingWrite {
        PendingWrite(try stream(of: state), at: state.version, events)
    }

    /// A write of one event to the record's stream at the version its state was read at.
    func write<State: AggregateState>(_ state: State, _ event: any Event) throws(CRMError) -> [PendingWrite] {
        [try write(state, [PendingEvent(event)])]
    }

    /// The stream of the record `ref`, with its version.
    func version(of ref: EntityRef) async throws(CRMError) -> (StreamName, UInt64) {
        let stream = try ref.streamName()
        do { return (stream, try await store.version(of: stream)) } catch { throw .store(error) }
    }

    /// The version of `stream`.
    func version(of stream: StreamName) async throws(CRMError) -> UInt64 {
        do { return try await store.version(of: stream) } catch { throw .store(error) }
    }

    /// Checks that the record `ref` exists.
    /// - Throws: ``CRMError/notFound(_:)``.
    func requireExists(_ ref: EntityRef) async throws(CRMError) {
        let (_, version) = try await version(of: ref)
        guard version > 0 else { throw .notFound(ref) }
    }
}
