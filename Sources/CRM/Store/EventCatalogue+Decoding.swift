public import EventSourcing

extension EventCatalogue {
    /// The CRM event type named `name`, if the catalogue has one.
    public static func eventType(named name: String) -> (any Event.Type)? {
        eventTypes.first { $0.eventType == name }
    }

    /// Decodes a recorded event as its CRM type; `nil` for events of types the catalogue does not know (other
    /// domains, the benchmark workload, newer versions).
    /// - Throws: ``EventStoreError`` when the payload does not decode as its type.
    public static func decode(_ recorded: RecordedEvent) throws(EventStoreError) -> (any Event)? {
        guard let type = eventType(named: recorded.type) else { return nil }
        return try open(type, recorded)
    }

    private static func open<E: Event>(_ type: E.Type, _ recorded: RecordedEvent) throws(EventStoreError) -> any Event {
        try recorded.decode(E.self)
    }
}

extension CRMStore {
    /// The history of a record: every event of its stream, in order, with actor, causation and time (the audit
    /// trail of one record). Decode each with ``EventCatalogue/decode(_:)`` or `RecordedEvent.decode(_:)`.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/store(_:)``.
    public func history(of record: EntityRef) async throws(CRMError) -> [RecordedEvent] {
        let stream = try record.streamName()
        do { return try await store.readStream(stream) } catch { throw .store(error) }
    }
}
