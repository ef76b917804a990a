// What the reliability tests and their child process (Tests/ReliabilityChild) share: the projections the child
// runs, the workload it appends, and the event of the optimistic-concurrency race. Test-only; not a product.
public import EventSourcing

/// Inline: the number of events of each stream (key: the stream's name).
public struct EventsPerStream: Projection {
    /// Creates the projection.
    public init() {}
    /// `events-per-stream`.
    public var name: String { "events-per-stream" }
    /// 1.
    public var version: UInt32 { 1 }

    /// Counts the event under its stream.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        try records.update(event.stream.rawValue, default: 0) { $0 += 1 }
    }
}

/// Asynchronous: the number of events of each type, and the sum of the positions (a checksum that an event
/// applied twice, or skipped, changes).
public struct EventsPerType: Projection {
    /// Creates the projection.
    public init() {}
    /// `events-per-type`.
    public var name: String { "events-per-type" }
    /// 1.
    public var version: UInt32 { 1 }

    /// Counts the event under its type, and adds its position under `position-sum`.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        try records.update(event.type, default: 0) { $0 += 1 }
        try records.update("position-sum", default: 0) { $0 += Int(event.position.rawValue) }
    }
}

/// One step of the optimistic-concurrency race: `worker`'s `task` read the stream at version `basedOn`.
public struct Increment: Event {
    /// `Increment`.
    public static let eventType = "Increment"
    /// The process that wrote it.
    public var worker: Int
    /// The task in that process.
    public var task: Int
    /// The stream version the writer read before appending.
    public var basedOn: UInt64

    /// Creates the event.
    public init(worker: Int, task: Int, basedOn: UInt64) {
        self.worker = worker
        self.task = task
        self.basedOn = basedOn
    }
}

/// The crash child's appends: one to four streams of twelve, one to three events each, with payloads of a few
/// bytes to a few kilobytes (so that commits span one page or several).
public enum CrashWorkload {
    /// The event types used.
    public static let types = ["Small", "Medium", "Large"]

    /// One append's writes, chosen with `random`.
    public static func writes(using random: inout some RandomNumberGenerator) throws(EventStoreError) -> [StreamWrite] {
        let streamCount = Int.random(in: 0..<4, using: &random) == 0 ? Int.random(in: 2...4, using: &random) : 1
        var chosen: [Int] = []
        while chosen.count < streamCount {
            let stream = Int.random(in: 0..<12, using: &random)
            if !chosen.contains(stream) { chosen.append(stream) }
        }
        var writes: [StreamWrite] = []
        for stream in chosen {
            let count = Int.random(in: 1...3, using: &random)
            let events = (0..<count).map { _ -> NewEvent in
                let kind = Int.random(in: 0..<10, using: &random)
                let (type, size) = kind < 6 ? ("Small", 8) : kind < 9 ? ("Medium", 300) : ("Large", 5_000)
                let payload = (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
                return NewEvent(type: type, payload: payload)
            }
            writes.append(StreamWrite(stream: try StreamName("item-\(stream)"), events: events))
        }
        return writes
    }
}

/// The optimistic-concurrency race: read a counter stream's version, append one ``Increment`` expecting exactly that
/// version, retry on a conflict.
public enum OptimisticRace {
    /// What one try did.
    public enum Outcome: Sendable {
        /// Appended as `version` of `stream`, at `position`.
        case appended(id: EventID, stream: String, version: UInt64, position: UInt64)
        /// Refused: the stream was at `actual`, not at the version read.
        case conflict(id: EventID, stream: String, read: UInt64, actual: UInt64)

        /// The line the child prints for it.
        public var line: String {
            switch self {
            case .appended(let id, let stream, let version, let position): return "ok \(id) \(stream) \(version) \(position)"
            case .conflict(let id, let stream, let read, let actual): return "conflict \(id) \(stream) \(read) \(actual)"
            }
        }

        /// Parses a line printed by the child.
        public init?(line: String) {
            let parts = line.split(separator: " ").map(String.init)
            guard parts.count == 5, let id = EventID(parts[1]), let a = UInt64(parts[3]), let b = UInt64(parts[4]) else {
                return nil
            }
            switch parts[0] {
            case "ok": self = .appended(id: id, stream: parts[2], version: a, position: b)
            case "conflict": self = .conflict(id: id, stream: parts[2], read: a, actual: b)
            default: return nil
            }
        }
    }

    /// Runs `tasks` tasks until each has `successes` appends; `report` hears every try.
    public static func run(
        store: EventStore, worker: Int, tasks: Int, streams: Int, successes: Int,
        report: @escaping @Sendable (Outcome) -> Void
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var done = 0
                    var turn = UInt64(worker * 7_919 + task * 104_729)
                    while done < successes {
                        turn = turn &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        let stream = try StreamName("counter-\(Int(turn >> 33) % streams)")
                        let version = try await store.version(of: stream)
                        let event = try NewEvent(
                            Increment(worker: worker, task: task, basedOn: version), actor: "worker-\(worker)")
                        do {
                            let result = try await store.append([event], to: stream, expecting: .exactly(version))
                            done += 1
                            report(.appended(id: event.id, stream: stream.rawValue, version: version + 1,
                                position: result.positions[0].rawValue))
                        } catch EventStoreError.wrongExpectedVersion(_, _, let actual) {
                            report(.conflict(id: event.id, stream: stream.rawValue, read: version, actual: actual))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
