import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport demo`: writes the seeded CRM history to a new store, adds the CRM views, shows what they say and
/// verifies the log.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a generated CRM history to a new store and show its views: a customer 360°, the pipeline, the lifecycle board, service and campaigns.",
        discussion: """
            The history is the crm-bench v1 dataset (seeded, so the same every time) written as CRM events, with the \
            events a CRM records around them (lifecycle promotions, SLAs, surveys, campaign plans; see \
            CRMWorkloadMapping). The views are checked against counts taken straight from the log, and the log is \
            verified; the exit code is 1 when either fails. Time-dependent figures are measured at the history's last \
            business time. Keep the store to run the other commands on it. Example:

              rapport demo --events 50000 --path /tmp/demo-store --keep
              rapport report /tmp/demo-store pipeline
            """
    )

    @Option(help: "How many workload events to generate (1 to 10,000,000).")
    var events: Int = 50_000

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
        print("history: \(grouped(events)) workload events of \(grouped(configuration.customers)) customers "
            + "(crm-bench v1 dataset, seed 42) as CRM events, \(grouped(configuration.batchSize)) workload events per atomic append")
        let clock = ContinuousClock()
        let started = clock.now
        let loading = ProgressDisplay("load", unit: "workload events", total: UInt64(events))
        let loaded = try await CRMWorkloadLoader.load(configuration, into: store) { progress in
            loading.update(UInt64(progress.workloadEvents))
        }
        loading.finish()
        print("  wrote \(grouped(loaded.crmEvents)) CRM events (\(grouped(loaded.workloadEvents)) direct, "
            + "\(grouped(loaded.derivedEvents)) derived) in \(seconds(clock.now - started)) s")

        let views = CRMViews(store: store)
        let head = try store.head()
        let catchUp = clock.now
        try await views.addAll()
        let following = ProgressDisplay("views", total: head.rawValue)
        while true {
            let statuses = try CRMViews.projectionNames.map { try store.projectionStatus($0) }
            if let failed = statuses.first(where: { $0.failure != nil }) {
                following.finish()
                throw ToolError("the view \(failed.name) stopped: \(failed.failure.map { "\($0)" } ?? "")")
            }
            let behind = statuses.map(\.position).min() ?? head
            following.update(behind.rawValue)
            if behind >= head { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await views.waitForAll(toReach: head)
        following.finish()
        print("  the seven CRM views caught up to position \(grouped(head.rawValue)) in \(seconds(clock.now - catchUp)) s")

        // Figures that depend on the time are measured at the history's end, so every run shows the same.
        let at = try store.read { try $0.event(at: head)?.occurredAt } ?? Timestamp.now()
        let builder = ReportBuilder(views: views, point: nil, at: at, timeZone: TimeZone(identifier: "UTC") ?? .gmt, currency: "EUR")
        print("  figures measured at \(at.iso8601Seconds) (the last event's business time)")
        let tally = try DemoTally.count(store)
        var problems: [String] = []

        let pick = tally.richestCustomer ?? ""
        print("")
        if let customer = try views.currentCustomer360(pick) {
            print("customer 360° of \(pick) (the customer with the most open deals, won deals and open tickets):")
            show(builder.customer360(customer), ["profile", "openOpportunities", "openTickets", "contacts"])
            let counted = tally.figures(of: pick)
            let viewed = (customer.view.openOpportunities.count, customer.view.wonOpportunities, customer.view.openTickets.count)
            if viewed != counted {
                problems.append("customer \(pick): the view has \(viewed) open deals, won deals and open tickets, the log \(counted)")
            }
        } else {
            print("customer 360°: no customer")
            if !tally.stages.isEmpty { problems.append("customer \(pick) is not in the 360° view") }
        }

        let pipeline = try await views.pipeline()
        print("")
        print("pipeline (open deals per stage, amounts and weighted amounts per currency):")
        show(builder.pipeline(pipeline), ["stages", "totals"])
        let openDeals = pipeline.openByStage(at: at).reduce(0) { $0 + $1.count }
        if openDeals != tally.openOpportunities.count {
            problems.append("the pipeline has \(openDeals) open deals, the log \(tally.openOpportunities.count)")
        }

        let lifecycle = try await views.lifecycle()
        print("")
        print("lifecycle board (customers per stage):")
        show(builder.lifecycle(lifecycle), ["stages"])
        if lifecycle.countsByStage() != tally.stageCounts {
            problems.append("the lifecycle board has \(lifecycle.countsByStage().sorted { $0.key < $1.key }), the log \(tally.stageCounts.sorted { $0.key < $1.key })")
        }

        let service = try await views.service()
        print("")
        print("service (the open queue, SLA met and breached, satisfaction):")
        show(builder.service(service), ["queue", "sla", "satisfaction"])
        let queued = service.queue().byStatus.values.reduce(0, +)
        if queued != tally.openTickets.count {
            problems.append("the service queue has \(queued) open tickets, the log \(tally.openTickets.count)")
        }

        print("")
        print("campaigns:")
        show(builder.campaigns(try await views.campaigns()), ["campaigns"])

        print("")
        print("consistency (the views against counts taken from the log):")
        if problems.isEmpty {
            print("  customers per stage (\(grouped(tally.stages.count)) customers), open deals (\(grouped(tally.openOpportunities.count))), "
                + "open tickets (\(grouped(tally.openTickets.count))) and customer \(pick)'s figures agree ✓")
        } else {
            for problem in problems { print("  DIFFERENT: \(problem)") }
        }

        print("")
        print("verify:")
        let verifying = ProgressDisplay("verify")
        let report = try store.verify { done, total in verifying.update(done, of: total) }
        verifying.finish()
        let intact = printVerification(report, indent: "  ")
        if !problems.isEmpty || !intact { throw ExitCode.failure }
        if keep || path != nil {
            print("")
            print("next: rapport report \(directory) pipeline · rapport show \(directory) customer \(pick) · rapport stats \(directory)")
        }
    }

    /// Prints the named sections, each as an aligned table under its name.
    private func show(_ sections: [ReportSection], _ names: [String]) {
        for section in sections where names.contains(section.name) {
            print("  \(section.name):")
            for line in ReportTable.table(section) { print("  " + line) }
        }
    }

    private func seconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
