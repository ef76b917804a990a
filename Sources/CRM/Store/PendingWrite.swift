import EventSourcing

/// One event a command decided to append, with its id fixed in advance so that other events of the same
/// append can name it (an automatic promotion names the event that triggered it).
struct PendingEvent: Sendable {
    var id: EventID
    var event: any Event
    /// Overrides the command's causation (an automatic promotion is caused by its triggering event).
    var causationID: EventID?

    init(_ event: any Event, id: EventID = .make(), causationID: EventID? = nil) {
        self.id = id
        self.event = event
        self.causationID = causationID
    }
}

/// The events a command appends to one stream, with the version it read.
struct PendingWrite: Sendable {
    var stream: StreamName
    var expectedVersion: ExpectedVersion
    var events: [PendingEvent]

    /// A write expecting the stream at `version` (`.noStream` for 0).
    init(_ stream: StreamName, at version: UInt64, _ events: [PendingEvent]) {
        self.stream = stream
        self.expectedVersion = version == 0 ? .noStream : .exactly(version)
        self.events = events
    }
}
