import CRM
import Testing

@Suite("Interactions, notes, tasks and facts")
struct ActivityTests {
    @Test func interactionsNeedExistingSubjects() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        for (index, channel) in InteractionChannel.allCases.enumerated() {
            let events = try await fixture.crm.logInteraction(
                id: "int-\(index)", subjects: [customer], channel: channel, direction: .outbound,
                occurredAt: moment("2026-01-05T09:00:00Z"), durationSeconds: 300, summary: "Talked about \(channel)",
                context: fixture.me)
            #expect(try events[0].decode(InteractionLogged.self).channel == channel)
            #expect(events[0].stream.rawValue == "interaction-int-\(index)")
        }
        let missing = try await fixture.rejection {
            try await fixture.crm.logInteraction(
                id: "int-x", subjects: [EntityRef(kind: .lead, id: "led-404")], channel: .sms, direction: .inbound,
                occurredAt: moment("2026-01-05T09:00:00Z"), summary: "Hi", context: fixture.me)
        }
        #expect(missing == .notFound(EntityRef(kind: .lead, id: "led-404")))
        let twice = try await fixture.rejection {
            try await fixture.crm.logInteraction(
                id: "int-0", subjects: [customer], channel: .sms, direction: .inbound,
                occurredAt: moment("2026-01-05T09:00:00Z"), summary: "Hi", context: fixture.me)
        }
        #expect(twice == .alreadyExists(EntityRef(kind: .interaction, id: "int-0")))
        let noSubject = try await fixture.rejection {
            try await fixture.crm.addNote(id: "not-1", subjects: [], body: "x", context: fixture.me)
        }
        #expect(noSubject == .invalidInput(field: "subjects", reason: "name at least one record, each once"))
        try await fixture.crm.addNote(id: "not-1", subjects: [customer], body: "Budget approved", context: fixture.me)
    }

    @Test func tasksMoveFromOpenToDoneOnce() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        let late = try await fixture.rejection {
            try await fixture.crm.scheduleTask(
                id: "tsk-1", subjects: [customer], type: .call, title: "Call back", dueAt: moment("2026-01-05T09:00:00Z"),
                assigneeId: "usr-7", reminderAt: moment("2026-01-05T10:00:00Z"), context: fixture.me)
        }
        #expect(late == .invalidInput(field: "reminder", reason: "the reminder comes after the task is due"))
        try await fixture.crm.scheduleTask(
            id: "tsk-1", subjects: [customer], type: .call, title: "Call back", dueAt: moment("2026-01-05T09:00:00Z"),
            assigneeId: "usr-7", reminderAt: moment("2026-01-05T08:45:00Z"), context: fixture.me)
        try await fixture.crm.reassignTask("tsk-1", to: "usr-9", context: fixture.me)
        try await fixture.crm.completeTask("tsk-1", outcome: "Demo booked", context: fixture.me)
        let again = try await fixture.rejection { try await fixture.crm.cancelTask("tsk-1", reason: "x", context: fixture.me) }
        #expect(again == .invalidTransition(EntityRef(kind: .task, id: "tsk-1"), state: "completed", action: "be cancelled"))
        let task = try await fixture.crm.task("tsk-1")
        #expect(task.status == .completed && task.assigneeId == "usr-9")
    }

    @Test func factsGoToTheirSubjectsStream() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let events = try await fixture.crm.recordFact(
            ChurnRiskAssessed(
                customerId: "cus-1", score: 72, band: "high", model: "inactivity", modelVersion: "1",
                drivers: ["no order for 180 days"]), context: fixture.me)
        #expect(events[0].stream.rawValue == "customer-cus-1" && events[0].metadata["command"] == "recordChurnRiskAssessed")
        try await fixture.crm.recordFact(
            LoyaltyPointsAwarded(customerId: "cus-1", points: 500, reason: "Tenth order"), context: fixture.me)
        let score = try await fixture.rejection {
            try await fixture.crm.recordFact(
                ChurnRiskAssessed(customerId: "cus-1", score: 140, band: "x", model: "m", modelVersion: "1", drivers: []),
                context: fixture.me)
        }
        #expect(score == .invalidInput(field: "churn risk score", reason: "140 is outside 0 to 100"))
        let missing = try await fixture.rejection {
            try await fixture.crm.recordFact(
                CouponIssued(customerId: "cus-404", couponId: "cpn-1", occasion: .birthday, discountPercent: 10),
                context: fixture.me)
        }
        #expect(missing == .notFound(EntityRef(kind: .customer, id: "cus-404")))
    }

    @Test func leadStatusesCarryTheirCategory() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.captureLead(id: "led-1", name: "Samir", source: .form, context: fixture.me)
        let unconfigured = try await fixture.rejection {
            try await fixture.crm.changeLeadStatus("led-1", to: "contacted", context: fixture.me)
        }
        #expect(unconfigured == .notConfigured("The lead statuses"))
        try await fixture.crm.defineLeadStatuses(
            [
                LeadStatus(statusId: "new", name: "New", category: .open),
                LeadStatus(statusId: "contacted", name: "Contacted", category: .working),
            ], context: fixture.me)
        let events = try await fixture.crm.changeLeadStatus("led-1", to: "contacted", context: fixture.me)
        let changed = try events[0].decode(LeadStatusChanged.self)
        #expect(changed.category == .working && changed.statusSetVersion == 1 && changed.fromStatusId == nil)
        let unknown = try await fixture.rejection {
            try await fixture.crm.changeLeadStatus("led-1", to: "won", context: fixture.me)
        }
        #expect(unknown == .invalidInput(field: "lead status", reason: "'won' is not one of new, contacted"))
    }

    @Test func usersRolesAndTheOperationLog() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.registerUser(
            id: "usr-7", name: "Joanna Smith", email: "joanna@rapport.example", roles: [.salesRepresentative],
            context: fixture.me)
        try await fixture.crm.setUserRole("usr-7", .salesManager, scope: .team, context: fixture.me)
        let last = try await fixture.rejection {
            try await fixture.crm.setUserRole("usr-7", .auditor, scope: nil, context: fixture.me)
        }
        #expect(last == .invalidInput(field: "role", reason: "usr-7 has no role auditor"))
        try await fixture.crm.setUserRole("usr-7", .salesRepresentative, scope: nil, context: fixture.me)
        try await fixture.crm.recordSession("usr-7", signedIn: true, client: "web", ipAddress: "192.0.2.10", context: fixture.me)
        try await fixture.crm.recordExport("usr-7", scope: "all customers", recordCount: 120, format: "csv", context: fixture.me)
        try await fixture.crm.deactivateUser("usr-7", reason: "Left", context: fixture.me)
        let signIn = try await fixture.rejection {
            try await fixture.crm.recordSession("usr-7", signedIn: true, client: "web", context: fixture.me)
        }
        #expect(signIn == .invalidTransition(EntityRef(kind: .user, id: "usr-7"), state: "deactivated", action: "act"))
        let user = try await fixture.crm.user("usr-7")
        #expect(user.roles == [.salesManager: .team] && !user.isActive && user.version == 6)
    }

    @Test func contractsAreSignedOnceAndRenewedOrTerminatedWhileActive() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        try await fixture.crm.draftContract(
            id: "ctr-1", customerId: "cus-1", title: "Support", value: try eur("12000"), startDate: date("2026-01-01"),
            termMonths: 12, paymentTerms: "14 days", paymentMethod: .directDebit, context: fixture.me)
        let ref = EntityRef(kind: .contract, id: "ctr-1")
        let renewDraft = try await fixture.rejection {
            try await fixture.crm.renewContract("ctr-1", until: date("2027-12-31"), context: fixture.me)
        }
        #expect(renewDraft == .invalidTransition(ref, state: "draft", action: "be renewed"))
        try await fixture.crm.activateContract(
            "ctr-1", signedOn: date("2025-12-20"), customerSignedBy: "Bill", companySignedBy: "usr-7", context: fixture.me)
        let twice = try await fixture.rejection {
            try await fixture.crm.activateContract(
                "ctr-1", signedOn: date("2025-12-21"), customerSignedBy: "Bill", companySignedBy: "usr-7", context: fixture.me)
        }
        #expect(twice == .invalidTransition(ref, state: "active", action: "be signed again"))
        try await fixture.crm.renewContract("ctr-1", until: date("2027-12-31"), newValue: try eur("13000"), context: fixture.me)
        try await fixture.crm.terminateContract("ctr-1", reason: "Moved away", effectiveDate: date("2027-06-30"), context: fixture.me)
        let contract = try await fixture.crm.contract("ctr-1")
        #expect(try contract.status == .terminated && contract.value == eur("13000") && contract.renewedUntil == date("2027-12-31"))
    }
}
