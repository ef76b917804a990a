import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport export`: the log as JSON Lines.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the log as JSON Lines (one event per line), whole or after a position.",
        discussion: """
            Example (an incremental export of what came after position 1000000):

              rapport export /var/lib/crm --after 1000000 --output july.jsonl

            With --actor, an extract of what that registered user may read (the CRM's access rules): the records in
            their scope, personal fields redacted for auditors. An extract has gaps and does not import.
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "Export only the events after this position.")
    var after: UInt64 = 0

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Option(help: "Export only what this registered user may read (an extract, not for import).")
    var actor: String?

    func run() async throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        let count: Int
        let progress = ProgressDisplay("export")
        let report = { (done: Int, total: Int) in progress.update(UInt64(done), of: UInt64(total)) }
        if let actor {
            var crmOptions = CRMOptions()
            crmOptions.accessControl = .registeredUsers
            let crm = try CRMStore(store: store, options: crmOptions)
            let out: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil),
                    let handle = FileHandle(forWritingAtPath: output)
                else { throw ToolError("cannot create \(output)") }
                out = handle
            } else {
                out = FileHandle.standardOutput
            }
            defer { if output != nil { try? out.close() } }
            count = try await crm.exportJSONLines(as: actor, after: LogPosition(after)) { text in out.write(Data(text.utf8)) }
        } else if let output {
            count = try store.exportJSONLines(after: LogPosition(after), toFile: output, progress: report)
        } else {
            let out = FileHandle.standardOutput
            count = try store.exportJSONLines(after: LogPosition(after), progress: report) { text in
                out.write(Data(text.utf8))
            }
        }
        progress.finish()
        FileHandle.standardError.write(Data("exported \(count) events\n".utf8))
    }
}
