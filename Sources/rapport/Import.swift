import ArgumentParser
import EventSourcing
import Foundation

/// `rapport import`: JSON Lines into a store.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a JSON Lines export into a store (created when missing).",
        discussion: """
            By default positions, ids, times and chain hashes are kept, so the store must end where the export starts
            (empty for a whole export). An invalid line is reported with its number and nothing of its batch is
            written. Example:

              rapport import /var/lib/crm-copy export.jsonl
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The JSON Lines file.")
    var file: String

    @Flag(help: "Append the events as new ones (new positions and times; ids kept, so a repeat imports nothing).")
    var asNew = false

    func run() async throws {
        guard FileManager.default.fileExists(atPath: file) else { throw ValidationError("\(file) does not exist") }
        let store = try EventStore(path: options.store)
        defer { store.close() }
        let summary = try await store.importJSONLines(fromFile: file, mode: asNew ? .appendAsNew : .preservePositions)
        print("imported \(summary.imported) events (\(summary.alreadyPresent) already present) from \(summary.lines) lines; head \(summary.head)")
    }
}
