import ArgumentParser

/// The `rapport` command-line tool: a thin layer over the library for operators, auditors and a first look.
@main
struct Rapport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rapport",
        abstract: "An event-sourced CRM store: demo, inspect and verify.",
        subcommands: [Demo.self, Stats.self, Verify.self, Checkpoint.self, Export.self, Import.self]
            + [Backup.self]
            + [Restore.self]
            + [Erase.self]
    )
}
