import ArgumentParser
import Foundation

/// The `rapport` command-line tool: a thin layer over the library for operators, auditors and a first look.
@main
struct Rapport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "An event-sourced CRM store: demo, inspect and verify.",
        subcommands: [
            Demo.self, Stats.self, Log.self, StreamHistory.self, Show.self, Verify.self, Checkpoint.self,
            Report.self, Rebuild.self, Export.self, Import.self, Backup.self, Restore.self, Erase.self,
        ]
    )

    /// Runs the command; a failure is one line on standard error (`rapport: …`) and a non-zero exit code, help and
    /// explicit exit codes are ArgumentParser's.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode || error is CleanExit { exit(withError: error) }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            FileHandle.standardError.write(Data("rapport: \(message)\n".utf8))
            Foundation.exit(code.rawValue)
        }
    }
}
