import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport demo`: appends the standard generated history to a fresh store and shows what it reads back.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append a generated CRM history to a new store and show what it reads back.",
        discussion: """
            The history is the crm-bench v1 dataset (seeded, so the same every time). Example:

              rapport demo --events 100000 --path /tmp/demo-store --keep
            """
    )

    @Option(help: "How many events to generate (1 to 10,000,000).")
    var events: Int = 100_000

    @Option(help: "Where to create the store (a directory that does not exist yet). Default: a temporary directory.")
    var path: String?

    @Flag(help: "Keep the store afterwards (the temporary default is removed).")
    var keep = false

    func validate() throws {
        guard (1...10_000_000).contains(events) else { throw ValidationError("--events must be between 1 and 10,000,000") }
        if let path, FileManager.default.fileExists(atPath: path) {
            throw ValidationError("\(path) exists already; name a new directory")
        }
    }

    func run() async throws {
        let directory = path ?? NSTemporaryDirectory() + "rapport-demo-\(ProcessInfo.processInfo.processIdentifier)"
        let store = try EventStore(path: directory)
        defer {
            store.close()
            if !keep && path == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
        let configuration = WorkloadConfiguration(events: events)
        print("Rapport demo")
        print("store: \(directory)\(keep || path != nil ? "" : " (removed at the end)")")
        print("appending \(grouped(events)) events of \(grouped(configuration.customers)) customers "
            + "(crm-bench v1 dataset, seed 42), \(grouped(configuration.batchSize)) per durable commit…")
        // A projection added before the history arrives follows it in the background, batch by batch.
        try await store.addProjection(WorkloadCustomerProjection(), mode: .async)
        let clock = ContinuousClock()
        let started = clock.now
        let terminal = isatty(STDOUT_FILENO) != 0
        let generated = try await WorkloadLoader.load(configuration, into: store) { progress in
            if terminal && (progress.done % 10_000 == 0 || progress.done == progress.total) {
                print("\r  \(grouped(progress.done)) / \(grouped(progress.total))", terminator: "")
                FileHandle.standardOutput.synchronizeFile()
            }
        }
        let seconds = Double((clock.now - started).components.attoseconds) / 1e18 + Double((clock.now - started).components.seconds)
        if terminal { print("") }
        print("  done in \(String(format: "%.2f", seconds)) s (\(grouped(Int(Double(events) / seconds))) events/s)")
        print("")
        print("read back:")
        let (head, streams, counts, chain) = try store.read { snapshot in
            (snapshot.head, try snapshot.streams(inCategory: "customer").count, try snapshot.countsByType(), try snapshot.chainHead())
        }
        print("  events: \(grouped(Int(head.rawValue))) at positions 1…\(grouped(Int(head.rawValue)))")
        print("  customer streams: \(grouped(streams))")
        for (type, count) in counts.sorted(by: { $0.value > $1.value }) {
            print("    \(type.padding(toLength: 26, withPad: " ", startingAt: 0)) \(grouped(count).leftPadded(9))")
        }
        let first = WorkloadGenerator.w7Customer(configuration: configuration)
        let stream = try StreamName(WorkloadEvent.streamName(customer: first))
        let history = try await store.readStream(stream)
        print("  \(stream): \(history.count) events; the first three:")
        for event in history.prefix(3) {
            let payload = try event.payloadValue().jsonText()
            print("    v\(event.streamVersion) @\(event.position) \(event.type) \(event.occurredAt) \(payload.prefix(90))…")
        }
        let replayed = try WorkloadLoader.replayTotals(of: store, customers: configuration.customers)
        print("  replay: \(replayed)")
        print("  \(replayed == generated ? "equal to what was generated ✓" : "DIFFERENT from what was generated: \(generated)")")
        print("  chain head: position \(chain.position), SHA-256 \(chain.hash)")
        print("")
        print("projection \(WorkloadCustomerProjection().name) (per-customer state, asynchronous):")
        try await store.waitForProjection(WorkloadCustomerProjection().name, toReach: head)
        let status = try store.projectionStatus(WorkloadCustomerProjection().name)
        let projected = try WorkloadCustomerProjection.storedTotals(in: store)
        print("  caught up to position \(status.position) (lag \(status.lag)); totals \(projected == generated ? "equal to the replay ✓" : "DIFFERENT: \(projected)")")
        let halfway = LogPosition(head.rawValue / 2)
        let past = try await store.state(of: WorkloadCustomerProjection(), asOf: .position(halfway))
        let pastTotals = WorkloadCustomerProjection.totals(past.values.values)
        print("  as of position \(halfway) (time travel, from the log alone): \(pastTotals)")
        if replayed != generated || projected != generated { throw ExitCode.failure }
    }
}
