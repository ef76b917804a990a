import ArgumentParser
import EventSourcing
import Foundation

/// `rapport restore`: restores a backup into a new directory, verifying it before and after.
struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Restore a backup (a directory from `rapport backup`, or a data.mdb image) into a new store.",
        discussion: """
            The backup is verified before anything is written, and the restored store after. Example:

              rapport restore /backups/crm-2026-12-01 /var/lib/crm-restored --master-key-file /run/secrets/rapport.key
            """
    )

    @Argument(help: "The backup: a directory written by `rapport backup`, or a data.mdb file.")
    var backup: String

    @Argument(help: "The directory to restore into (missing, or without a store in it).")
    var destination: String

    @Option(help: "The master key file (32 bytes or 64 hex digits); when given it must open the backup's keys.")
    var masterKeyFile: String?

    func run() throws {
        let key = try masterKeyFile.map { path in try MasterKey(contentsOfFile: path) }
        let report = try EventStore.restore(from: backup, to: destination, masterKey: key)
        print(
            "restored: \(report.verification.eventsChecked) events, chain head \(report.verification.chainHead) at "
                + "position \(report.verification.head), in \(report.path)")
    }
}
