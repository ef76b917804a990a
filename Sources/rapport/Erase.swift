import ArgumentParser
import EventSourcing
import Foundation

/// `rapport erase`: shreds a data subject's key and records the erasure.
struct Erase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase a data subject: destroy its key and append a SubjectErased event, in one commit.",
        discussion: """
            Afterwards the subject's personal fields read as [erased] everywhere and the hash chain still
            verifies. Take a backup afterwards (`rapport backup`) to have data files without any trace of the key.
            A CRM records its own erasure event with `confirmErasure`; this is the store-level operation. Example:

              rapport erase /var/lib/crm customer-cus-1001 --actor dpo-1
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The data subject, as its sealed values name it (for a CRM record: its stream, customer-<id>).")
    var subject: String

    @Option(help: "Who asks for the erasure (recorded as the event's actor).")
    var actor: String?

    @Option(help: "The master key file (32 bytes or 64 hex digits); when given it must open the store's keys.")
    var masterKeyFile: String?

    func run() async throws {
        guard FileManager.default.fileExists(atPath: options.store + "/data.mdb") else {
            throw ValidationError("\(options.store) is not a Rapport store (no data.mdb there)")
        }
        var configuration = EventStoreConfiguration()
        configuration.masterKey = try masterKeyFile.map { path in try MasterKey(contentsOfFile: path) }
        let store = try EventStore(path: options.store, configuration: configuration)
        defer { store.close() }
        let result = try await store.erase(subject: subject, actor: actor)
        print("erased \(subject): key destroyed, SubjectErased recorded at position \(result.lastPosition)")
    }
}
