import EventSourcing
import Foundation
import LMDB
import Testing

/// The `rapport` tool run as a user would: a child process on real files.
@Suite("rapport tool")
struct ToolTests {
    struct Run {
        var status: Int32
        var output: String
        var error: String
    }

    static func tool() throws -> String {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidate = bundle.appendingPathComponent("rapport").path
        guard FileManager.default.isExecutableFile(atPath: candidate) else { throw ToolTestError.noTool(candidate) }
        return candidate
    }

    enum ToolTestError: Error { case noTool(String) }

    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try tool())
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
            error: String(decoding: err, as: UTF8.self))
    }

    /// A fresh temporary directory and the path of a store inside it (not created yet).
    static func newDirectory() throws -> (directory: URL, store: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, directory.appendingPathComponent("store").path)
    }

    /// A configuration without syncing (tests need no durability).
    static func fastConfiguration() -> EventStoreConfiguration {
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        return configuration
    }

    /// A store of `count` events written through the library, in a fresh directory.
    static func store(count: Int) async throws -> (directory: URL, store: String) {
        let (directory, path) = try newDirectory()
        let store = try EventStore(path: path, configuration: fastConfiguration())
        for number in 1...count {
            let stream = try StreamName(number % 3 == 0 ? "ticket-\(number % 4)" : "customer-\(number % 5)")
            try await store.append([NewEvent(type: number % 2 == 0 ? "Even" : "Odd", payload: [])], to: stream)
        }
        store.close()
        return (directory, path)
    }

    @Test func statsVerifyCheckpointExportAndImportWorkOnRealFiles() async throws {
        let (directory, path) = try await Self.store(count: 30)
        defer { try? FileManager.default.removeItem(at: directory) }

        let stats = try Self.run(["stats", path])
        #expect(stats.status == 0)
        #expect(stats.output.contains("events: 30\n"))
        #expect(stats.output.contains("  customer: 5\n") && stats.output.contains("  ticket: 4\n"))
        #expect(stats.output.contains("  Even: 15\n") && stats.output.contains("  Odd: 15\n"))

        let key = directory.appendingPathComponent("audit.key").path
        try Data((0..<32).map { UInt8($0) }).write(to: URL(fileURLWithPath: key))
        let checkpointFile = directory.appendingPathComponent("checkpoint.json").path
        let checkpoint = try Self.run(["checkpoint", path, "--key-file", key, "--output", checkpointFile])
        #expect(checkpoint.status == 0)
        let written = try LogCheckpoint(jsonText: try String(contentsOfFile: checkpointFile, encoding: .utf8))
        #expect(written.position == 30 && written.signature != nil)

        let verify = try Self.run(["verify", path, "--from-checkpoint", checkpointFile, "--key-file", key])
        #expect(verify.status == 0)
        #expect(verify.output.hasPrefix("intact: 30 events, chain head \(written.chainHash) at position 30"))

        let export = try Self.run(["export", path])
        #expect(export.status == 0)
        #expect(export.output.split(separator: "\n").count == 30)
        #expect(export.error.hasSuffix(", done\nexported 30 events\n"))
        let exportFile = directory.appendingPathComponent("log.jsonl").path
        #expect(try Self.run(["export", path, "--output", exportFile, "--after", "10"]).status == 0)
        #expect(try String(contentsOfFile: exportFile, encoding: .utf8).split(separator: "\n").count == 20)

        let whole = directory.appendingPathComponent("whole.jsonl").path
        try export.output.write(toFile: whole, atomically: true, encoding: .utf8)
        let copy = directory.appendingPathComponent("copy").path
        let imported = try Self.run(["import", copy, whole])
        #expect(imported.status == 0)
        #expect(imported.output == "imported 30 events (0 already present) from 30 lines; head 30\n")
        // The copy verifies on its own (it is another store, with its own id).
        #expect(try Self.run(["verify", copy]).status == 0)
    }

    @Test func problemsAreOneLineOnStandardErrorWithAFailingExitCode() async throws {
        let (directory, path) = try await Self.store(count: 12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try Self.run(["verify", directory.appendingPathComponent("nothing").path])
        #expect(missing.status != 0)
        #expect(missing.error.contains("is not a Rapport store"))

        let bad = directory.appendingPathComponent("bad.jsonl").path
        try "{\"position\":1}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let importBad = try Self.run(["import", directory.appendingPathComponent("fresh").path, bad])
        #expect(importBad.status != 0)
        #expect(importBad.error.contains("line 1 of the import is invalid"))

        // A damaged record: verify names its position and fails.
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let store = try EventStore(path: path, configuration: configuration)
        try damage(store, position: 7)
        store.close()
        let damaged = try Self.run(["verify", path])
        #expect(damaged.status == 1)
        #expect(damaged.output.hasPrefix("NOT INTACT: position 7:"))

        let help = try Self.run(["verify", "--help"])
        #expect(help.status == 0 && help.output.contains("Example"))
    }
}

/// Flips a byte near the end of the record at `position`.
func damage(_ store: EventStore, position: UInt64) throws {
    let events = try store.environment.openDatabase("events")
    let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
    try store.environment.write { txn in
        guard var record = try txn.value(events, forKey: key) else { return }
        record[record.count - 1] ^= 0x01
        try txn.put(events, key: key, value: record)
    }
}
