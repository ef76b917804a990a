/// An event as an export recorded it: the envelope with its place in the log, ready to be imported.
public struct ImportedEvent: Sendable, Hashable {
    /// The event (id, type, schema version, codec, payload, occurred time, actor, correlation, causation,
    /// metadata).
    public var event: NewEvent
    /// Its stream.
    public var stream: StreamName
    /// Its version in the stream.
    public var streamVersion: UInt64
    /// Its position in the exported log.
    public var position: LogPosition
    /// When the exporting store recorded it.
    public var recordedAt: Timestamp
    /// The chain hash the exporting store computed, when the export carried it.
    public var chainHash: ChainHash?

    /// Creates an imported event.
    public init(
        event: NewEvent, stream: StreamName, streamVersion: UInt64, position: LogPosition, recordedAt: Timestamp,
        chainHash: ChainHash? = nil
    ) {
        self.event = event
        self.stream = stream
        self.streamVersion = streamVersion
        self.position = position
        self.recordedAt = recordedAt
        self.chainHash = chainHash
    }

    /// The recorded event as it was exported.
    public init(_ recorded: RecordedEvent) {
        self.init(
            event: NewEvent(
                id: recorded.id, type: recorded.type, schemaVersion: recorded.schemaVersion,
                payloadCodec: recorded.payloadCodec, payload: recorded.payload, occurredAt: recorded.occurredAt,
                actor: recorded.actor, correlationID: recorded.correlationID, causationID: recorded.causationID,
                metadata: recorded.metadata),
            stream: recorded.stream, streamVersion: recorded.streamVersion, position: recorded.position,
            recordedAt: recorded.recordedAt, chainHash: recorded.chainHash)
    }
}

/// How an import places events in the store.
public enum ImportMode: Sendable, Hashable {
    /// Every event keeps its position, stream version, recorded time and id, so the imported log is the exported
    /// one, chain hashes included (each line's hash is checked). The store must end just before the first
    /// imported position: empty for a whole export, or at the `--after` position of an incremental one.
    case preservePositions
    /// The events are appended as new ones: positions, stream versions and recorded times are assigned anew; ids
    /// are kept, so importing the same events twice writes them once.
    case appendAsNew
}

/// What an import did.
public struct ImportSummary: Sendable, Hashable {
    /// Lines read (blank lines included).
    public var lines: Int
    /// Events written.
    public var imported: Int
    /// Events already in the store with the same content (only with ``ImportMode/appendAsNew``).
    public var alreadyPresent: Int
    /// The store's head afterwards.
    public var head: LogPosition
}
