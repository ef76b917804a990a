import Foundation
public import LMDB

/// An append-only, tamper-evident event log in an LMDB file: the heart of Rapport.
///
/// Open one store per path and share it: it is `Sendable`, appends from many tasks are grouped into shared
/// durable commits, and reads run in consistent snapshots that never wait for writers.
///
/// ```swift
/// let store = try EventStore(path: "/var/lib/app/events")
/// let stream = try StreamName("customer-42")
/// let event = try NewEvent(CustomerRegistered(name: "Ada"), actor: "user-7")
/// let result = try await store.append([event], to: stream, expecting: .noStream)
/// let history = try store.read { try $0.readStream(stream) }
/// ```
///
/// What an append guarantees:
/// - **Atomic**: the events of one call, across any number of streams, are all recorded or none is.
/// - **Checked**: each stream's ``ExpectedVersion`` holds, or the call throws
///   ``EventStoreError/wrongExpectedVersion(stream:expected:actual:)`` naming the actual version.
/// - **Idempotent**: events whose ids were recorded before (with the same content) are not written again; the
///   call returns their original positions, even after a restart.
/// - **Ordered**: every event gets the next global ``LogPosition`` (no gaps, in commit order) and the next
///   version of its stream.
/// - **Durable** (by default): when the call returns, a power cut cannot lose the events. See ``Durability``.
public final class EventStore: Sendable {
    /// The store's directory.
    public let path: String
    /// The configuration the store was opened with.
    public let configuration: EventStoreConfiguration
    /// The LMDB environment underneath, for projections that keep their state in the same file.
    public let environment: Environment

    let index: StreamIndex
    let projections: ProjectionHost
    private let writer: LogWriter?

    /// Opens the store at `path` (a directory), creating it when missing.
    /// - Throws: ``EventStoreError``: ``EventStoreError/unsupportedFormat(found:supported:)`` for a store written
    ///   by a newer library, ``EventStoreError/storage(_:)`` for file-system and LMDB problems.
    public init(path: String, configuration: EventStoreConfiguration = EventStoreConfiguration()) throws(EventStoreError) {
        var environmentConfiguration = EnvironmentConfiguration()
        environmentConfiguration.mapSize = configuration.initialMapSize
        environmentConfiguration.maximumMapSize = max(configuration.maximumMapSize, configuration.initialMapSize)
        environmentConfiguration.maxDatabases = 64
        switch configuration.durability {
        case .durable: break
        case .lastCommitsAtRisk: environmentConfiguration.flags.insert(.noMetaSync)
        case .none: environmentConfiguration.flags.insert(.noSync)
        }
        if configuration.readOnly { environmentConfiguration.flags.insert(.readOnly) }
        let environment: Environment
        do {
            environment = try Environment(path: path, configuration: environmentConfiguration)
        } catch {
            throw .storage(error)
        }
        let layout = try mapErrors { try StoreLayout.open(
                in: environment, readOnly: configuration.readOnly, masterKey: configuration.masterKey) }
        self.path = environment.path
        self.configuration = configuration
        self.environment = environment
        self.index = StreamIndex(layout: layout, recent: RecentIndex())
        let head = try mapErrors { try environment.read { txn in try layout.lastPosition(txn) } }
        let projections = ProjectionHost(
            environment: environment, layout: layout, configuration: configuration, head: head)
        self.projections = projections
        self.writer =
            configuration.readOnly
            ? nil
            : LogWriter(environment: environment, index: index, projections: projections, configuration: configuration)
    }

    deinit {
        projections.close()
        writer?.stop()
    }

    /// Finishes the appends in flight and the projection batch in progress, merges the tail index, and closes
    /// the store.
    ///
    /// Later appends fail with ``EventStoreError/closed``; subscriptions end and waiters are released.
    public func close() {
        projections.close()
        writer?.stop()
        environment.close()
    }

    // MARK: - Appending

    /// Appends events to several streams in one atomic, durable commit.
    ///
    /// Concurrent calls are grouped into shared commits; each call's expectations are checked on their own, so a
    /// conflict fails only that call.
    /// - Returns: the positions given to the events, in order, and each stream's new version.
    /// - Throws: ``EventStoreError``: ``EventStoreError/wrongExpectedVersion(stream:expected:actual:)``,
    ///   ``EventStoreError/duplicateEventID(_:recordedAt:)``, ``EventStoreError/partiallyRecorded(recorded:new:)``,
    ///   ``EventStoreError/invalidInput(_:)``, ``EventStoreError/storage(_:)``. Nothing is written when it throws.
    ///
    /// Cancelling the calling task does not withdraw an append that was already handed to the writer.
    @discardableResult
    public func append(_ writes: [StreamWrite]) async throws(EventStoreError) -> AppendResult {
        try await submit(writes, sideEffect: nil)
    }

    /// Seals the writes' personal data, validates them and hands them to the writer; `sideEffect` runs in the
    /// append's transaction once its expectations held.
    func submit(_ writes: [StreamWrite], sideEffect: LogWriter.SideEffect?) async throws(EventStoreError)
        -> AppendResult
    {
        guard let writer else { throw .invalidInput("the store was opened read-only") }
        let writes = try sealPersonalData(writes)
        let count = try validate(writes)
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<AppendResult, EventStoreError>, Never>) in
            writer.submit(writes, eventCount: count, sideEffect: sideEffect) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    /// Appends events to one stream in one atomic, durable commit.
    /// - Throws: see ``append(_:)``.
    @discardableResult
    public func append(_ events: [NewEvent], to stream: StreamName, expecting expectedVersion: ExpectedVersion = .any)
        async throws(EventStoreError) -> AppendResult
    {
        try await append([StreamWrite(stream: stream, expectedVersion: expectedVersion, events: events)])
    }

