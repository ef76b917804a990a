import CRM
import EventSourcing
import Testing

@Suite("Scopes of created and ownerless records")
struct RecordScopeTests {
    private let admin = CommandContext(actor: "usr-1")

    private func denied(_ fixture: CRMFixture, _ body: () async throws -> Void) async throws -> String? {
        guard case .notAuthorized(_, _, let reason)? = try await fixture.rejection(body) else { return nil }
        return reason
    }

    private func deal(_ crm: CRMStore, _ id: String, _ customer: String, owner: String?, by actor: String) async throws {
        try await crm.openOpportunity(
            id: id, customerId: customer, name: "Deal \(id)", pipelineId: "sales", stageId: "qualification",
            amount: try eur("1000"), expectedCloseDate: date("2026-06-30"), ownerId: owner, context: CommandContext(actor: actor))
    }

    @Test func creatingARecordNeedsItsOwnerAndItsParentsInScope() async throws {
        let fixture = try await scopedCRM()
        let crm = fixture.crm
        let rep = CommandContext(actor: "usr-2"), manager = CommandContext(actor: "usr-5")
        // Customers: a representative registers only their own; a team manager those of the team.
        try await crm.registerCustomer(id: "cus-22", kind: .person, name: "Mine", source: .phone, ownerId: "usr-2", context: rep)
        #expect(try await denied(fixture) {
            try await crm.registerCustomer(id: "cus-23", kind: .person, name: "Theirs", source: .phone, ownerId: "usr-3", context: rep)
        } == "customer cus-23 is outside usr-2's scope (it is owned by usr-3)")
        try await crm.registerCustomer(id: "cus-24", kind: .person, name: "Team's", source: .phone, ownerId: "usr-3", context: manager)
        #expect(try await denied(fixture) {
            try await crm.registerCustomer(id: "cus-25", kind: .person, name: "South", source: .phone, ownerId: "usr-4", context: manager)
        } == "customer cus-25 is outside usr-5's scope (it is owned by usr-4)")
        // Leads likewise.
        try await crm.captureLead(id: "lea-2", name: "Lead", source: .website, ownerId: "usr-2", context: rep)
        #expect(try await denied(fixture) {
            try await crm.captureLead(id: "lea-3", name: "Lead", source: .website, context: rep)
        } == "lead lea-3 is outside usr-2's scope (it has no owner)")
        // Converting one's lead creates a customer and contact of one's own (the contact's customer is new too).
        try await crm.convertLead("lea-2", customerId: "cus-26", contactId: "con-26", context: rep)
        #expect(try await crm.customer("cus-26").ownerId == "usr-2")
        #expect(try await crm.contact("con-26").customers == ["cus-26": ""])
        // Opportunities: owned by the actor and for a customer in scope.
        try await deal(crm, "opp-1", "cus-2", owner: "usr-2", by: "usr-2")
        #expect(try await denied(fixture) { try await deal(crm, "opp-2", "cus-4", owner: "usr-2", by: "usr-2") }
            == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        #expect(try await denied(fixture) { try await deal(crm, "opp-3", "cus-2", owner: nil, by: "usr-2") }
            == "opportunity opp-3 is outside usr-2's scope (it has no owner)")
        // Records without owner: every record they belong to must be in scope.
        try await crm.addContact(id: "con-22", customerId: "cus-2", name: "Colleague", context: rep)
        #expect(try await denied(fixture) {
            try await crm.addContact(id: "con-4", customerId: "cus-4", name: "Stranger", context: rep)
        } == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        #expect(try await denied(fixture) {
            try await crm.addContact(id: "con-9", name: "Loose", context: rep)
        } == "contact con-9 is outside usr-2's scope (it has no owner)")
        let two = [EntityRef(kind: .customer, id: "cus-2"), EntityRef(kind: .customer, id: "cus-4")]
        try await crm.logInteraction(
            id: "int-1", subjects: [two[0]], channel: .phone, direction: .outbound, occurredAt: moment("2026-01-05T10:00:00Z"),
            summary: "Call", context: rep)
        #expect(try await denied(fixture) {
            try await crm.logInteraction(
                id: "int-2", subjects: two, channel: .phone, direction: .outbound, occurredAt: moment("2026-01-05T10:00:00Z"),
                summary: "Call", context: rep)
        } == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        #expect(try await denied(fixture) {
            try await crm.addNote(id: "not-4", subjects: [two[1]], body: "Note", context: rep)
        } == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        #expect(try await denied(fixture) {
            try await crm.scheduleTask(
                id: "tsk-4", subjects: [two[1]], type: .call, title: "Call", dueAt: moment("2026-01-06T10:00:00Z"),
                assigneeId: "usr-2", context: rep)
        } == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        #expect(try await denied(fixture) {
            try await crm.draftContract(
                id: "ctr-4", customerId: "cus-4", title: "Support", value: try eur("100"), startDate: date("2026-01-01"),
                termMonths: 12, paymentTerms: "30 days", paymentMethod: .invoice, context: rep)
        } == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        // Linking an existing contact to a customer outside the scope is attaching it there.
        #expect(try await denied(fixture) { try await crm.linkContact("con-22", toCustomer: "cus-4", context: rep) }
            == "customer cus-4 is outside usr-2's scope (it is owned by usr-4)")
        // What was allowed is there; what was denied is not.
        #expect(try await crm.customer("cus-22").ownerId == "usr-2")
        #expect(try await crm.customer("cus-24").ownerId == "usr-3")
        #expect(try await crm.opportunity("opp-1").exists)
        #expect(try await crm.opportunity("opp-2").exists == false)
        #expect(try await crm.contact("con-22").customers == ["cus-2": ""])
        #expect(try await crm.history(of: EntityRef(kind: .interaction, id: "int-2")).isEmpty)
    }

    @Test func ownerlessRecordsTakeTheScopeOfTheirCustomerOrAssignee() async throws {
        let fixture = try await scopedCRM()
        let crm = fixture.crm
        try await crm.openTicket(
            id: "tic-2", customerId: "cus-2", channel: .email, type: .question, priority: .normal, subject: "Invoice",
            description: "Ada's invoice is wrong", context: admin)
        try await crm.openTicket(
            id: "tic-4", customerId: "cus-4", channel: .email, type: .question, priority: .normal, subject: "Login",
            description: "Bob cannot log in", context: admin)
        try await crm.openTicket(
            id: "tic-c", contactId: "con-2", channel: .email, type: .question, priority: .normal, subject: "Access",
            description: "Charles asks", context: admin)
        try await crm.assignTicket("tic-4", to: "usr-6", context: admin)
        let agent = CommandContext(actor: "usr-6")
        // The agent (scope own) works on the ticket assigned to them, not on the others.
        try await crm.changeTicketPriority("tic-4", to: .high, context: agent)
        #expect(try await denied(fixture) { try await crm.changeTicketPriority("tic-2", to: .high, context: agent) }
            == "ticket tic-2 is outside usr-6's scope (it belongs to customer cus-2)")
        // Opening a ticket needs its customer in scope: the agent owns no customer.
        #expect(try await denied(fixture) {
            try await crm.openTicket(
                id: "tic-6", customerId: "cus-4", channel: .email, type: .question, priority: .normal, subject: "More",
                description: "Again", context: agent)
        } == "customer cus-4 is outside usr-6's scope (it is owned by usr-4)")
        // Reads: the customer's owner, the owner's team, the assignee, all-scope roles.
        #expect(try await crm.ticket("tic-2", as: "usr-2").opened?.subject == "Invoice")
        #expect(try await crm.ticket("tic-2", as: "usr-5").opened?.description == "Ada's invoice is wrong")
        #expect(try await crm.ticket("tic-c", as: "usr-2").opened?.subject == "Access")   // through contact con-2
        #expect(try await crm.ticket("tic-4", as: "usr-6").priority == .high)
        #expect(try await crm.ticket("tic-4", as: "usr-4").priority == .high)
        let audited = try await crm.ticket("tic-2", as: "usr-9")
        #expect(audited.opened?.subject == "[redacted]" && audited.opened?.description == "[redacted]")
        #expect(audited.opened?.customerId == "cus-2")
        for (ticket, reader, reason) in [
            ("tic-2", "usr-3", "ticket tic-2 is outside usr-3's scope (it belongs to customer cus-2)"),
            ("tic-2", "usr-6", "ticket tic-2 is outside usr-6's scope (it belongs to customer cus-2)"),
            ("tic-4", "usr-5", "ticket tic-4 is outside usr-5's scope (it is assigned to usr-6 and belongs to customer cus-4)"),
            ("tic-c", "usr-4", "ticket tic-c is outside usr-4's scope (it belongs to contact con-2)"),
        ] {
            #expect(try await denied(fixture) { _ = try await crm.ticket(ticket, as: reader) } == reason, "\(ticket) as \(reader)")
        }
        // Contacts and interactions go with their customers.
        #expect(try await crm.contact("con-2", as: "usr-2").profile?.name == "Charles Babbage")
        #expect(try await denied(fixture) { _ = try await crm.contact("con-2", as: "usr-4") }
            == "contact con-2 is outside usr-4's scope (it belongs to customer cus-2)")
        let about4 = EntityRef(kind: .interaction, id: "int-4")
        try await crm.logInteraction(
            id: "int-4", subjects: [EntityRef(kind: .ticket, id: "tic-4")], channel: .phone, direction: .inbound,
            occurredAt: moment("2026-01-05T10:00:00Z"), summary: "Bob called", context: admin)
        #expect(try await crm.history(of: about4, as: "usr-4").map { try $0.decode(InteractionLogged.self).summary } == ["Bob called"])
        #expect(try await crm.history(of: about4, as: "usr-6").count == 1)   // the ticket's assignee
        #expect(try await crm.history(of: about4, as: "usr-9").map { try $0.decode(InteractionLogged.self).summary } == ["[redacted]"])
        #expect(try await denied(fixture) { _ = try await crm.history(of: about4, as: "usr-2") }
            == "interaction int-4 is outside usr-2's scope (it belongs to ticket tic-4)")
    }

    @Test func aTargetIsReachedThroughItsAssigneeOrAnyParent() {
        let actor = AccessActor(id: "usr-2", roles: [.serviceAgent: .own], teamId: "north")
        let mine = AccessTarget(category: "customer", id: "cus-2", ownerId: "usr-2", ownerTeamId: "north")
        let theirs = AccessTarget(category: "customer", id: "cus-4", ownerId: "usr-4", ownerTeamId: "south")
        let colleague = AccessTarget(category: "customer", id: "cus-3", ownerId: "usr-3", ownerTeamId: "north")
        // (assignee, parents) -> reached by own, team: written out by hand.
        let cases: [(String?, String?, [AccessTarget], Bool, Bool)] = [
            (nil, nil, [], false, false),
            (nil, nil, [theirs], false, false),
            (nil, nil, [theirs, mine], true, true),
            (nil, nil, [colleague], false, true),
            ("usr-2", "north", [theirs], true, true),
            ("usr-3", "north", [theirs], false, true),
            ("usr-4", "south", [], false, false),
        ]
        for (assignee, team, parents, own, sameTeam) in cases {
            let ticket = AccessTarget(category: "ticket", id: "tic-1", assigneeId: assignee, assigneeTeamId: team, parents: parents)
            #expect(ticket.isReached(by: .own, of: actor) == own, "\(assignee ?? "-") \(parents.map(\.id))")
            #expect(ticket.isReached(by: .team, of: actor) == sameTeam, "\(assignee ?? "-") \(parents.map(\.id))")
            #expect(ticket.isReached(by: .all, of: actor))
            #expect((RoleAccessPolicy().decide(query: ticket, actor: actor) == .allow) == own)
        }
    }
}
