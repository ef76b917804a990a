import ArgumentParser
import EventSourcing
import Foundation

/// `rapport export`: the log as JSON Lines.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export the log as JSON Lines (one event per line), whole or after a position.",
        discussion: """
            Example (an incremental export of what came after position 1000000):

              rapport export /var/lib/crm --after 1000000 --output july.jsonl
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "Export only the events after this position.")
    var after: UInt64 = 0

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    func run() throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        let count: Int
        let progress = ProgressDisplay("export")
        let report = { (done: Int, total: Int) in progress.update(UInt64(done), of: UInt64(total)) }
        if let output {
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
