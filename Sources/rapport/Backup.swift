import ArgumentParser
import EventSourcing
import Foundation

/// `rapport backup`: a hot, consistent, compacting copy of a store, verified on its own.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Back up a store (hot, consistent, compacted) to a new directory and verify the copy.",
        discussion: """
            Appends may go on meanwhile: the copy is the store as of one moment. The copy holds the subject keys
            (encrypted under the master key) but no freed pages, so no trace of erased data. Example:

              rapport backup /var/lib/crm /backups/crm-2026-12-01 --master-key-file /run/secrets/rapport.key
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The directory to write the backup to (missing, or without a store in it).")
    var destination: String

    @Option(help: "The master key file (32 bytes or 64 hex digits); when given it must open the store's keys.")
    var masterKeyFile: String?

    func run() throws {
        let store = try options.openReadOnly(masterKeyFile: masterKeyFile)
        defer { store.close() }
        let report = try store.backup(to: destination)
        if let problem = report.verification.problem {
            print("backup written to \(report.path) but NOT INTACT: \(problem)")
            throw ExitCode.failure
        }
        print(
            "backup: \(report.verification.eventsChecked) events, \(report.bytes) bytes, chain head "
                + "\(report.verification.chainHead) at position \(report.verification.head), in \(report.path)")
    }
}

extension StoreOptions {
    /// Opens the store read-only, with the master key from `masterKeyFile` when given.
    func openReadOnly(masterKeyFile: String?) throws -> EventStore {
        guard FileManager.default.fileExists(atPath: store + "/data.mdb") else {
            throw ValidationError("\(store) is not a Rapport store (no data.mdb there)")
        }
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        configuration.masterKey = try masterKeyFile.map { path in try MasterKey(contentsOfFile: path) }
        return try EventStore(path: store, configuration: configuration)
    }
}
