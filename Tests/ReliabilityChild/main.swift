// The child process of the reliability tests (Tests/ReliabilityTests): it appends to a store until the parent kills
// it, or races other processes with optimistic concurrency.
//
//   reliability-child crash PATH SIDE SEED [nosync]
//       four tasks append single and grouped events forever, with an inline and an async projection; after each
//       acknowledged append a line "A id@position ..." is written to SIDE and synced (fsync) before the next one.
//   reliability-child soak PATH SECONDS
//       eight tasks of mixed appends and reads and a subscription for SECONDS; prints "rss KIB" each second and
//       "totals ..." at the end.
//   reliability-child scan PATH
//       opens a possibly damaged store read-only, reads and verifies it; prints "read N intact BOOL" or
//       "typed-error ...".
//   reliability-child writer PATH WORKER TASKS STREAMS SUCCESSES
//       TASKS tasks each read a stream's version and append one event expecting exactly that version, until they
//       have SUCCESSES successful appends; prints "ok ID STREAM VERSION POSITION" or "conflict ID STREAM" per try.
import EventSourcing
import Foundation
import ReliabilityFixtures

#if canImport(Glibc)
import Glibc
#endif

func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// An append-only side file, synced after each line.
final class SideFile: @unchecked Sendable {
    // @unchecked: `descriptor` is written only with `lock` held.
    private let descriptor: Int32
    private let lock = NSLock()

    init(path: String) throws {
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw EventStoreError.invalidInput("cannot open side file \(path)") }
    }

    func record(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        let bytes = Array((text + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
    }
}

/// A small deterministic generator (SplitMix64), so a seed reproduces a child's choices.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func crash(path: String, side: String, seed: UInt64, noSync: Bool) async throws {
    var configuration = EventStoreConfiguration()
    configuration.projectionBatchSize = 25
    configuration.initialMapSize = 1 << 20
    if noSync { configuration.durability = .none }
    let store = try EventStore(path: path, configuration: configuration)
    try await store.addProjection(EventsPerStream(), mode: .inline)
    try await store.addProjection(EventsPerType(), mode: .async)
    let sideFile = try SideFile(path: side)
    line("ready")
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<4 {
            group.addTask {
                var random = SplitMix(state: seed &* 31 &+ UInt64(task))
                while true {
                    let writes = try CrashWorkload.writes(using: &random)
                    let result = try await store.append(writes)
                    let ids = writes.flatMap { $0.events.map(\.id) }
                    let pairs = zip(ids, result.positions).map { "\($0.0)@\($0.1.rawValue)" }
                    sideFile.record("A " + pairs.joined(separator: " "))
                }
            }
        }
        try await group.waitForAll()
    }
}

func writer(path: String, worker: Int, tasks: Int, streams: Int, successes: Int) async throws {
    var configuration = EventStoreConfiguration()
    configuration.initialMapSize = 1 << 20
    // Index merges while the other processes append, so that each one's in-memory tail index goes stale.
    configuration.indexMergeThreshold = 40
    let store = try EventStore(path: path, configuration: configuration)
    line("ready")
    try await OptimisticRace.run(store: store, worker: worker, tasks: tasks, streams: streams, successes: successes) {
        line($0.line)
    }
    store.close()
    line("done")
}

/// Opens a (possibly damaged) store read-only, reads every event and verifies it; prints what happened. Run in a
/// child so that a damaged file that crashed the process would show as a signal, not take the tests down.
func scan(path: String) async {
    var configuration = EventStoreConfiguration()
    configuration.readOnly = true
    do {
        let store = try EventStore(path: path, configuration: configuration)
        let events = try await store.readAll()
        let report = try store.verify()
        line("read \(events.count) intact \(report.isIntact) \(report.problem.map { "\($0)" } ?? "")")
        store.close()
    } catch {
        line("typed-error \(error)")
    }
}

