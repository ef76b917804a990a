import EventSourcing
import Foundation
import LMDB
import ReliabilityFixtures
import Testing

/// Several processes opening the same store: three child processes and this one race on a few counter streams with
/// optimistic concurrency (read the version, append expecting exactly it), four tasks each, with index merges every
/// 40 events so that each process's in-memory tail index goes stale under the others' commits.
@Suite("Several processes on one store")
struct MultiProcessTests {
    static let processes = 3
    static let tasks = 4
    static let streams = 3
    static let successes = 15

    @Test func concurrentWritersAcrossProcessesLoseNoUpdateAndReportEveryConflict() async throws {
        let directory = try ScratchDirectory("multi")
        defer { directory.remove() }
        let path = directory.file("store")
        var configuration = EventStoreConfiguration()
        configuration.initialMapSize = 1 << 20
        configuration.indexMergeThreshold = 40
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }

        let children = try (1...Self.processes).map { worker in
            try ChildProcess(["writer", path, "\(worker)", "\(Self.tasks)", "\(Self.streams)", "\(Self.successes)"])
        }
        let local = Locked<[OptimisticRace.Outcome]>([])
        try await OptimisticRace.run(
            store: store, worker: 0, tasks: Self.tasks, streams: Self.streams, successes: Self.successes
        ) { outcome in local.withLock { $0.append(outcome) } }
        var outcomes = local.withLock { $0 }
        for child in children {
            let (lines, status) = try await child.waitForExit()
            #expect(status == 0, "a writer failed: \(lines.suffix(3))")
            #expect(lines.last == "done")
            outcomes.append(contentsOf: lines.compactMap(OptimisticRace.Outcome.init(line:)))
        }

        var appended: [EventID: (stream: String, version: UInt64, position: UInt64)] = [:]
        var conflicts: Set<EventID> = []
        for outcome in outcomes {
            switch outcome {
            case .appended(let id, let stream, let version, let position): appended[id] = (stream, version, position)
            case .conflict(let id, _, let read, let actual):
                conflicts.insert(id)
                #expect(actual > read, "a conflict must name a newer version than the one read")
            }
        }
        let writers = Self.processes + 1
        #expect(appended.count == writers * Self.tasks * Self.successes)

        // What the log holds, read by this process (whose tail index the children's appends made stale).
        let events = try await store.readAll()
        #expect(events.map(\.position.rawValue) == Array(1...UInt64(appended.count)), "positions are 1...n, no gap, no duplicate")
        #expect(Set(events.map(\.id)) == Set(appended.keys), "exactly the acknowledged appends are in the log")
        #expect(conflicts.isDisjoint(with: Set(events.map(\.id))), "no refused append was written")
        var lastVersion: [String: UInt64] = [:]
        for event in events {
            let increment = try event.decode(Increment.self)
            // No lost update: every event was written on top of the version its writer read.
            #expect(increment.basedOn == event.streamVersion - 1, "event \(event.position) was based on a stale read")
            #expect(event.streamVersion == (lastVersion[event.stream.rawValue] ?? 0) + 1)
            lastVersion[event.stream.rawValue] = event.streamVersion
            let acknowledged = appended[event.id]
            #expect(acknowledged?.version == event.streamVersion && acknowledged?.position == event.position.rawValue)
        }
        for stream in Set(events.map(\.stream)) {
            #expect(try await store.version(of: stream) == lastVersion[stream.rawValue])
            #expect(try await store.readStream(stream).count == Int(lastVersion[stream.rawValue] ?? 0))
        }
        #expect(try store.verify().isIntact)
        print(
            "multi-process: \(writers) processes x \(Self.tasks) tasks on \(Self.streams) streams: \(appended.count) appends, "
                + "\(conflicts.count) conflicts reported, none lost or duplicated")
        // The race really raced (with 16 writers on 3 streams, conflicts are certain).
        #expect(!conflicts.isEmpty)
    }

    /// Another process's appends reach this process's asynchronous projection and live subscription without this
    /// process appending anything (before the fix they waited for this process's next append).
    @Test func anotherProcessesAppendsReachThisProcessesProjectionsAndSubscriptions() async throws {
        let directory = try ScratchDirectory("foreign")
        defer { directory.remove() }
        let path = directory.file("store")
        var configuration = EventStoreConfiguration()
        configuration.initialMapSize = 1 << 20
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }
        try await store.addProjection(EventsPerType(), mode: .async)
        let subscription = try store.subscribe(from: .start)
        let child = try ChildProcess(["writer", path, "1", "2", "2", "10"])
        let (lines, status) = try await child.waitForExit()
        #expect(status == 0, "\(lines.suffix(3))")
        let head = try store.head()
        #expect(head.rawValue == 20)

        let reached = try await Self.within(.seconds(20)) {
            try await store.waitForProjection(EventsPerType().name, toReach: head)
            var seen = 0
            for try await event in subscription {
                seen += 1
                if event.position == head { break }
            }
            return seen
        }
        #expect(reached == 20, "the projection and the subscription did not hear of the other process's 20 appends")
        #expect(try store.value(of: EventsPerType(), forKey: Increment.eventType) == 20)
    }

    /// `body`'s result, or `nil` when it takes longer than `limit` (it is then cancelled).
    static func within<R: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> R) async throws -> R? {
        try await withThrowingTaskGroup(of: R?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
