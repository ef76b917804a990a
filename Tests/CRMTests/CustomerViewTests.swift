import CRM
import EventSourcing
import EventSourcingTesting
import Testing

@Suite("Customer 360° view")
struct CustomerViewTests {
    /// One customer's history, every figure of the view touched; the expected values below are worked out by hand
    /// from it.
    static func history(_ s: ViewStore) async throws {
        let cus = EntityRef(kind: .customer, id: "cus-1")
        try await s.append(Make.customer("cus-1"), to: "customer-cus-1", at: "2026-01-01T09:00:00Z")
        try await s.append(
            ContactAdded(contactId: "con-1", customerId: "cus-1", name: "Peter Gibbons", emails: [], phones: [], role: "billing"),
            to: "contact-con-1", at: "2026-01-01T09:05:00Z")
        try await s.append(
            ContactAdded(contactId: "con-2", name: "Joanna", emails: [], phones: []), to: "contact-con-2", at: "2026-01-01T09:06:00Z")
        try await s.append(
            ContactLinkedToCustomer(contactId: "con-2", customerId: "cus-1", role: "decision maker"),
            to: "contact-con-2", at: "2026-01-01T09:07:00Z")
        try await s.append(Make.opportunity("opp-1", customer: "cus-1", amount: money("48000")), to: "opportunity-opp-1", at: "2026-01-02T10:00:00Z")
        try await s.append(Make.opportunity("opp-2", customer: "cus-1", amount: money("12000.50")), to: "opportunity-opp-2", at: "2026-01-02T11:00:00Z")
        try await s.append(
            OpportunityAmountChanged(opportunityId: "opp-1", oldAmount: money("48000"), newAmount: money("50000")),
            to: "opportunity-opp-1", at: "2026-01-03T10:00:00Z")
        try await s.append(Make.move("opp-1", from: "qualification", to: Stages.proposal), to: "opportunity-opp-1", at: "2026-01-03T11:00:00Z")
        try await s.append(Make.won("opp-2", amount: money("12000.50"), close: "2026-01-04", from: "qualification"),
            to: "opportunity-opp-2", at: "2026-01-04T10:00:00Z")
        try await s.append(Make.ticket("t-1", customer: "cus-1", priority: .high), to: "ticket-t-1", at: "2026-01-04T12:00:00Z")
        try await s.append(Make.ticket("t-2", customer: "cus-1"), to: "ticket-t-2", at: "2026-01-04T13:00:00Z")
        try await s.append(TicketClosed(ticketId: "t-2"), to: "ticket-t-2", at: "2026-01-04T14:00:00Z")
        try await s.append(Make.order("ord-1", customer: "cus-1", total: money("1000")), to: "order-ord-1", at: "2026-01-10T10:00:00Z")
        try await s.append(
            PaymentRecorded(orderId: "ord-1", paymentId: "pay-1", amount: money("1000"), method: .invoice, paidOn: date("2026-01-11")),
            to: "order-ord-1", at: "2026-01-11T10:00:00Z")
        try await s.append(
            RefundIssued(orderId: "ord-1", refundId: "ref-1", amount: money("250.25"), reason: "Damaged"),
            to: "order-ord-1", at: "2026-01-12T10:00:00Z")
        // The interaction through the contact happened later than the one logged after it.
        // Every optional field given: the routing excerpt skips them.
        try await s.append(
            InteractionLogged(
                interactionId: "int-1", subjects: [EntityRef(kind: .contact, id: "con-1")], channel: .phone, direction: .inbound,
                occurredAt: moment("2026-01-05T10:00:00Z"), durationSeconds: 300, summary: "Discussed the renewal",
                outcome: "call back", externalRef: "call-77", participants: ["Peter Gibbons", "Milton"]),
            to: "interaction-int-1", at: "2026-01-05T10:30:00Z", actor: "usr-9")
        try await s.append(
            Make.interaction("int-2", subjects: [cus], at: "2026-01-04T09:00:00Z", channel: .email),
            to: "interaction-int-2", at: "2026-01-06T08:00:00Z", actor: "usr-7")
        try await s.append(
            LifecycleStageChanged(
                customerId: "cus-1", fromStage: "lead", toStage: "customer", direction: .forward, trigger: .manual,
                policyId: "standard", policyVersion: 1),
            to: "customer-cus-1", at: "2026-01-06T09:00:00Z")
        try await s.append(TagApplied(entity: cus, tag: "vip"), to: "customer-cus-1", at: "2026-01-06T10:00:00Z")
        try await s.append(TagApplied(entity: cus, tag: "key"), to: "customer-cus-1", at: "2026-01-06T10:01:00Z")
        try await s.append(TagRemoved(entity: cus, tag: "key"), to: "customer-cus-1", at: "2026-01-06T10:02:00Z")
        try await s.append(
            CommunicationPreferenceChanged(subject: cus, channel: .email, optedIn: false, purpose: "marketing", source: "form"),
            to: "customer-cus-1", at: "2026-01-07T10:00:00Z")
        try await s.append(
            CommunicationPreferenceChanged(subject: cus, channel: .sms, optedIn: true, purpose: "service", source: "form"),
            to: "customer-cus-1", at: "2026-01-07T10:01:00Z")
        try await s.append(
            CommunicationPreferenceChanged(subject: cus, channel: .email, optedIn: true, purpose: "marketing", source: "call"),
            to: "customer-cus-1", at: "2026-01-08T10:00:00Z")
        try await s.append(
            FeedbackSubmitted(surveyId: "srv-1", submissionId: "sub-1", kind: .nps, subject: cus, score: 9, scaleMin: 0, scaleMax: 10),
            to: "survey-srv-1", at: "2026-01-09T10:00:00Z")
    }