/// The anonymous resident memory of this process (`RssAnon`), in KiB; mapped store pages are not counted.
func anonymousResidentKiB() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for entry in status.split(separator: "\n") where entry.hasPrefix("RssAnon:") {
        return Int(entry.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

/// Mixed appends and reads from eight tasks and a subscription for `seconds`; prints memory samples each second
/// and the totals.
func soak(path: String, seconds: Int) async throws {
    var configuration = EventStoreConfiguration()
    configuration.initialMapSize = 1 << 20
    configuration.durability = .lastCommitsAtRisk
    let store = try EventStore(path: path, configuration: configuration)
    try await store.addProjection(EventsPerStream(), mode: .inline)
    try await store.addProjection(EventsPerType(), mode: .async)
    let deadline = ContinuousClock.now + .seconds(seconds)
    let subscription = try store.subscribe(from: .start)
    let subscriber = Task {
        var seen = 0
        var last: UInt64 = 0
        for try await event in subscription {
            guard event.position.rawValue == last + 1 else { throw EventStoreError.invalidInput("subscription gap at \(last)") }
            last = event.position.rawValue
            seen += 1
            if event.type == "End" { break }
        }
        return seen
    }
    let sampler = Task {
        while ContinuousClock.now < deadline {
            line("rss \(anonymousResidentKiB())")
            try await Task.sleep(for: .seconds(1))
        }
    }
    let counts = try await withThrowingTaskGroup(of: (Int, Int, Int).self) { group in
        for task in 0..<8 {
            group.addTask {
                var random = SplitMix(state: UInt64(task + 1))
                var (appends, conflicts, reads) = (0, 0, 0)
                while ContinuousClock.now < deadline {
                    let stream = try StreamName("soak-\(Int.random(in: 0..<50, using: &random))")
                    switch Int.random(in: 0..<20, using: &random) {
                    case 0..<8:
                        let events = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                            NewEvent(type: CrashWorkload.types[Int.random(in: 0..<3, using: &random)], payload: [1, 2, 3])
                        }
                        try await store.append(events, to: stream)
                        appends += 1
                    case 8..<10:
                        let version = try await store.version(of: stream)
                        do {
                            try await store.append([NewEvent(type: "Small", payload: [])], to: stream, expecting: .exactly(version))
                            appends += 1
                        } catch EventStoreError.wrongExpectedVersion {
                            conflicts += 1
                        }
                    case 10..<15:
                        let events = try await store.readStream(stream)
                        guard events.enumerated().allSatisfy({ $0.element.streamVersion == UInt64($0.offset + 1) }) else {
                            throw EventStoreError.invalidInput("stream \(stream) read with a version gap")
                        }
                        reads += 1
                    case 15..<18:
                        let value = try store.value(of: EventsPerStream(), forKey: stream.rawValue) ?? 0
                        let version = try await store.version(of: stream)
                        // Inline: a read after the version read can only see more.
                        guard value <= Int(version) + 3 * 8 else { throw EventStoreError.invalidInput("inline count ahead") }
                        reads += 1
                    default:
                        _ = try await store.readAll(after: LogPosition(UInt64(Int.random(in: 0..<1_000, using: &random))), limit: 50)
                        reads += 1
                    }
                }
                return (appends, conflicts, reads)
            }
        }
        var total = (0, 0, 0)
        for try await (a, c, r) in group { total = (total.0 + a, total.1 + c, total.2 + r) }
        return total
    }
    try await sampler.value
    // The last event ends the subscription, which must have seen every one before it.
    let head = try await store.append([NewEvent(type: "End", payload: [])], to: try StreamName("soak-end")).lastPosition
    try await store.waitForProjection(EventsPerType().name, toReach: head)
    let seen = try await subscriber.value
    line("rss \(anonymousResidentKiB())")
    line("totals appends \(counts.0) conflicts \(counts.1) reads \(counts.2) head \(head.rawValue) subscribed \(seen)")
    store.close()
}

func run() async throws {
    let arguments = CommandLine.arguments
    switch arguments.count > 1 ? arguments[1] : "" {
    case "crash" where arguments.count >= 5:
        try await crash(
            path: arguments[2], side: arguments[3], seed: UInt64(arguments[4]) ?? 1,
            noSync: arguments.count > 5 && arguments[5] == "nosync")
    case "writer" where arguments.count >= 7:
        try await writer(
            path: arguments[2], worker: Int(arguments[3]) ?? 0, tasks: Int(arguments[4]) ?? 1,
            streams: Int(arguments[5]) ?? 1, successes: Int(arguments[6]) ?? 1)
    case "soak" where arguments.count >= 4:
        try await soak(path: arguments[2], seconds: Int(arguments[3]) ?? 5)
    case "scan" where arguments.count >= 3:
        await scan(path: arguments[2])
    default:
        line("usage: reliability-child crash PATH SIDE SEED [nosync] | writer PATH WORKER TASKS STREAMS SUCCESSES")
        exit(2)
    }
}

do {
    try await run()
} catch {
    line("error \(error)")
    exit(1)
}
