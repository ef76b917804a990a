import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Service, value, lifecycle, campaign and activity views as an actor")
struct ActorReportTests {
    private let admin = CommandContext(actor: "usr-1")

    /// ``scopedCRM(views:)`` with tickets `tic-2` (cus-2, normal, unassigned), `tic-4` (cus-4, assigned to usr-6),
    /// `tic-0` (cus-0, high, assigned to usr-3), `tic-c` (contact con-2 only, urgent); CSAT surveys to cus-2
    /// (answered 5) and cus-4 (answered 1); orders: two for cus-2, one for cus-4.
    private func populated() async throws -> CRMFixture {
        let fixture = try await scopedCRM(views: true)
        let crm = fixture.crm
        let tickets: [(String, String?, String?, TicketPriority, String?)] = [
            ("tic-2", "cus-2", nil, .normal, nil), ("tic-4", "cus-4", nil, .normal, "usr-6"),
            ("tic-0", "cus-0", nil, .high, "usr-3"), ("tic-c", nil, "con-2", .urgent, nil),
        ]
        for (id, customer, contact, priority, assignee) in tickets {
            try await crm.openTicket(
                id: id, customerId: customer, contactId: contact, channel: .email, type: .question, priority: priority,
                subject: "Ticket \(id)", description: "Help", context: admin)
            if let assignee { try await crm.assignTicket(id, to: assignee, context: admin) }
        }
        for (survey, customer, score) in [("srv-2", "cus-2", 5), ("srv-4", "cus-4", 1)] {
            try await crm.sendSurvey(
                id: survey, kind: .csat, to: EntityRef(kind: .customer, id: customer), channel: .email, context: admin)
            try await crm.submitFeedback(surveyId: survey, submissionId: "sub-" + survey, score: score, context: admin)
        }
        for (order, customer, day) in [("ord-2a", "cus-2", "2026-01-02"), ("ord-2b", "cus-2", "2026-01-03"), ("ord-4", "cus-4", "2026-01-02")] {
            try await crm.placeOrder(
                id: order, customerId: customer,
                lines: [ProductLine(productId: "p-1", description: "Widget", quantity: 1, unitPrice: try eur("100"), discount: try eur("0"))],
                paymentMethod: .card, orderedOn: date(day), context: admin)
        }
        return fixture
    }

