public import EventSourcing

extension CRMStore {
    /// The state of record `id` as it was at `point` (its stream folded up to that position or time; an empty
    /// state when the record did not exist yet).
    ///
    /// ```swift
    /// let endOfJune = Timestamp(secondsSince1970: 1_751_327_999)
    /// let then = try await crm.state(CustomerState.self, id: "cus-1", asOf: .time(endOfJune))
    /// ```
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for a malformed id, ``CRMError/store(_:)``,
    ///   ``CRMError/unreadableHistory(stream:reason:)``.
    public func state<State: AggregateState>(_ type: State.Type, id: String, asOf point: AsOf) async throws(CRMError)
        -> State
    {
        let valid = try Validate.identifier(id, field: "\(State.category) id")
        let stream = try Self.stream(State.category, valid)
        let events = try readStream(stream, asOf: point)
        var state = State(id: valid)
        for event in events {
            do { try state.apply(event) } catch { throw .unreadableHistory(stream: stream.rawValue, reason: "\(error)") }
        }
        return state
    }

    /// Each event of `stream` with the fields it changed (see ``StreamChange/Basis``), oldest first.
    ///
    /// A record stream whose events the CRM's states cannot fold (events of another application under the same
    /// type names, say) is compared by payload instead.
    /// - Throws: ``CRMError/store(_:)``, ``CRMError/unreadableHistory(stream:reason:)`` when a payload does not
    ///   decode.
    public func fieldChanges(in stream: StreamName) async throws(CRMError) -> [StreamChange] {
        let events: [RecordedEvent]
        do { events = try await store.readStream(stream) } catch { throw .store(error) }
        let id = String(stream.rawValue.dropFirst(stream.category.count + 1))
        let byState: [StreamChange]?
        switch stream.category {
        case CustomerState.category: byState = try? Self.stateChanges(CustomerState(id: id), events, stream)
        case ContactState.category: byState = try? Self.stateChanges(ContactState(id: id), events, stream)
        case OpportunityState.category: byState = try? Self.stateChanges(OpportunityState(id: id), events, stream)
        case TicketState.category: byState = try? Self.stateChanges(TicketState(id: id), events, stream)
        default: byState = nil
        }
        if let byState { return byState }
        return try Self.payloadChanges(events, stream)
    }

    private static func payloadChanges(_ events: [RecordedEvent], _ stream: StreamName) throws(CRMError) -> [StreamChange] {
        var previous: [String: PayloadValue] = [:]
        var changes: [StreamChange] = []
        for event in events {
            let payload: PayloadValue
            do { payload = try event.payloadValue() } catch {
                throw .unreadableHistory(stream: stream.rawValue, reason: "\(error)")
            }
            let before = previous[event.type] ?? .object([])
            changes.append(StreamChange(event: event, basis: .payload, differences: payload.differences(from: before)))
            previous[event.type] = payload
        }
        return changes
    }

    private static func stateChanges<State: AggregateState & Encodable>(
        _ initial: State, _ events: [RecordedEvent], _ stream: StreamName
    ) throws(CRMError) -> [StreamChange] {
        var state = initial
        var before = try state.payloadValue()
        var changes: [StreamChange] = []
        for event in events {
            do { try state.apply(event) } catch { throw .unreadableHistory(stream: stream.rawValue, reason: "\(error)") }
            let after = try state.payloadValue()
            let differences = after.differences(from: before).filter { $0.path != "version" }
            changes.append(StreamChange(event: event, basis: .state, differences: differences))
            before = after
        }
        return changes
    }

    /// The events of `stream` up to `point`.
    private func readStream(_ stream: StreamName, asOf point: AsOf) throws(CRMError) -> [RecordedEvent] {
        do {
            return try store.read { snapshot in
                let cut = try snapshot.lastPosition(asOf: point)
                var events: [RecordedEvent] = []
                try snapshot.forEach(in: stream) { view in
                    guard view.position <= cut else { return false }
                    events.append(try view.recordedEvent())
                    return true
                }
                return events
            }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .unreadableHistory(stream: stream.rawValue, reason: "\(error)")
        }
    }
}