    /// With the events stored as JSON, in the binary format (read straight from the bytes, interactions through
    /// their routing excerpt) and sealed (the excerpt skipping the sealed summary and participants).
    @Test(arguments: ViewStore.Storage.allCases)
    func everyFigureOfOneCustomer(storage: ViewStore.Storage) async throws {
        let s = try ViewStore(storage)
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let found = try await s.views.customer360("cus-1")
        let result = try #require(found)
        let view = result.view
        #expect(result.requestedId == "cus-1" && result.resolvedFrom.isEmpty && result.mergedRecords.isEmpty)
        #expect(view.registered && view.name == "Initech Oy" && view.email == "info@cus-1.example" && view.ownerId == "usr-7")
        #expect(view.contacts == [
            CustomerContact(contactId: "con-1", name: "Peter Gibbons", role: "billing"),
            CustomerContact(contactId: "con-2", name: "Joanna", role: "decision maker"),
        ])
        #expect(view.openOpportunities == [
            CustomerOpportunity(opportunityId: "opp-1", name: "Deal opp-1", stageId: "proposal", amount: money("50000"))
        ])
        #expect(result.openOpportunityValue == [money("50000")])
        #expect(view.wonOpportunities == 1 && view.wonTotal == [money("12000.50")])
        #expect(view.openTickets == [
            CustomerTicket(ticketId: "t-1", priority: .high, status: .new, openedAt: moment("2026-01-04T12:00:00Z"))
        ])
        #expect(view.lifetimeRevenue == [Money(minorUnits: 74_975, currency: "EUR")])  // 1,000.00 − 250.25
        #expect(view.lastInteraction == CustomerInteraction(
            interactionId: "int-1", at: moment("2026-01-05T10:00:00Z"), actor: "usr-9", channel: .phone))
        #expect(view.lifecycleStage == "customer" && view.becameCustomerAt == moment("2026-01-06T09:00:00Z"))
        #expect(view.tags == ["vip"])
        #expect(view.consent == [
            CustomerConsent(channel: .email, purpose: "marketing", optedIn: true, at: moment("2026-01-08T10:00:00Z")),
            CustomerConsent(channel: .sms, purpose: "service", optedIn: true, at: moment("2026-01-07T10:01:00Z")),
        ])
        #expect(view.latestSatisfaction == CustomerSatisfaction(kind: .nps, score: 9, scaleMin: 0, scaleMax: 10, at: moment("2026-01-09T10:00:00Z")))
        #expect(try await s.views.customer360("cus-404") == nil)
    }

    @Test func asOfEveryPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [1, 5, 9, 12, 15, 17, events.count] {
            let past = try await s.views.customer360("cus-1", asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.customer360("cus-1")
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
        // By recorded time: the sixth event's, inclusive (the test clock moves a minute per reading, so times differ).
        #expect(events[5].recordedAt < events[6].recordedAt)
        let sixth = try await s.views.customer360("cus-1", asOf: .time(events[5].recordedAt))
        try await replayCut(events, first: 6) { views in
                let replayed = try await views.customer360("cus-1")
                #expect(replayed == sixth) }
        #expect(sixth?.view.openOpportunities.count == 2)
    }

    @Test func anAbsorbedIdLeadsToTheSurvivorWithTheMergedRecordsCombined() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await s.append(Make.customer("cus-1"), to: "customer-cus-1", at: "2026-01-01T09:00:00Z")
        try await s.append(Make.customer("cus-2", name: "Initech"), to: "customer-cus-2", at: "2026-01-01T09:01:00Z")
        try await s.append(Make.opportunity("opp-1", customer: "cus-1", amount: money("100")), to: "opportunity-opp-1", at: "2026-01-02T09:00:00Z")
        try await s.append(Make.opportunity("opp-2", customer: "cus-2", amount: money("40.50")), to: "opportunity-opp-2", at: "2026-01-02T09:00:00Z")
        try await s.append(Make.opportunity("opp-3", customer: "cus-2", amount: money("70", "USD")),
            to: "opportunity-opp-3", at: "2026-01-02T09:00:00Z")
        try await s.append(
            Make.interaction("int-1", subjects: [EntityRef(kind: .customer, id: "cus-2")], at: "2026-01-03T09:00:00Z", channel: .chat),
            to: "interaction-int-1", at: "2026-01-03T09:00:00Z")
        let merge = try NewEvent(
            RecordsMerged(entityKind: .customer, survivorId: "cus-1", absorbedIds: ["cus-2"], fieldChoices: [], reason: "duplicate"),
            occurredAt: moment("2026-01-04T09:00:00Z"), codec: JSONPayloadCodec())
        let absorbed = try NewEvent(
            RecordAbsorbed(entityKind: .customer, absorbedId: "cus-2", survivorId: "cus-1", mergeEventId: merge.id),
            occurredAt: moment("2026-01-04T09:00:00Z"), codec: JSONPayloadCodec())
        try await s.store.append([
            StreamWrite(stream: try StreamName("customer-cus-1"), events: [merge]),
            StreamWrite(stream: try StreamName("customer-cus-2"), events: [absorbed]),
        ])
        let old = try #require(try await s.views.customer360("cus-2"))
        #expect(old.requestedId == "cus-2" && old.resolvedFrom == ["cus-2"] && old.view.id == "cus-1")
        #expect(old.mergedRecords == ["cus-2"] && old.view.mergedIds == ["cus-2"])
        #expect(old.view.openOpportunities.map(\.opportunityId) == ["opp-1", "opp-2", "opp-3"])
        #expect(old.openOpportunityValue == [money("140.50"), money("70", "USD")])
        #expect(old.view.lastInteraction?.interactionId == "int-1")
        #expect(old.view.name == "Initech Oy")
        #expect(try await s.views.customer360("cus-1") == old.with(requestedId: "cus-1", resolvedFrom: []))

        // The revert restores both records as they were.
        let reverted = { (id: String) throws in
            try NewEvent(
                MergeReverted(entityKind: .customer, mergeEventId: merge.id, survivorId: "cus-1", restoredIds: [id == "cus-1" ? "cus-2" : id], reason: "wrong"),
                occurredAt: moment("2026-01-05T09:00:00Z"), codec: JSONPayloadCodec())
        }
        try await s.store.append([
            StreamWrite(stream: try StreamName("customer-cus-1"), events: [try reverted("cus-1")]),
            StreamWrite(stream: try StreamName("customer-cus-2"), events: [try reverted("cus-2")]),
        ])
        let apart = try #require(try await s.views.customer360("cus-2"))
        #expect(apart.resolvedFrom.isEmpty && apart.view.id == "cus-2" && apart.view.absorbedInto == nil)
        #expect(apart.openOpportunityValue == [money("40.50"), money("70", "USD")])
        let survivor = try #require(try await s.views.customer360("cus-1"))
        #expect(survivor.view.mergedIds.isEmpty && survivor.openOpportunityValue == [money("100")])
    }

    @Test func erasureClearsPersonalDataAndReopeningBringsADealBack() async throws {
        let cus = EntityRef(kind: .customer, id: "cus-1")
        let state = try await ProjectionScenario(CustomerViewProjection())
            .given(Make.customer("cus-1"), in: "customer-cus-1")
            .given(ContactAdded(contactId: "con-1", customerId: "cus-1", name: "Peter", emails: [], phones: []), in: "contact-con-1")
            .given(Make.opportunity("opp-1", customer: "cus-1", amount: money("10")), in: "opportunity-opp-1")
            .given(Make.won("opp-1", amount: money("9"), close: "2026-02-01", from: "qualification"), in: "opportunity-opp-1")
            .given(OpportunityReopened(opportunityId: "opp-1", previousOutcome: .won, pipelineId: "sales", pipelineVersion: 1,
                stage: Stages.negotiation, reason: "Customer came back"), in: "opportunity-opp-1")
            .when(PersonalDataErased(subject: cus, requestId: "req-1", erasedFields: ["name", "email"]), in: "customer-cus-1")
            .when(PersonalDataErased(subject: EntityRef(kind: .contact, id: "con-1"), requestId: "req-2", erasedFields: ["name"]), in: "contact-con-1")
            .state()
        let view = try #require(state[CustomerViewProjection.viewKey("cus-1")]?.view)
        #expect(view.erased && view.name.isEmpty && view.email == nil)
        #expect(view.contacts == [CustomerContact(contactId: "con-1", name: "", role: nil)])
        #expect(view.wonOpportunities == 0 && view.wonTotal == [money("0")])
        #expect(view.openOpportunities == [
            CustomerOpportunity(opportunityId: "opp-1", name: "Deal opp-1", stageId: "negotiation", amount: money("10"))
        ])
    }
}

extension Customer360 {
    func with(requestedId: String, resolvedFrom: [String]) -> Customer360 {
        var copy = self
        (copy.requestedId, copy.resolvedFrom) = (requestedId, resolvedFrom)
        return copy
    }
}
