import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport rebuild`: rebuilds projections from the log.
struct Rebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild a projection (or every one the store has) from the first event, with progress.",
        discussion: """
            The rebuild fills fresh databases while the current state keeps serving, then swaps them in atomically. \
            Without a name, every built-in projection the store has a checkpoint for (the CRM views, the workload's \
            projection) is rebuilt, all in one pass over the log; with a name, that built-in projection is rebuilt \
            (or built, if the store did not have it). `rapport stats` shows the \
            projections' positions. Example:

              rapport rebuild /var/lib/crm workload-customers
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The projection's name; all the store has when left out.")
    var projection: String?

    func run() async throws {
        let known = BuiltInProjections.all.map(\.name).sorted()
        let store = try options.openWritable()
        defer { store.close() }
        var names: [String]
        if let projection {
            guard BuiltInProjections.named(projection) != nil else {
                throw ToolError("unknown projection \(projection); this rapport knows \(known.joined(separator: ", "))")
            }
            names = [projection]
        } else {
            let recorded = try store.read { try $0.recordedProjections() }.map(\.name)
            names = recorded.filter { known.contains($0) }
            for name in recorded where !known.contains(name) {
                FileHandle.standardError.write(Data("skipping \(name): this rapport does not have its code\n".utf8))
            }
            guard !names.isEmpty else {
                throw ToolError("the store has no projection to rebuild; name one of \(known.joined(separator: ", "))")
            }
        }
        for name in names {
            guard let projection = BuiltInProjections.named(name) else { continue }
            try await store.addProjection(projection, mode: .async)
        }
        // All together: one pass over the log for every projection named.
        let progress = ProgressDisplay("rebuild \(names.joined(separator: ", "))")
        try await store.rebuildProjections(names) { report in
            progress.update(report.eventsDone, of: report.eventsTotal)
        }
        progress.finish()
        for name in names {
            let status = try store.projectionStatus(name)
            print("rebuilt \(name): version \(status.servingVersion) at position \(status.position) (lag \(status.lag))")
        }
    }
}
