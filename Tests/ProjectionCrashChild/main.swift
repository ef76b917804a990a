// The child process of the projection crash test (Tests/EventSourcingTests/ProjectionCrashTests.swift): it seeds a
// store, or rebuilds a projection in it while the parent kills it at random moments.
//
//   projection-crash-child seed PATH COUNT     append COUNT events with version 1 of the projection inline
//   projection-crash-child rebuild PATH        run version 2 until its rebuild finishes, then print the state
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

func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

func run() async throws {
    let arguments = CommandLine.arguments
    guard arguments.count >= 3 else {
        line("usage: projection-crash-child seed PATH COUNT | rebuild PATH")
        exit(2)
    }
    var configuration = EventStoreConfiguration()
    configuration.projectionBatchSize = 100
    let store = try EventStore(path: arguments[2], configuration: configuration)
    switch arguments[1] {
    case "seed":
        let count = Int(arguments.count > 3 ? arguments[3] : "0") ?? 0
        try await store.addProjection(WeightedStreamCount(version: 1), mode: .inline)
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
        let projection = WeightedStreamCount(version: 2)
        try await store.addProjection(projection, mode: .inline)
        try await store.rebuildProjection(projection.name) { progress in
            line("progress \(progress.eventsDone) \(progress.eventsTotal) \(progress.isFinished)")
        }
        var state: [String] = []
        try store.read { snapshot in
            try snapshot.forEachValue(of: projection) { key, value in
                state.append("\(key)=\(value)")
                return true
            }
        }
        line("state \(state.joined(separator: ","))")
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
