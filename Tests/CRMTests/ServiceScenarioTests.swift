import CRM
import Testing

@Suite("Service")
struct ServiceScenarioTests {
    @Test func ticketFromOpeningToClosingWithCSAT() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.customer("cus-1")
        try await fixture.crm.addContact(id: "con-1", customerId: "cus-1", name: "Peter Gibbons", context: fixture.me)
        let opened = try await fixture.crm.openTicket(
            id: "tck-1", customerId: "cus-1", contactId: "con-1", channel: .email, type: .incident, priority: .high,
            subject: "Payroll run fails", description: "Stops at step 3", slaPolicyId: "standard", context: fixture.me)
        let sla = try opened[0].decode(TicketOpened.self).sla
        #expect(sla?.firstResponseMinutes == 60 && sla?.resolutionMinutes == 480 && sla?.policyVersion == 1)

        try await fixture.crm.assignTicket("tck-1", to: "usr-12", teamId: "support-l1", context: fixture.me)
        let first = try await fixture.crm.respondToTicket("tck-1", responderId: "usr-12", channel: .email, context: fixture.me)
        #expect(try first[0].decode(TicketResponded.self).isFirstResponse)
        let paused = try await fixture.crm.changeTicketStatus("tck-1", to: .waitingOnCustomer, context: fixture.me)
        #expect(try paused[0].decode(TicketStatusChanged.self).pausesClock)
        #expect(try await fixture.crm.ticket("tck-1").isPaused)
        let reply = try await fixture.crm.recordCustomerReply("tck-1", channel: .email, context: fixture.me)
        #expect(reply.map(\.type) == ["TicketCustomerReplied", "TicketStatusChanged"])
        #expect(reply[1].causationID == reply[0].id)
        #expect(try await fixture.crm.ticket("tck-1").isPaused == false)
        let second = try await fixture.crm.respondToTicket("tck-1", responderId: "usr-12", channel: .email, context: fixture.me)
        #expect(try second[0].decode(TicketResponded.self).isFirstResponse == false)
        try await fixture.crm.resolveTicket("tck-1", resolutionCode: "fixed", resolution: "Tax table corrected", context: fixture.me)
        try await fixture.crm.reopenTicket("tck-1", reason: "Fails again", context: fixture.me)
        try await fixture.crm.resolveTicket("tck-1", resolutionCode: "fixed", resolution: "Second fix", context: fixture.me)
        try await fixture.crm.closeTicket("tck-1", context: fixture.me)
        let ticket = try await fixture.crm.ticket("tck-1")
        #expect(ticket.status == .closed && ticket.reopenCount == 1 && ticket.assigneeId == "usr-12")

