import ArgumentParser
import EventSourcing
import Foundation

/// `rapport stats`: what a store holds.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a store's events, streams by category, event types, projections (position and lag) and size.",
        discussion: """
            A projection's line gives the version of its code whose state serves reads, the last position applied \
            and its lag (events behind the log), read from the store's checkpoints. --format json prints one object: \
            events, streams, categories, types, projections [{name, servingVersion, position, lag, rebuild?, \
            failure?}], chainHead {position, hash}, dataFileBytes. Example:

              rapport stats /var/lib/crm
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "table or json.")
    var format: OutputFormat = .table

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
        var categories: [String: Int] = [:]
        for stream in streams { categories[stream.category, default: 0] += 1 }
        let sortedTypes = types.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        if format == .json {
            func counts(_ pairs: [(key: String, value: Int)]) -> PayloadValue {
                .object(pairs.map { PayloadField(key: $0.key, value: .int(Int64($0.value))) })
            }
            let list = projections.map { projection -> PayloadValue in
                var fields = [
                    PayloadField(key: "name", value: .string(projection.name)),
                    PayloadField(key: "servingVersion", value: .int(Int64(projection.servingVersion))),
                    PayloadField(key: "position", value: .uint(projection.position.rawValue)),
                    PayloadField(key: "lag", value: .uint(projection.lag)),
                ]
                if let version = projection.rebuildVersion, let position = projection.rebuildPosition {
                    fields.append(PayloadField(key: "rebuild", value: .object([
                        PayloadField(key: "version", value: .int(Int64(version))),
                        PayloadField(key: "position", value: .uint(position.rawValue)),
                    ])))
                }
                if let failure = projection.failure {
                    fields.append(PayloadField(key: "failure", value: .object([
                        PayloadField(key: "position", value: .uint(failure.position.rawValue)),
                        PayloadField(key: "reason", value: .string(failure.reason)),
                    ])))
                }
                return .object(fields)
            }
            let value = PayloadValue.object([
                PayloadField(key: "events", value: .uint(head.rawValue)),
                PayloadField(key: "streams", value: .int(Int64(streams.count))),
                PayloadField(key: "categories", value: counts(categories.sorted { $0.key < $1.key })),
                PayloadField(key: "types", value: counts(sortedTypes)),
                PayloadField(key: "projections", value: .array(list)),
                PayloadField(key: "chainHead", value: .object([
                    PayloadField(key: "position", value: .uint(chain.position.rawValue)),
                    PayloadField(key: "hash", value: .string(chain.hash.description)),
                ])),
                PayloadField(key: "dataFileBytes", value: .int(Int64(size))),
            ])
            print(value.jsonText())
            return
        }
        print("events: \(head.rawValue)")
        print("streams: \(streams.count)")
        for (category, count) in categories.sorted(by: { $0.key < $1.key }) { print("  \(category): \(count)") }
        print("event types: \(types.count)")
        for (type, count) in sortedTypes { print("  \(type): \(count)") }
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