    /// Whether `text` holds a control character (checked over its contiguous UTF-8, not byte by byte through
    /// the `String` view).
    private static func hasControlCharacters(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in utf8.contains { $0 < 0x20 || $0 == 0x7F } }
    }

    /// Checks what can be checked without the log; returns the number of events.
    private func validate(_ writes: [StreamWrite]) throws(EventStoreError) -> Int {
        guard !writes.isEmpty else { throw .invalidInput("an append needs at least one stream") }
        var streams: Set<StreamName> = []
        var ids: Set<EventID> = []
        streams.reserveCapacity(writes.count)
        ids.reserveCapacity(writes.reduce(0) { $0 + $1.events.count })
        var count = 0
        for write in writes {
            guard streams.insert(write.stream).inserted else {
                throw .invalidInput("stream '\(write.stream)' appears twice in one append; put its events in one StreamWrite")
            }
            guard !write.events.isEmpty else { throw .invalidInput("the write to '\(write.stream)' has no events") }
            if case .exactly(let version) = write.expectedVersion, version > UInt64(Int64.max) {
                throw .invalidInput("expected version \(version) is out of range")
            }
            for event in write.events {
                guard ids.insert(event.id).inserted else {
                    throw .invalidInput("event id \(event.id) appears twice in one append")
                }
                try validate(event, in: write.stream)
            }
            count += write.events.count
        }
        return count
    }

    /// Checks one event's envelope and size.
    func validate(_ event: NewEvent, in stream: StreamName) throws(EventStoreError) {
        guard !event.type.isEmpty, event.type.utf8.count <= 255, !Self.hasControlCharacters(event.type) else {
            throw .invalidInput(
                "an event type name must be 1 to 255 bytes without control characters (got \(event.type.debugDescription))")
        }
        if let actor = event.actor, actor.utf8.count > 255 {
            throw .invalidInput("an actor must be at most 255 bytes (got \(actor.utf8.count))")
        }
        let size = EventRecord.encodedSize(of: event, stream: stream)
        guard size <= configuration.maximumEventSize else {
            throw .invalidInput(
                "event \(event.id) of type \(event.type) is \(size) bytes; the limit is \(configuration.maximumEventSize)")
        }
    }

    // MARK: - Reading

    /// Runs `body` with a consistent snapshot of the store.
    ///
    /// Keep `body` short: a snapshot holds on to the pages it sees. For long scans use
    /// ``LogSnapshot/forEach(after:filter:_:)`` in slices.
    /// - Throws: ``EventStoreError`` or what `body` throws.
    public func read<R>(_ body: (borrowing LogSnapshot) throws -> R) throws -> R {
        do {
            return try environment.read { txn in
                let layout = index.layout
                let head = try layout.lastPosition(txn)
                let indexed = try layout.indexedThrough(txn)
                try index.recent.catchUp(through: head, indexedThrough: indexed, in: txn, layout: layout)
                let snapshot = LogSnapshot(
                    txn: SnapshotTransaction(pointer: txn.pointer), index: index,
                    bounds: StreamIndex.Bounds(head: head, indexedThrough: indexed),
                    upcasters: configuration.upcasters, projections: projections, keys: layout.keys)
                return try body(snapshot)
            }
        } catch let error as LMDBError {
            throw error.code == .environmentClosed ? EventStoreError.closed : EventStoreError.storage(error)
        }
    }

    /// The position of the last event.
    /// - Throws: ``EventStoreError``.
    public func head() throws(EventStoreError) -> LogPosition {
        try mapErrors { try read { $0.head } }
    }

    /// A stream's events (see ``LogSnapshot/readStream(_:from:direction:limit:)``).
    /// - Throws: ``EventStoreError``.
    public func readStream(
        _ stream: StreamName, from version: UInt64? = nil, direction: ReadDirection = .forward, limit: Int = .max
    ) async throws(EventStoreError) -> [RecordedEvent] {
        try mapErrors { try read { try $0.readStream(stream, from: version, direction: direction, limit: limit) } }
    }

    /// Events of the whole log (see ``LogSnapshot/readAll(after:filter:limit:)``).
    /// - Throws: ``EventStoreError``.
    public func readAll(after position: LogPosition = .start, filter: EventFilter = .all, limit: Int = .max)
        async throws(EventStoreError) -> [RecordedEvent]
    {
        try mapErrors { try read { try $0.readAll(after: position, filter: filter, limit: limit) } }
    }

    /// A stream's version: its number of events, 0 when it does not exist.
    /// - Throws: ``EventStoreError``.
    public func version(of stream: StreamName) async throws(EventStoreError) -> UInt64 {
        try mapErrors { try read { try $0.version(of: stream) } }
    }

    /// The names of the streams in `category`, sorted.
    /// - Throws: ``EventStoreError``.
    public func streams(inCategory category: String) async throws(EventStoreError) -> [StreamName] {
        try mapErrors { try read { try $0.streams(inCategory: category) } }
    }

    /// The event with identifier `id`, if the store has it.
    /// - Throws: ``EventStoreError``.
    public func event(id: EventID) async throws(EventStoreError) -> RecordedEvent? {
        try mapErrors { try read { try $0.event(id: id) } }
    }
}
