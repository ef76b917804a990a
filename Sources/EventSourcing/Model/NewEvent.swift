/// An event to append: its identity, type, payload and envelope fields.
///
/// The store adds the rest when it records the event: the global ``LogPosition``, the version within its
/// stream, the recorded time and the chain hash (see ``RecordedEvent``).
///
/// Most code builds one from a typed ``Event``:
///
/// ```swift
/// let event = try NewEvent(CustomerRegistered(name: "Ada"), actor: "user-7")
/// ```
public struct NewEvent: Sendable, Hashable {
    /// The event's unique identifier; reuse it when retrying an append so that the store records it once.
    public var id: EventID
    /// The stable name of the event's type, such as `CustomerRegistered`.
    public var type: String
    /// The version of the payload's schema, for upcasting old payloads.
    public var schemaVersion: UInt32
    /// The codec that encoded ``payload``.
    public var payloadCodec: PayloadCodecID
    /// The encoded payload.
    public var payload: [UInt8]
    /// When it happened in the business's world (defaults to when it was created).
    public var occurredAt: Timestamp
    /// Who caused it: a user, a service, a job.
    public var actor: String?
    /// Groups the events of one business operation or conversation.
    public var correlationID: EventID?
    /// The command or event that led to this one.
    public var causationID: EventID?
    /// Free key/value metadata.
    public var metadata: [String: String]

    /// Creates an event from an already encoded payload.
    public init(
        id: EventID = .make(), type: String, schemaVersion: UInt32 = 1, payloadCodec: PayloadCodecID = .binary,
        payload: [UInt8], occurredAt: Timestamp = .now(), actor: String? = nil, correlationID: EventID? = nil,
        causationID: EventID? = nil, metadata: [String: String] = [:]
    ) {
        self.id = id
        self.type = type
        self.schemaVersion = schemaVersion
        self.payloadCodec = payloadCodec
        self.payload = payload
        self.occurredAt = occurredAt
        self.actor = actor
        self.correlationID = correlationID
        self.causationID = causationID
        self.metadata = metadata
    }

    /// Creates an event from a typed ``Event``, encoding it with `codec`.
    /// - Throws: ``EventStoreError/codec(_:)`` when the value cannot be encoded.
    public init<E: Event>(
        _ event: E, id: EventID = .make(), occurredAt: Timestamp = .now(), actor: String? = nil,
        correlationID: EventID? = nil, causationID: EventID? = nil, metadata: [String: String] = [:],
        codec: some PayloadCodec = BinaryPayloadCodec()
    ) throws(EventStoreError) {
        let payload: [UInt8]
        do { payload = try codec.encode(event) } catch { throw .codec(error) }
        self.init(
            id: id, type: E.eventType, schemaVersion: E.schemaVersion, payloadCodec: codec.id, payload: payload,
            occurredAt: occurredAt, actor: actor, correlationID: correlationID, causationID: causationID,
            metadata: metadata)
    }
}

/// Events to append to one stream, with what the append expects of the stream.
public struct StreamWrite: Sendable, Hashable {
    /// The stream to append to.
    public var stream: StreamName
    /// What the stream's version must be for the append to go ahead.
    public var expectedVersion: ExpectedVersion
    /// The events, in order.
    public var events: [NewEvent]

    /// Creates a write.
    public init(stream: StreamName, expectedVersion: ExpectedVersion = .any, events: [NewEvent]) {
        self.stream = stream
        self.expectedVersion = expectedVersion
        self.events = events
    }
}

/// Where an append put its events.
public struct AppendResult: Sendable, Hashable {
    /// The events' positions in the global log, in the order they were given.
    public var positions: [LogPosition]
    /// For each stream written, its version after the append.
    public var streamVersions: [StreamName: UInt64]
    /// `true` when every event had been recorded before (same identifiers and content) and nothing was written:
    /// the positions and versions are the original ones.
    public var wasAlreadyRecorded: Bool

    /// The position of the last event, or ``LogPosition/start`` when there was none.
    public var lastPosition: LogPosition { positions.last ?? .start }
}
