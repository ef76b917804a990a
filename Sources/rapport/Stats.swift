import ArgumentParser
import EventSourcing
import Foundation

/// `rapport stats`: what a store holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a store's events, streams by category, event types, projections (position and lag) and size.",
        discussion: "Example:\n\n  rapport stats /var/lib/crm"
    )

    @OptionGroup var options: StoreOptions

    func run() throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        let (head, streams, types, chain, projections) = try store.read { snapshot in
            (
                snapshot.head, try snapshot.allStreams(), try snapshot.countsByType(), try snapshot.chainHead(),
                try snapshot.recordedProjections()
            )
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: options.store + "/data.mdb")[.size] as? Int) ?? 0
        print("events: \(head.rawValue)")
        print("streams: \(streams.count)")
        var categories: [String: Int] = [:]
        for stream in streams { categories[stream.category, default: 0] += 1 }
        for (category, count) in categories.sorted(by: { $0.key < $1.key }) { print("  \(category): \(count)") }
        print("event types: \(types.count)")
        for (type, count) in types.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) { print("  \(type): \(count)") }
        print("projections: \(projections.count)")
        for projection in projections {
            var line = "  \(projection.name): version \(projection.servingVersion), position \(projection.position), lag \(projection.lag)"
            if let version = projection.rebuildVersion, let position = projection.rebuildPosition {
                line += ", rebuilding version \(version) (at position \(position))"
            }
            if let failure = projection.failure { line += ", STOPPED at position \(failure.position): \(failure.reason)" }
            print(line)
        }
        print("chain head: \(chain.hash) at position \(chain.position)")
        print("data file: \(size) bytes")
    }
}