        try await fixture.crm.sendSurvey(
            id: "srv-1", kind: .csat, to: EntityRef(kind: .contact, id: "con-1"), about: ticket.ref, channel: .email,
            context: fixture.me)
        try await fixture.crm.submitFeedback(surveyId: "srv-1", submissionId: "sub-1", score: 4, context: fixture.me)
        try await fixture.crm.submitFeedback(
            surveyId: "srv-1", submissionId: "sub-2", score: 5, comment: "Fast", context: fixture.me)
        let survey = try await fixture.crm.survey("srv-1")
        #expect(survey.submissions.map(\.score) == [4, 5])
        #expect(survey.submissions.allSatisfy { $0.context == ticket.ref && $0.scaleMin == 1 && $0.scaleMax == 5 })
    }

    @Test func ticketTransitionRules() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.crm.openTicket(
            id: "tck-1", channel: .phone, type: .question, priority: .normal, subject: "How?", description: "How do I…",
            context: fixture.me)
        let ref = EntityRef(kind: .ticket, id: "tck-1")
        let reopen = try await fixture.rejection { try await fixture.crm.reopenTicket("tck-1", reason: "x", context: fixture.me) }
        #expect(reopen == .invalidTransition(ref, state: "new", action: "be reopened (only resolved or closed tickets can)"))
        let close = try await fixture.rejection { try await fixture.crm.closeTicket("tck-1", context: fixture.me) }
        #expect(close == .invalidTransition(ref, state: "new", action: "be closed before it is resolved"))
        let resolvedStatus = try await fixture.rejection {
            try await fixture.crm.changeTicketStatus("tck-1", to: .resolved, context: fixture.me)
        }
        #expect(resolvedStatus == .invalidInput(field: "status", reason: "a ticket is set to resolved by resolving it"))
        try await fixture.crm.resolveTicket("tck-1", resolutionCode: "answered", resolution: "Explained", context: fixture.me)
        let afterResolve = try await fixture.rejection {
            try await fixture.crm.changeTicketStatus("tck-1", to: .onHold, context: fixture.me)
        }
        #expect(afterResolve == .invalidTransition(ref, state: "resolved", action: "change status; reopen it first"))
        let resolveAgain = try await fixture.rejection {
            try await fixture.crm.resolveTicket("tck-1", resolutionCode: "x", resolution: "y", context: fixture.me)
        }
        #expect(resolveAgain == .invalidTransition(ref, state: "resolved", action: "be resolved; reopen it first"))
        try await fixture.crm.closeTicket("tck-1", context: fixture.me)
        let reply = try await fixture.rejection {
            try await fixture.crm.recordCustomerReply("tck-1", channel: .email, context: fixture.me)
        }
        #expect(reply == .invalidTransition(ref, state: "closed", action: "take replies; open a new ticket"))
        try await fixture.crm.reopenTicket("tck-1", reason: "Still unclear", context: fixture.me)
        #expect(try await fixture.crm.ticket("tck-1").status == .open)
    }

    @Test func escalationPriorityAndSLAConfiguration() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        let noTarget = try await fixture.rejection {
            try await fixture.crm.openTicket(
                id: "tck-1", channel: .phone, type: .incident, priority: .low, subject: "S", description: "D",
                slaPolicyId: "standard", context: fixture.me)
        }
        #expect(noTarget == .notConfigured("A target for low priority in SLA policy standard"))
        try await fixture.crm.openTicket(
            id: "tck-1", channel: .phone, type: .incident, priority: .normal, subject: "S", description: "D",
            slaPolicyId: "standard", context: fixture.me)
        let raised = try await fixture.crm.changeTicketPriority("tck-1", to: .urgent, context: fixture.me)
        #expect(try raised[0].decode(TicketPriorityChanged.self).sla?.firstResponseMinutes == 15)
        for level in 1...3 {
            let escalated = try await fixture.crm.escalateTicket("tck-1", reason: .slaRisk, context: fixture.me)
            #expect(try escalated[0].decode(TicketEscalated.self).level == level)
        }
        let fourth = try await fixture.rejection {
            try await fixture.crm.escalateTicket("tck-1", reason: .manual, context: fixture.me)
        }
        #expect(
            fourth
                == .invalidTransition(
                    EntityRef(kind: .ticket, id: "tck-1"), state: "escalated to the highest level (3)", action: "be escalated further"))
        let badPolicy = try await fixture.rejection {
            try await fixture.crm.defineSLAPolicy(
                id: "x", name: "X", targets: [SLATarget(priority: .low, firstResponseMinutes: 60, resolutionMinutes: 30)],
                calendarId: "c", pausedStatuses: [], context: fixture.me)
        }
        #expect(badPolicy != nil)
    }

    @Test func feedbackScoresMustBeOnTheScale() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        try await fixture.crm.sendSurvey(id: "nps-1", kind: .nps, to: customer, channel: .email, context: fixture.me)
        try await fixture.crm.sendSurvey(id: "ces-1", kind: .ces, to: customer, channel: .email, context: fixture.me)
        let nps = try await fixture.rejection {
            try await fixture.crm.submitFeedback(surveyId: "nps-1", submissionId: "a", score: 11, context: fixture.me)
        }
        #expect(nps == .invalidInput(field: "NPS score", reason: "11 is outside 0 to 10"))
        try await fixture.crm.submitFeedback(surveyId: "nps-1", submissionId: "a", score: 0, context: fixture.me)
        let twice = try await fixture.rejection {
            try await fixture.crm.submitFeedback(surveyId: "nps-1", submissionId: "a", score: 9, context: fixture.me)
        }
        #expect(twice == .invalidInput(field: "submission id", reason: "a was recorded already"))
        let ces = try await fixture.rejection {
            try await fixture.crm.submitFeedback(surveyId: "ces-1", submissionId: "a", score: 0, context: fixture.me)
        }
        #expect(ces == .invalidInput(field: "CES score", reason: "0 is outside 1 to 7"))
        let unknown = try await fixture.rejection {
            try await fixture.crm.submitFeedback(surveyId: "srv-404", submissionId: "a", score: 3, context: fixture.me)
        }
        #expect(unknown == .notFound(EntityRef(kind: .survey, id: "srv-404")))
    }
}
