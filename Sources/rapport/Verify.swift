import ArgumentParser
import Crypto
import EventSourcing
import Foundation

/// `rapport verify`: checks a store's chain, positions, times, stream versions and indexes.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Verify a store's hash chain and indexes, optionally against an earlier checkpoint.",
        discussion: """
            Exits with 0 when the store is intact, 1 with the first problem otherwise. Example:

              rapport verify /var/lib/crm --from-checkpoint june.json --key-file audit.key
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "A checkpoint file written by `rapport checkpoint`: proves nothing up to it changed.")
    var fromCheckpoint: String?

    @Option(help: "The shared key the checkpoint was signed with; its signature must then be valid.")
    var keyFile: String?

    func run() throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        var checkpoint: LogCheckpoint?
        if let fromCheckpoint {
            guard let text = try? String(contentsOfFile: fromCheckpoint, encoding: .utf8) else {
                throw ValidationError("cannot read the checkpoint file \(fromCheckpoint)")
            }
            let read = try LogCheckpoint(jsonText: text)
            if let keyFile {
                guard read.hasValidSignature(under: SymmetricKey(data: try readKey(keyFile))) else {
                    throw ValidationError("the checkpoint's signature is missing or not valid under \(keyFile)")
                }
            }
            checkpoint = read
        }
        let progress = ProgressDisplay("verify")
        let report = try store.verify(from: checkpoint) { done, total in progress.update(done, of: total) }
        progress.finish()
        guard printVerification(report) else { throw ExitCode.failure }
        if let checkpoint {
            print("checkpoint at position \(checkpoint.position) matches: the history up to it is unchanged")
        }
    }
}

/// Prints a verification's result in one line (`intact: …` or `NOT INTACT: …`); returns whether the log is intact.
func printVerification(_ report: VerificationReport, indent: String = "") -> Bool {
    if let problem = report.problem {
        print(indent + "NOT INTACT: \(problem) [\(problem.kind.rawValue)]")
        return false
    }
    print(indent + "intact: \(report.eventsChecked) events, chain head \(report.chainHead) at position \(report.head)")
    return true
}
