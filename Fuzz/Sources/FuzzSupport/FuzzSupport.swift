// What the harnesses share: libFuzzer's driver behind SwiftPM's entry point, and the seeds of their corpora.
import CFuzzerDriver
import EventSourcing
import Foundation

/// What a harness's seeds are.
public enum SeedKind: Sendable {
    /// Record bytes, as the `events` database holds them.
    case records
    /// Lines of a JSON Lines export.
    case jsonLines
    /// CSV imports: a separator, a column mapping and a CSV file (see ``CSVImportInput``).
    case csvImport
    /// Command arguments: amounts, dates, times and stages (see ``CommandInput``).
    case commandInputs
}

/// Runs libFuzzer on `callback`, or, when `RAPPORT_FUZZ_SEEDS=DIR` is set, writes valid inputs into DIR and
/// returns (so that the fuzzer starts from inputs that pass the first checks).
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, seeds: SeedKind,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    if let directory = ProcessInfo.processInfo.environment["RAPPORT_FUZZ_SEEDS"] {
        let done = DispatchSemaphore(value: 0)
        let failure = Failure()
        Task {
            do { try await writeSeeds(seeds, into: directory) } catch { failure.text = "\(error)" }
            done.signal()
        }
        done.wait()
        if let text = failure.text { print("seeds: \(text)") }
        return failure.text == nil ? 0 : 1
    }
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}

/// What the seed task failed with, if anything.
final class Failure: @unchecked Sendable {
    // @unchecked: written by the task before it signals, read after the wait.
    var text: String?
}

/// Writes seed inputs of `kind` into `directory`, so that the fuzzer starts from valid inputs rather than from bytes
/// that fail the first check.
func writeSeeds(_ kind: SeedKind, into directory: String) async throws {
    let seeds: [[UInt8]]
    switch kind {
    case .records: seeds = try await storeSeeds(jsonLines: false)
    case .jsonLines: seeds = try await storeSeeds(jsonLines: true)
    case .csvImport: seeds = CSVImportInput.seeds.map { Array($0.utf8) }
    case .commandInputs: seeds = CommandInput.seeds.map { Array($0.utf8) }
    }
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (number, seed) in seeds.enumerated() {
        try Data(seed).write(to: URL(fileURLWithPath: directory + "/seed-\(number)"))
    }
}

/// The records (or JSON Lines) of a small store of varied events.
func storeSeeds(jsonLines: Bool) async throws -> [[UInt8]] {
    let path = NSTemporaryDirectory() + "rapport-fuzz-seeds-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: path) }
    var configuration = EventStoreConfiguration()
    configuration.durability = .none
    let store = try EventStore(path: path, configuration: configuration)
    defer { store.close() }
    for number in 0..<24 {
        let event = try NewEvent(
            Sample(name: "sample \(number)", amount: number * 37, tags: (0..<(number % 4)).map { "tag-\($0)" }),
            actor: number % 3 == 0 ? "actor-\(number)" : nil, correlationID: number % 5 == 0 ? .make() : nil,
            metadata: number % 2 == 0 ? ["key": "value \(number)"] : [:])
        try await store.append([event], to: try StreamName("seed-\(number % 5)"))
    }
    var seeds: [[UInt8]] = []
    if jsonLines {
        try store.exportJSONLines { text in
            for line in text.split(separator: "\n") { seeds.append(Array(line.utf8)) }
        }
    } else {
        try store.read { snapshot in
            try snapshot.forEach { view in
                seeds.append(Array(view.bytes))
                return true
            }
        }
    }
    return seeds
}

/// The payload of the seed events.
struct Sample: Event {
    static let eventType = "Sample"
    var name: String
    var amount: Int
    var tags: [String]
}
