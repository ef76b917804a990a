// The child process of the projection crash test (Tests/EventSourcingTests/ProjectionCrashTests.swift): it seeds a
// store, or rebuilds a projection in it while the parent kills it at random moments.
//
//   projection-crash-child seed PATH COUNT     append COUNT events with version 1 of the projection inline
//   projection-crash-child rebuild PATH        run version 2 until its rebuild finishes, then print the state
//   projection-crash-child rebuild-parts PATH  the same for a projection whose values are slow to encode, its
//                                              rebuild writing each batch in commits of 2 records
import EventSourcing
import Foundation

/// Events per stream, times a weight that the version sets; slow on purpose so the parent can kill it mid-rebuild.
struct WeightedStreamCount: Projection {
    var version: UInt32
    var name: String { "weighted-stream-count" }
    var weight: Int { version == 1 ? 1 : 10 }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        if version > 1 { usleep(40) }
        let weight = self.weight
        try records.update(event.stream.rawValue, default: 0) { $0 += weight }
    }
}

/// A count that is slow to encode in the rebuild (see `slowEncoding`), so that the parent's kills often land while a
/// batch is being written in several commits.
struct SlowlyEncodedInt: Codable, Sendable {
    var value: Int

    init(_ value: Int) { self.value = value }

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int.self)
    }

    func encode(to encoder: any Encoder) throws {
        if slowEncoding { usleep(1_000) }
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Set in the `rebuild-parts` mode.
nonisolated(unsafe) var slowEncoding = false

/// Events per stream, times the version's weight, in values that are slow to encode.
struct SlowlyWrittenStreamCount: Projection {
    var version: UInt32
    var name: String { "slowly-written-stream-count" }
    var weight: Int { version == 1 ? 1 : 10 }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<SlowlyEncodedInt>) throws {
        let weight = self.weight
        try records.update(event.stream.rawValue, default: SlowlyEncodedInt(0)) { $0.value += weight }
    }
}

func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

/// Rebuilds `projection` (printing its progress), then prints its state, each value as `count` gives it.
func rebuild<P: Projection>(_ projection: P, in store: EventStore, count: (P.Value) -> Int) async throws {
    try await store.addProjection(projection, mode: .inline)
    try await store.rebuildProjection(projection.name) { progress in
        line("progress \(progress.eventsDone) \(progress.eventsTotal) \(progress.isFinished)")
    }
    var state: [String] = []
    try store.read { snapshot in
        try snapshot.forEachValue(of: projection) { key, value in
            state.append("\(key)=\(count(value))")
            return true
        }
    }
    line("state \(state.joined(separator: ","))")
}

func run() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 3 else {
        line("usage: projection-crash-child seed PATH COUNT | rebuild PATH")
        exit(2)
    }
    var configuration = EventStoreConfiguration()
    configuration.projectionBatchSize = 100
    configuration.projectionRebuildBatchSize = 100
    if arguments[1] == "rebuild-parts" {
        configuration.projectionRebuildCommitRecords = 2
        slowEncoding = true
    }
    let store = try EventStore(path: arguments[2], configuration: configuration)
    switch arguments[1] {
    case "seed":
        let count = Int(arguments.count > 3 ? arguments[3] : "0") ?? 0
        try await store.addProjection(WeightedStreamCount(version: 1), mode: .inline)
        try await store.addProjection(SlowlyWrittenStreamCount(version: 1), mode: .inline)
        var start = 0
        while start < count {
            let events = (start..<min(start + 500, count)).map { number in
                (try? StreamName("item-\(number % 50)")).map { ($0, NewEvent(type: "Counted", payload: [])) }
            }
            var writes: [StreamName: [NewEvent]] = [:]
            for case let (stream, event)? in events { writes[stream, default: []].append(event) }
            try await store.append(writes.map { StreamWrite(stream: $0.key, events: $0.value) })
            start += 500
        }
        line("seeded \(try store.head())")
    case "rebuild":
        try await rebuild(WeightedStreamCount(version: 2), in: store) { $0 }
    case "rebuild-parts":
        try await rebuild(SlowlyWrittenStreamCount(version: 2), in: store) { $0.value }
    default:
        line("unknown mode \(arguments[1])")
        exit(2)
    }
    store.close()
}

do {
    try await run()
} catch {
    line("error \(error)")
    exit(1)
}
