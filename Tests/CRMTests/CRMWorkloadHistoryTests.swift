import CRM
import EventSourcing
import Foundation
import Testing

/// The workload history as CRM events (``CRMWorkloadMapping``, ``CRMWorkloadLoader``): the derived events against
/// the rules re-applied by hand to the generator's events, determinism, and the loader's atomic batches.
@Suite("CRM workload history")
struct CRMWorkloadHistoryTests {
    static func text(_ event: WorkloadEvent, _ name: String) -> String {
        if case .string(let value)? = event[field: name] { return value }
        return ""
    }

    static func number(_ event: WorkloadEvent, _ name: String) -> Int {
        if case .int(let value)? = event[field: name] { return value }
        return 0
    }

    static func decode<E: Event>(_ type: E.Type, _ mapped: CRMWorkloadEvent) throws -> E {
        try BinaryPayloadCodec().decode(E.self, from: mapped.event.payload)
    }

    static func temporaryStore() throws -> (EventStore, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-cwh-\(UUID().uuidString)").path
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        return (try EventStore(path: path, configuration: configuration), path)
    }

    @Test func derivedEventsFollowTheRulesOverTheFirstThreeThousandEvents() throws {
        var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 3_000))
        var mapping = CRMWorkloadMapping()
        // The rules, kept independently of the mapping: what each customer has had so far.
        var hadOpportunity: Set<Int> = []
        var hadWin: Set<Int> = []
        var answered: Set<String> = []
        var planned: Set<String> = []
        var joined: Set<String> = []
        var seen = [EventID: Int]()
        for index in 0..<3_000 {
            let event = generator.nextDatasetEvent()
            let mapped = try mapping.map(event)
            let types = mapped.map(\.event.type)
            let customer = String(event.streamName.dropFirst(9))
            // Every derived event names the direct one as its cause (set-up events have none); ids are unique.
            let direct = try #require(mapped.first { !$0.isDerived })
            #expect(direct.event.id == CRMWorkloadMapping.eventID(index: index, ordinal: 0))
            #expect(mapped.allSatisfy { $0.event.occurredAt == Timestamp(secondsSince1970: event.occurredAt) })
            for item in mapped {
                seen[item.event.id, default: 0] += 1
                if item.isDerived && item.stream.rawValue.hasPrefix("config-") == false
                    && !item.stream.rawValue.hasPrefix("calendar-") && !item.stream.rawValue.hasPrefix("slapolicy-")
                {
                    #expect(item.event.causationID == direct.event.id)
                }
            }
            var expected: [String]
            switch event.type {
            case .customerRegistered:
                expected = ["CustomerRegistered", "ContactAdded"]
                let registered = try Self.decode(CustomerRegistered.self, mapped[mapped.count - 2])
                #expect(registered.name == Self.text(event, "company") && registered.lifecycleStage == "lead")
                let contact = try Self.decode(ContactAdded.self, mapped[mapped.count - 1])
                #expect(contact.name == Self.text(event, "name") && contact.customerId == customer)
                #expect(mapped[mapped.count - 1].stream.rawValue == "contact-con-" + customer)
            case .interactionLogged: expected = ["InteractionLogged"]
            case .opportunityOpened:
                expected = ["OpportunityOpened"]
                if hadOpportunity.insert(event.customer).inserted && !hadWin.contains(event.customer) {
                    expected.append("LifecycleStageChanged")
                    let changed = try Self.decode(LifecycleStageChanged.self, mapped[1])
                    #expect(changed.fromStage == "lead" && changed.toStage == "opportunity" && changed.trigger == .rule)
                    #expect(changed.triggeringEventId == direct.event.id)
                    #expect(mapped[1].stream.rawValue == "customer-" + customer)
                }
            case .opportunityStageAdvanced: expected = ["OpportunityStageChanged"]
            case .opportunityWon:
                expected = ["OpportunityWon"]
                if hadWin.insert(event.customer).inserted {
                    expected.append("LifecycleStageChanged")
                    let changed = try Self.decode(LifecycleStageChanged.self, mapped[1])
                    #expect(changed.fromStage == "opportunity" && changed.toStage == "customer")
                }
            case .opportunityLost: expected = ["OpportunityLost"]
            case .ticketOpened:
                expected = ["TicketOpened"]
                let opened = try Self.decode(TicketOpened.self, mapped[mapped.count - 1])
                let target = CRMWorkloadMapping.slaTargets.first { $0.priority == opened.priority }
                #expect(opened.priority.rawValue == Self.text(event, "priority"))
                #expect(opened.sla?.firstResponseMinutes == target?.firstResponseMinutes)
                #expect(opened.sla?.calendarId == "support")
            case .ticketResponded:
                expected = ["TicketResponded"]
                let response = try Self.decode(TicketResponded.self, direct)
                let first = answered.insert(Self.text(event, "ticketId")).inserted
                #expect(response.isFirstResponse == first)
                if first {
                    expected.append("TicketStatusChanged")
                    let changed = try Self.decode(TicketStatusChanged.self, mapped[mapped.count - 1])
                    #expect(changed.fromStatus == .new && changed.toStatus == .open)
                }
            case .ticketClosed:
                answered.remove(Self.text(event, "ticketId"))
                expected = ["TicketResolved", "TicketClosed", "SurveySent", "FeedbackSubmitted"]
                let feedback = try Self.decode(FeedbackSubmitted.self, mapped[3])
                #expect(feedback.score == Self.number(event, "satisfaction") && feedback.kind == .csat)
                #expect(feedback.context == EntityRef(kind: .ticket, id: Self.text(event, "ticketId")))
            case .campaignResponseRecorded:
                let campaign = Self.text(event, "campaignId")
                expected = []
                if planned.insert(campaign).inserted {
                    expected += ["CampaignPlanned", "CampaignLaunched", "CampaignCostRecorded"]
                    let plan = try Self.decode(CampaignPlanned.self, try #require(mapped.first { $0.event.type == "CampaignPlanned" }))
                    #expect(plan.budgetedCost == CRMWorkloadMapping.campaignBudget(campaign))
                }
                if joined.insert(campaign + "|" + customer).inserted { expected.append("CampaignMemberAdded") }
                expected.append("CampaignResponseRecorded")
            }
            if index == 0 { expected = ["LifecyclePolicyDefined", "BusinessCalendarDefined", "SLAPolicyDefined"] + expected }
            #expect(types == expected, "workload event \(index) (\(event.type.rawValue))")
        }
        #expect(seen.values.allSatisfy { $0 == 1 })
        #expect(!hadWin.isEmpty && !planned.isEmpty && !answered.isEmpty)
    }

    @Test func oneToOneWritesOneEventPerWorkloadEventAndNothingDerived() throws {
        var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 2_000))
        var mapping = CRMWorkloadMapping(detail: .oneToOne)
        for _ in 0..<2_000 {
            let event = generator.nextDatasetEvent()
            let mapped = try mapping.map(event)
            #expect(mapped.count == 1 && !mapped[0].isDerived)
            let expected = event.type == .opportunityStageAdvanced ? "OpportunityStageChanged" : event.type.rawValue
            #expect(mapped[0].event.type == expected)
        }
    }

    @Test func theMappingIsDeterministic() throws {
        func history() throws -> [CRMWorkloadEvent] {
            var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 1_500))
            var mapping = CRMWorkloadMapping()
            return try (0..<1_500).flatMap { _ in try mapping.map(generator.nextDatasetEvent()) }
        }
        let first = try history()
        #expect(first.count > 1_500)
        #expect(try history() == first)
    }

    @Test func theLoaderWritesEachBatchAtomicallyAndCountsWhatItWrote() async throws {
        let (store, path) = try Self.temporaryStore()
        defer {
            store.close()
            try? FileManager.default.removeItem(atPath: path)
        }
        let configuration = WorkloadConfiguration(events: 2_500, batchSize: 1_000)
        // What each batch should hold: the mapping of its workload events, computed here independently.
        var generator = WorkloadGenerator(configuration: configuration)
        var mapping = CRMWorkloadMapping()
        var batches: [[CRMWorkloadEvent]] = []
        for start in stride(from: 0, to: 2_500, by: 1_000) {
            batches.append(try (start..<min(2_500, start + 1_000)).flatMap { _ in try mapping.map(generator.nextDatasetEvent()) })
        }
        var heads: [(Int, Int, UInt64)] = []
        let summary = try await CRMWorkloadLoader.load(configuration, into: store) { progress in
            heads.append((progress.workloadEvents, progress.crmEvents, (try? store.head().rawValue) ?? 0))
        }
        // After each batch the log ends exactly at the CRM events written so far: the whole batch, nothing of the next.
        var total = 0
        for (number, batch) in batches.enumerated() {
            total += batch.count
            #expect(heads[number].0 == min(2_500, (number + 1) * 1_000))
            #expect(heads[number].1 == total && heads[number].2 == UInt64(total))
        }
        #expect(summary.batches == 3 && summary.workloadEvents == 2_500 && summary.crmEvents == total)
        #expect(summary.derivedEvents == batches.joined().filter(\.isDerived).count)
        #expect(try store.read { try $0.countsByType() } == summary.countsByType)
        // Within a batch each stream's events keep their order; the second batch's first stream write starts it.
        let stored = try await store.readAll()
        var byStream: [StreamName: [EventID]] = [:]
        for event in batches.joined() { byStream[event.stream, default: []].append(event.event.id) }
        var storedByStream: [StreamName: [EventID]] = [:]
        for event in stored { storedByStream[event.stream, default: []].append(event.id) }
        #expect(storedByStream == byStream)
        let secondBatch = Set(batches[1].map(\.event.id))
        #expect(Set(stored[batches[0].count..<(batches[0].count + batches[1].count)].map(\.id)) == secondBatch)
    }

    @Test func theViewsReadTheLoadedHistory() async throws {
        let (store, path) = try Self.temporaryStore()
        defer {
            store.close()
            try? FileManager.default.removeItem(atPath: path)
        }
        let views = CRMViews(store: store)
        try await views.addAll(mode: .inline)
        let summary = try await CRMWorkloadLoader.load(WorkloadConfiguration(events: 3_000), into: store)
        let counts = summary.countsByType
        let lifecycle = try await views.lifecycle().countsByStage()
        // 30 customers: as many as registrations; those promoted once are in `opportunity`, twice in `customer`.
        let promoted = counts["LifecycleStageChanged"] ?? 0
        let customers = lifecycle["customer"] ?? 0
        #expect(lifecycle.values.reduce(0, +) == counts["CustomerRegistered"])
        #expect(customers > 0 && (lifecycle["opportunity"] ?? 0) + 2 * customers == promoted)
        let service = try await views.service()
        #expect(service.answers.count == counts["FeedbackSubmitted"])
        #expect(service.queue().byStatus.values.reduce(0, +) == (counts["TicketOpened"] ?? 0) - (counts["TicketClosed"] ?? 0))
        let at = try #require(try store.read { try $0.event(at: $0.head)?.occurredAt })
        let sla = service.slaSummary(.resolution, at: at)
        #expect(sla.met + sla.breached == counts["TicketResolved"])
        let campaigns = try await views.campaigns()
        #expect(campaigns.campaigns.count == counts["CampaignPlanned"])
        #expect(campaigns.campaigns.values.reduce(0) { $0 + $1.members } == counts["CampaignMemberAdded"])
        let pipeline = try await views.pipeline()
        #expect(
            pipeline.openByStage(at: at).reduce(0) { $0 + $1.count }
                == (counts["OpportunityOpened"] ?? 0) - (counts["OpportunityWon"] ?? 0) - (counts["OpportunityLost"] ?? 0))
    }
}
