import CRM
import EventSourcing
import Foundation

/// W6 and W7 with the CRM views (all seven): the standard workload's dataset is written as CRM
/// domain events, one CRM event per workload event, so the views (which read only the CRM's own event shapes) run
/// over the same million events.
///
/// The mapping (`CRMDomainWorkload`): `CustomerRegistered` → `CustomerRegistered` on `customer-<6 digits>`;
/// `InteractionLogged` → `InteractionLogged` on `interaction-<counter>` naming the customer; the opportunity
/// events → `OpportunityOpened`, `OpportunityStageChanged`, `OpportunityWon`, `OpportunityLost` on
/// `opportunity-<opportunityId>`; the ticket events → `TicketOpened`, `TicketResponded`, `TicketClosed` on
/// `ticket-<ticketId>`; `CampaignResponseRecorded` → the same on `campaign-<campaignId>`. Payloads use the binary
/// codec, as the workload's own events do.
public enum ViewWorkloads {
    /// What W6 and W7 measured over the views.
    public struct Report: Sendable {
        /// Events in the store.
        public var events: Int
        /// Seconds to write them.
        public var loadSeconds: Double
        /// Seconds for the first catch-up of all views from an empty state.
        public var catchUpSeconds: Double
        /// Seconds for ``CRMViews/rebuildAll(progress:)``.
        public var rebuildSeconds: Double
        /// Peak resident memory during the rebuild, MiB.
        public var rebuildPeakMiB: Double
        /// Seconds to open the store again and add the (caught-up) views.
        public var openSeconds: Double
        /// The first customer 360° read after the open, in milliseconds.
        public var firstReadMilliseconds: Double
        /// The median of 1,000 further reads of the same customer, in milliseconds.
        public var medianReadMilliseconds: Double
        /// The customer read, and what its view says.
        public var customer: String
        /// A summary of the view read.
        public var summary: String

        /// The report as Markdown.
        public var markdown: String {
            func rate(_ seconds: Double) -> String { String(format: "%.0f", Double(events) / seconds) }
            return """
                ## CRM views over the standard workload (\(events) events)

                | figure | value |
                | --- | --- |
                | load (CRM domain events, batches of 1,000) | \(String(format: "%.2f", loadSeconds)) s |
                | W6 first catch-up of all views | \(String(format: "%.2f", catchUpSeconds)) s, \(rate(catchUpSeconds)) events/s |
                | W6 rebuild of all views | \(String(format: "%.2f", rebuildSeconds)) s, \(rate(rebuildSeconds)) events/s |
                | W6 peak RSS during the rebuild | \(String(format: "%.0f", rebuildPeakMiB)) MiB |
                | W7 open store + add views | \(String(format: "%.2f", openSeconds * 1000)) ms |
                | W7 first customer 360° read (\(customer)) | \(String(format: "%.3f", firstReadMilliseconds)) ms |
                | W7 median of 1,000 more reads | \(String(format: "%.3f", medianReadMilliseconds)) ms |

                W7 customer: \(summary)
                """
        }
    }