    @Test func theServiceViewHoldsTheTicketsAndAnswersInTheActorsScope() async throws {
        let fixture = try await populated()
        let all = try await fixture.crm.views.service()
        // actor -> (tickets, answers, open tickets by priority, CSAT average), by hand from the scope rules: a ticket
        // by its assignee, its customer and its contact (con-2 belongs to cus-2); an answer by its survey's subject.
        let expected: [(String, [String], [String], [TicketPriority: Int], Double?)] = [
            ("usr-1", ["tic-0", "tic-2", "tic-4", "tic-c"], ["sub-srv-2", "sub-srv-4"], [.normal: 2, .high: 1, .urgent: 1], 3),
            ("usr-2", ["tic-2", "tic-c"], ["sub-srv-2"], [.normal: 1, .urgent: 1], 5),
            ("usr-3", ["tic-0"], [], [.high: 1], nil),
            ("usr-4", ["tic-4"], ["sub-srv-4"], [.normal: 1], 1),
            ("usr-5", ["tic-0", "tic-2", "tic-c"], ["sub-srv-2"], [.normal: 1, .high: 1, .urgent: 1], 5),
            ("usr-6", ["tic-4"], [], [.normal: 1], nil),
            ("usr-9", ["tic-0", "tic-2", "tic-4", "tic-c"], ["sub-srv-2", "sub-srv-4"], [.normal: 2, .high: 1, .urgent: 1], 3),
        ]
        for (actor, tickets, answers, byPriority, csat) in expected {
            let service = try await fixture.crm.service(as: actor)
            #expect(service.tickets.map(\.id) == tickets, "\(actor)")
            #expect(service.answers.map(\.submissionId) == answers, "\(actor)")
            #expect(service.queue().byPriority == byPriority, "\(actor)")
            #expect(service.csatAverage() == csat, "\(actor)")
            // Every figure is the snapshot's own, over what remains.
            let filtered = ServiceSnapshot(
                tickets: all.tickets.filter { tickets.contains($0.id) }, answers: all.answers.filter { answers.contains($0.submissionId) },
                calendars: all.calendars)
            #expect(service == filtered, "\(actor)")
        }
        let manager = try await fixture.crm.service(as: "usr-5")
        #expect(manager.queue().byAssignee == ["usr-3": 1, "": 2])
        #expect(manager.queue().byStatus == [.open: 1, .new: 2])
        #expect(try await fixture.crm.service(as: "usr-1") == all)
        #expect(try await fixture.denial { _ = try await fixture.crm.service(as: "usr-99") }
            == "read service: usr-99 is not a registered user")
    }

    @Test func theSLAFiguresOfTheServiceViewCountOnlyTheTicketsInScope() async throws {
        let fixture = try await scopedCRM(views: true)
        let crm = fixture.crm
        // A calendar open around the clock: business minutes are wall minutes.
        try await crm.defineBusinessCalendar(
            id: "always", timeZone: "UTC", workingHours: Weekday.allCases.map { WorkingHours(weekday: $0, startMinute: 0, endMinute: 1440) },
            holidays: [], context: admin)
        try await crm.defineSLAPolicy(
            id: "std", name: "Standard", targets: [SLATarget(priority: .normal, firstResponseMinutes: 60, resolutionMinutes: 600)],
            calendarId: "always", pausedStatuses: [], context: admin)
        func at(_ time: String) -> CommandContext { CommandContext(actor: "usr-1", occurredAt: moment("2026-03-02T\(time):00Z")) }
        // ticket, customer, contact, assignee, opened, first response: tic-2 met (30 min), tic-4 breached (120),
        // tic-0 met (10), tic-c unanswered for 50 of 60 minutes at noon: at risk (at least 80 %).
        let tickets: [(String, String?, String?, String?, String, String?)] = [
            ("tic-2", "cus-2", nil, nil, "09:00", "09:30"), ("tic-4", "cus-4", nil, nil, "09:00", "11:00"),
            ("tic-0", "cus-0", nil, "usr-3", "09:00", "09:10"), ("tic-c", nil, "con-2", nil, "11:10", nil),
        ]
        for (id, customer, contact, assignee, opened, response) in tickets {
            try await crm.openTicket(
                id: id, customerId: customer, contactId: contact, channel: .email, type: .question, priority: .normal,
                subject: "Ticket \(id)", description: "Help", slaPolicyId: "std", context: at(opened))
            if let assignee { try await crm.assignTicket(id, to: assignee, context: at(opened)) }
            if let response { try await crm.respondToTicket(id, responderId: "usr-1", channel: .email, context: at(response)) }
        }
        let noon = moment("2026-03-02T12:00:00Z")
        // actor -> (met, breached, at risk, met rate), by hand from the scopes (usr-5's team holds usr-2 and usr-3).
        let expected: [(String, Int, Int, [String], Double?)] = [
            ("usr-2", 1, 0, ["tic-c"], 1), ("usr-4", 0, 1, [], 0), ("usr-5", 2, 0, ["tic-c"], 1),
            ("usr-6", 0, 0, [], nil), ("usr-9", 2, 1, ["tic-c"], 2.0 / 3),
        ]
        for (actor, met, breached, atRisk, rate) in expected {
            let summary = try await crm.service(as: actor).slaSummary(.firstResponse, at: noon)
            #expect(summary.met == met && summary.breached == breached, "\(actor)")
            #expect(summary.atRisk == atRisk, "\(actor)")
            #expect(summary.metRate == rate, "\(actor)")
        }
    }

    @Test func theValueViewHoldsTheCustomersInTheActorsScopeAndRanksThemAmongThemselves() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        // actor -> (customers, repeat-purchase rate), by hand: cus-2 bought twice, cus-4 once, cus-0 never.
        let expected: [(String, [String], Double?)] = [
            ("usr-1", ["cus-0", "cus-2", "cus-4"], 0.5),
            ("usr-2", ["cus-2"], 1),
            ("usr-3", [], nil),
            ("usr-4", ["cus-4"], 0),
            ("usr-5", ["cus-2"], 1),
            ("usr-6", [], nil),
            ("usr-9", ["cus-0", "cus-2", "cus-4"], 0.5),
        ]
        for (actor, customers, rate) in expected {
            let value = try await crm.value(as: actor)
            #expect(value.customers.map(\.customerId) == customers, "\(actor)")
            #expect(value.repeatPurchaseRate() == rate, "\(actor)")
        }
        // Frequency scores: among cus-2 (2) and cus-4 (1) the best gets 5, the worst 1; a lone buyer 5.
        let today = date("2026-01-10")
        #expect(try await crm.value(as: "usr-9").rfm(today: today, currency: "EUR").map { [$0.customerId: $0.f] }
            == [["cus-2": 5], ["cus-4": 1]])
        #expect(try await crm.value(as: "usr-4").rfm(today: today, currency: "EUR").map { [$0.customerId: $0.f] } == [["cus-4": 5]])
        #expect(try await crm.value(as: "usr-1") == (try await crm.views.value()))
        #expect(try await fixture.denial { _ = try await crm.value(as: "usr-99") } == "read value: usr-99 is not a registered user")
    }

    @Test func theLifecycleViewHoldsTheCustomersInTheActorsScope() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let stage = CRMStore.defaultInitialLifecycleStage
        // actor -> customers, by hand from the owners; every one is in the initial stage.
        let expected: [(String, [String])] = [
            ("usr-1", ["cus-0", "cus-2", "cus-4"]), ("usr-2", ["cus-2"]), ("usr-3", []), ("usr-4", ["cus-4"]),
            ("usr-5", ["cus-2"]), ("usr-6", []), ("usr-9", ["cus-0", "cus-2", "cus-4"]),
        ]
        for (actor, customers) in expected {
            let lifecycle = try await crm.lifecycle(as: actor)
            #expect(lifecycle.customers.map(\.customerId) == customers, "\(actor)")
            #expect(lifecycle.countsByStage() == (customers.isEmpty ? [:] : [stage: customers.count]), "\(actor)")
        }
        #expect(try await crm.lifecycle(as: "usr-1") == (try await crm.views.lifecycle()))
        #expect(try await fixture.denial { _ = try await crm.lifecycle(as: "usr-99") }
            == "read lifecycle: usr-99 is not a registered user")
    }

    /// Refuses campaign `cmp-b` to everyone but administrators; otherwise the default policy.
    private struct HiddenCampaign: AccessPolicy {
        let base = RoleAccessPolicy()
        func decide(command: String, actor: AccessActor) -> AccessDecision { base.decide(command: command, actor: actor) }
        func decide(command: String, actor: AccessActor, target: AccessTarget) -> AccessDecision {
            base.decide(command: command, actor: actor, target: target)
        }
        func decide(query target: AccessTarget, actor: AccessActor) -> AccessDecision {
            if target.category == "campaign", target.id == "cmp-b", actor.roles[.administrator] == nil {
                return .deny(reason: "cmp-b is for administrators")
            }
            return base.decide(query: target, actor: actor)
        }
        func mayReadPersonalData(_ actor: AccessActor) -> Bool { base.mayReadPersonalData(actor) }
    }

    @Test func campaignsAreDecidedByRoleAndHoldNoPersonalData() async throws {
        for policy in [nil, HiddenCampaign()] as [(any AccessPolicy)?] {
            let fixture = try await scopedCRM(policy: policy, views: true)
            let crm = fixture.crm
            try await crm.captureLead(id: "lea-2", name: "Lead Two", email: "two@example.com", source: .website, ownerId: "usr-2", context: admin)
            for id in ["cmp-b", "cmp-a"] {
                try await crm.planCampaign(
                    id: id, name: "Campaign \(id)", type: .webinar, objective: "leads", startDate: date("2026-03-01"),
                    endDate: date("2026-03-31"), budgetedCost: try eur("100"), context: admin)
                // cmp-b touches the lead first.
                try await crm.addCampaignMember(id, member: EntityRef(kind: .lead, id: "lea-2"), context: admin)
            }
            let all = try await crm.views.campaigns()
            #expect(all.attributedLeads(.firstTouch) == ["cmp-b": 1])
            // The campaigns view names people by id only: the auditor (who may not see personal data) and a
            // representative outside the lead's owner see the same as the administrator when the role allows.
            #expect(try await crm.campaigns(as: "usr-1") == all)
            for actor in ["usr-2", "usr-4", "usr-5", "usr-9"] {
                let seen = try await crm.campaigns(as: actor)
                if policy == nil {
                    #expect(seen == all, "\(actor)")
                } else {
                    #expect(seen.campaigns.keys.sorted() == ["cmp-a"], "\(actor)")
                    #expect(seen.touches["lead:lea-2"]?.map(\.campaignId) == ["cmp-a"], "\(actor)")
                    #expect(seen.attributedLeads(.firstTouch) == ["cmp-a": 1], "\(actor)")
                }
            }
            let text = String(describing: try await crm.campaigns(as: "usr-9"))
            #expect(!text.contains("Lead Two") && !text.contains("two@example.com"))
            #expect(try await fixture.denial { _ = try await crm.campaigns(as: "usr-99") }
                == "read campaign: usr-99 is not a registered user")
        }
    }

    @Test func anActorsActivityIsForAuditorsAndThemselvesWithinScope() async throws {
        let fixture = try await scopedCRM(views: true)
        let crm = fixture.crm
        let rep = CommandContext(actor: "usr-2")
        try await crm.changeCustomerDetails(customerId: "cus-2", ["phone": "+358 40 1"], context: rep)
        try await crm.registerCustomer(id: "cus-22", kind: .person, name: "Grace Hopper", source: .phone, ownerId: "usr-2", context: rep)
        try await crm.changeCustomerDetails(customerId: "cus-22", ["phone": "+358 40 2"], context: rep)
        // cus-22 leaves usr-2's scope.
        try await crm.changeCustomerOwner(customerId: "cus-22", to: "usr-4", context: admin)
        let utc = try #require(TimeZone(identifier: "UTC"))
        // The days the events were recorded on (the store's clock), UTC days as the view stores them.
        let start = try #require(try await crm.history(of: EntityRef(kind: .customer, id: "cus-2")).first?.recordedAt)
        let end = try #require(try await crm.history(of: EntityRef(kind: .customer, id: "cus-22")).last?.recordedAt)
        let (first, last) = (LocalDate(start, in: utc), LocalDate(end, in: utc))
        func activity(_ reader: String) async throws -> [TimelineEntry] {
            try await crm.activity(of: "usr-2", from: first, through: last, in: utc, as: reader)
        }
        let plain = try await crm.views.activity(of: "usr-2", from: first, through: last, in: utc)
        #expect(plain.map(\.stream) == ["customer-cus-2", "customer-cus-22", "customer-cus-22"])
        #expect(try await activity("usr-1") == plain)
        // Themself: only what is in their scope now.
        let own = try await activity("usr-2")
        try #require(own.map { $0.stream } == ["customer-cus-2"])
        #expect(own[0].changes == [FieldChange(field: "phone", old: nil, new: "+358 40 1")])
        // The auditor: everything, with the personal values redacted.
        let audited = try await activity("usr-9")
        try #require(audited.map { $0.stream } == plain.map { $0.stream })
        #expect(audited.map(\.changes) == [
            [FieldChange(field: "phone", old: nil, new: "[redacted]")], [],
            [FieldChange(field: "phone", old: nil, new: "[redacted]")],
        ])
        // A manager of the same team and another representative may not read it.
        let refusal = "read activity: only an administrator, an auditor or usr-2 themself may read usr-2's activity"
        #expect(try await fixture.denial { _ = try await activity("usr-5") } == refusal)
        #expect(try await fixture.denial { _ = try await activity("usr-4") } == refusal)
        // Nor anyone but a user.
        #expect(try await fixture.denial { _ = try await activity("usr-99") } == "read activity: usr-99 is not a registered user")
    }
}
