import CRM
import Testing

@Suite("Actor, causation and concurrency")
struct AuditTrailTests {
    @Test func everyEventRecordsWhoAndWhy() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        let cause = EventID.make()
        let correlation = EventID.make()
        let context = CommandContext(
            actor: "usr-9", causationID: cause, correlationID: correlation, occurredAt: moment("2026-01-05T08:00:00Z"),
            channel: "api")
        let events = try await fixture.crm.registerCustomer(
            id: "cus-1", kind: .person, name: "Ada Lovelace", source: .phone, context: context
        ).events
        #expect(events[0].actor == "usr-9" && events[0].causationID == cause && events[0].correlationID == correlation)
        #expect(events[0].occurredAt == moment("2026-01-05T08:00:00Z"))
        #expect(events[0].metadata == ["command": "registerCustomer", "channel": "api"])

        let plain = CommandContext(actor: "usr-7")
        let opened = try await fixture.opportunityEvents("opp-1", context: plain)
        #expect(opened[0].causationID == plain.commandID && opened[0].correlationID == plain.commandID)
        #expect(opened[1].causationID == opened[0].id && opened[1].correlationID == plain.commandID)
        let all = try await fixture.crm.store.readAll()
        #expect(all.allSatisfy { $0.actor != nil && $0.causationID != nil && $0.correlationID != nil })
    }

    @Test func aCommandNeedsAnActor() async throws {
        let fixture = try CRMFixture()
        let error = try await fixture.rejection {
            try await fixture.crm.registerCustomer(
                id: "cus-1", kind: .person, name: "Ada", source: .phone, context: CommandContext(actor: ""))
        }
        #expect(error == .invalidInput(field: "actor", reason: "every command needs an actor of 1 to 255 bytes"))
    }

    @Test func concurrentCommandsOnOneRecordAreDecidedAgainAndAllLand() async throws {
        let fixture = try CRMFixture(options: { var options = CRMOptions(); options.maximumAttempts = 50; return options }())
        try await fixture.customer("cus-1")
        let other = try CRMStore(store: fixture.crm.store, options: fixture.crm.options)
        let crms = [fixture.crm, other]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<20 {
                let crm = crms[index % 2]
                group.addTask { try await crm.tag(EntityRef(kind: .customer, id: "cus-1"), "tag-\(index)", context: CommandContext(actor: "usr-7")) }
            }
            try await group.waitForAll()
        }
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.version == 21 && customer.traits.tags.count == 20)
    }

    @Test func withoutRetriesAConflictIsATypedErrorAndNoUpdateIsLost() async throws {
        let fixture = try CRMFixture(options: { var options = CRMOptions(); options.maximumAttempts = 1; return options }())
        try await fixture.customer("cus-1")
        let other = try CRMStore(store: fixture.crm.store, options: fixture.crm.options)
        let crms = [fixture.crm, other]
        let outcomes = await withTaskGroup(of: CRMError?.self) { group in
            for index in 0..<30 {
                let crm = crms[index % 2]
                group.addTask {
                    do {
                        try await crm.tag(EntityRef(kind: .customer, id: "cus-1"), "t\(index)", context: CommandContext(actor: "usr-7"))
                        return nil
                    } catch let error as CRMError {
                        return error
                    } catch {
                        Issue.record("an untyped error: \(error)")
                        return nil
                    }
                }
            }
            var all: [CRMError?] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        let failures: [CRMError] = outcomes.compactMap { $0 }
        let conflict = CRMError.concurrentModification(stream: "customer-cus-1", attempts: 1)
        #expect(failures.allSatisfy { $0 == conflict })
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.traits.tags.count == 30 - failures.count && customer.version == UInt64(31 - failures.count))
    }
}

extension CRMFixture {
    /// Opens `opp-<id>` for a new customer with `context`, returning the events.
    func opportunityEvents(_ id: String, context: CommandContext) async throws -> [RecordedEvent] {
        try await customer("cus-\(id)")
        return try await crm.openOpportunity(
            id: id, customerId: "cus-\(id)", name: "Deal", pipelineId: "sales", stageId: "qualification",
            amount: try eur("1000"), expectedCloseDate: date("2026-06-30"), context: context)
    }
}