    /// Generates the dataset, writes it as CRM events into a store under `directory`, and measures W6 and W7.
    public static func run(configuration: WorkloadConfiguration, directory: String) async throws -> Report {
        let path = (directory as NSString).appendingPathComponent("views")
        var generator = WorkloadGenerator(configuration: configuration)
        var mapping = CRMDomainWorkload()
        var report = Report(
            events: configuration.events, loadSeconds: 0, catchUpSeconds: 0, rebuildSeconds: 0, rebuildPeakMiB: 0,
            openSeconds: 0, firstReadMilliseconds: 0, medianReadMilliseconds: 0, customer: "", summary: "")
        do {
            let store = try EventStore(path: path)
            defer { store.close() }
            let (_, load) = try await Measure.time {
                var done = 0
                while done < configuration.events {
                    let count = min(1_000, configuration.events - done)
                    var writes: [StreamWrite] = []
                    var slots: [String: Int] = [:]
                    for _ in 0..<count {
                        let (stream, event) = try mapping.map(generator.nextDatasetEvent())
                        if let slot = slots[stream] {
                            writes[slot].events.append(event)
                        } else {
                            slots[stream] = writes.count
                            writes.append(StreamWrite(stream: try StreamName(stream), events: [event]))
                        }
                    }
                    try await store.append(writes)
                    done += count
                }
            }
            report.loadSeconds = load
            let views = CRMViews(store: store)
            let head = try store.head()
            let (_, catchUp) = try await Measure.time {
                try await views.addAll()
                try await views.waitForAll(toReach: head)
            }
            report.catchUpSeconds = catchUp
            Measure.resetPeakResident()
            let (_, rebuild) = try await Measure.time { try await views.rebuildAll() }
            report.rebuildSeconds = rebuild
            report.rebuildPeakMiB = Measure.peakResidentMiB()
        }
        // W7: a new EventStore on the same files (the operating system's page cache is still warm).
        let customer = String(WorkloadEvent.streamName(customer: WorkloadGenerator.w7Customer(configuration: configuration)).dropFirst(9))
        report.customer = customer
        let clock = ContinuousClock()
        let opened = clock.now
        let store = try EventStore(path: path)
        defer { store.close() }
        let views = CRMViews(store: store)
        try await views.addAll()
        report.openSeconds = Measure.seconds(clock.now - opened)
        let first = clock.now
        let view = try views.currentCustomer360(customer)
        report.firstReadMilliseconds = Measure.seconds(clock.now - first) * 1000
        var reads: [Duration] = []
        for _ in 0..<1_000 {
            let start = clock.now
            _ = try views.currentCustomer360(customer)
            reads.append(clock.now - start)
        }
        report.medianReadMilliseconds = Measure.quantileMilliseconds(reads, 0.5)
        if let view = view?.view {
            report.summary = "stage \(view.lifecycleStage), \(view.openOpportunities.count) open opportunities, "
                + "\(view.openTickets.count) open tickets, \(view.wonOpportunities) won, last interaction "
                + "\(view.lastInteraction.map { "\($0.at)" } ?? "none")"
        } else {
            report.summary = "not found"
        }
        return report
    }
}

/// Maps workload events to CRM domain events (see ``ViewWorkloads``), remembering each open opportunity's stage.
struct CRMDomainWorkload {
    private var stages: [String: String] = [:]
    private let codec = BinaryPayloadCodec()

    private static func stage(_ id: String, probability: Int, category: StageCategory = .open) -> StageSnapshot {
        let forecast: ForecastCategory = category == .won ? .closed : category == .lost ? .omitted : probability >= 80 ? .commit : .pipeline
        let order = (WorkloadStages.order[id] ?? 0) + 1
        return StageSnapshot(stageId: id, name: id, order: order, probability: probability, category: category, forecastCategory: forecast)
    }

    private func text(_ event: WorkloadEvent, _ name: String) -> String {
        if case .string(let value)? = event[field: name] { return value }
        return ""
    }

    private func number(_ event: WorkloadEvent, _ name: String) -> Int {
        if case .int(let value)? = event[field: name] { return value }
        return 0
    }

    private func money(_ event: WorkloadEvent) -> Money {
        Money(minorUnits: event.amountCents ?? 0, currency: text(event, "currency"))
    }

    /// The stream and the CRM event of one workload event.
    mutating func map(_ event: WorkloadEvent) throws -> (String, NewEvent) {
        let customer = String(event.streamName.dropFirst(9))
        let at = Timestamp(secondsSince1970: event.occurredAt)
        let customerRef = EntityRef(kind: .customer, id: customer)
        func new<E: Event>(_ payload: E) throws -> NewEvent {
            try NewEvent(payload, occurredAt: at, actor: "workload", codec: codec)
        }
        switch event.type {
        case .customerRegistered:
            let registered = CustomerRegistered(
                customerId: customer, kind: .organization, name: "Customer \(customer)", interests: [], source: .website,
                lifecycleStage: "lead", lifecyclePolicyVersion: 0)
            return (event.streamName, try new(registered))
        case .interactionLogged:
            let channel = InteractionChannel(rawValue: text(event, "channel")) ?? .email
            let logged = InteractionLogged(
                interactionId: "int-\(event.index)", subjects: [customerRef], channel: channel, direction: .outbound,
                occurredAt: at, durationSeconds: number(event, "durationMinutes") * 60, summary: text(event, "note"),
                participants: [text(event, "agent")])
            return ("interaction-int-\(event.index)", try new(logged))
        case .opportunityOpened:
            let id = text(event, "opportunityId")
            stages[id] = "prospecting"
            let close = LocalDate(Timestamp(secondsSince1970: event.occurredAt + 90 * 86_400), in: .gmt)
            let opened = OpportunityOpened(
                opportunityId: id, customerId: customer, name: text(event, "title"), pipelineId: "sales", pipelineVersion: 1,
                stage: Self.stage("prospecting", probability: 10), amount: money(event), expectedCloseDate: close,
                type: .newBusiness, source: .website)
            return ("opportunity-\(id)", try new(opened))
        case .opportunityStageAdvanced:
            let id = text(event, "opportunityId")
            let to = text(event, "stage")
            let from = stages[id] ?? "prospecting"
            stages[id] = to
            let direction: StageDirection = (WorkloadStages.order[to] ?? 0) < (WorkloadStages.order[from] ?? 0) ? .backward : .forward
            let changed = OpportunityStageChanged(
                opportunityId: id, fromStageId: from, pipelineId: "sales", pipelineVersion: 1,
                stage: Self.stage(to, probability: number(event, "probability")), direction: direction)
            return ("opportunity-\(id)", try new(changed))
        case .opportunityWon:
            let id = text(event, "opportunityId")
            let won = OpportunityWon(
                opportunityId: id, pipelineId: "sales", pipelineVersion: 1, stage: Self.stage("won", probability: 100, category: .won),
                wonAmount: money(event), closeDate: LocalDate(at, in: .gmt), lastOpenStageId: stages.removeValue(forKey: id) ?? "prospecting")
            return ("opportunity-\(id)", try new(won))
        case .opportunityLost:
            let id = text(event, "opportunityId")
            let reason = text(event, "reason")
            let lost = OpportunityLost(
                opportunityId: id, pipelineId: "sales", pipelineVersion: 1, stage: Self.stage("lost", probability: 0, category: .lost),
                lostReasonCode: reason, lostReasonLabel: reason, lostReasonsVersion: 1, closeDate: LocalDate(at, in: .gmt),
                lastOpenStageId: stages.removeValue(forKey: id) ?? "prospecting")
            return ("opportunity-\(id)", try new(lost))
        case .ticketOpened:
            let id = text(event, "ticketId")
            let opened = TicketOpened(
                ticketId: id, customerId: customer, channel: InteractionChannel(rawValue: text(event, "channel")) ?? .email,
                type: .question, priority: TicketPriority(rawValue: text(event, "priority")) ?? .normal,
                subject: text(event, "subject"), description: text(event, "note"))
            return ("ticket-\(id)", try new(opened))
        case .ticketResponded:
            let id = text(event, "ticketId")
            let responded = TicketResponded(
                ticketId: id, responderId: text(event, "agent"), channel: .email, isPublic: true, isFirstResponse: false)
            return ("ticket-\(id)", try new(responded))
        case .ticketClosed:
            let id = text(event, "ticketId")
            return ("ticket-\(id)", try new(TicketClosed(ticketId: id)))
        case .campaignResponseRecorded:
            let id = text(event, "campaignId")
            let response = CampaignResponseRecorded(
                campaignId: id, member: customerRef, status: text(event, "response"), responded: true)
            return ("campaign-\(id)", try new(response))
        }
    }
}

/// The workload's stage names in order (GENERATOR.md section 6).
enum WorkloadStages {
    static let order: [String: Int] = [
        "prospecting": 0, "qualification": 1, "discovery": 2, "proposal": 3, "negotiation": 4, "commit": 5,
    ]
}
