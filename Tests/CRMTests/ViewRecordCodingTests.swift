import CRM
import EventSourcing
import Foundation
import PropertyBased
import Testing

/// Every stored view record encodes and decodes without `Codable`, and the bytes are those `Codable` writes.
@Suite("View record coding")
struct ViewRecordCodingTests {
    /// The `index`th case of `E` (wrapping), so values use cases other than the first.
    private static func pick<E: CaseIterable>(_ index: Int) -> E {
        let all = Array(E.allCases)
        return all[index % all.count]
    }

    private static let at = Timestamp(rawValue: 1_764_000_000_123_456)
    private static let eur = Money(minorUnits: 125_050, currency: "EUR")
    private static let date = LocalDate("2026-12-01")

    /// Checks (a) the fast bytes are `Codable`'s, (b) the fast decode of them is `value`, (c) so is `Codable`'s.
    private static func check<T: BinaryPayloadEncodable & BinaryPayloadDecodable & Hashable>(
        _ value: T, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let codec = BinaryPayloadCodec()
        let fast = try codec.encode(value)
        let slow = try codec.encodeWithCodable(value)
        #expect(fast == slow, "\(T.self)", sourceLocation: sourceLocation)
        #expect(try codec.decode(T.self, from: fast) == value, "\(T.self)", sourceLocation: sourceLocation)
        #expect(try codec.decodeWithCodable(T.self, from: fast) == value, "\(T.self)", sourceLocation: sourceLocation)
        // Through an `Encodable` generic, as `ProjectionRecords` writes them: the same bytes.
        func generic<V: Encodable>(_ value: V) throws -> [UInt8] { try codec.encode(value) }
        #expect(try generic(value) == slow, "\(T.self)", sourceLocation: sourceLocation)
    }

    // MARK: - Customer view

    private static func fullCustomerView(_ seed: Int = 1, name: String = "Acme Oy") -> CustomerView {
        var view = CustomerView(id: "cust-\(seed)")
        view.registered = true
        view.kind = pick(seed)
        view.name = name
        view.email = "a@example.com"
        view.phone = "+358 40 123"
        view.industry = "retail"
        view.source = pick(seed)
        view.ownerId = "u-1"
        view.isActive = seed % 2 == 0
        view.lifecycleStage = "customer"
        view.becameCustomerAt = at
        view.tags = ["a", name]
        view.contacts = [CustomerContact(contactId: "k-1", name: name, role: "CEO"), CustomerContact(contactId: "k-2", name: "", role: nil)]
        view.openOpportunities = [CustomerOpportunity(opportunityId: "o-1", name: "Deal", stageId: "s-1", amount: eur)]
        view.wonOpportunities = seed
        view.wonTotal = [eur, Money(minorUnits: -5, currency: "USD")]
        view.openTickets = [CustomerTicket(ticketId: "t-1", priority: pick(seed), status: pick(seed + 1), openedAt: at)]
        view.lifetimeRevenue = [Money(minorUnits: .min, currency: "JPY")]
        view.lastInteraction = CustomerInteraction(interactionId: "i-1", at: at, actor: "u-2", channel: pick(seed))
        view.latestSatisfaction = CustomerSatisfaction(kind: pick(seed), score: 9, scaleMin: 0, scaleMax: 10, at: at)
        view.consent = [CustomerConsent(channel: pick(seed), purpose: "marketing", optedIn: true, at: at)]
        view.mergedIds = ["cust-9"]
        view.absorbedInto = "cust-0"
        view.erased = true
        return view
    }

    @Test func customerViewRecords() throws {
        let full = Self.fullCustomerView()
        try Self.check(full)
        try Self.check(CustomerView(id: "empty"))
        var record = CustomerViewRecord(view: full)
        record.customers = ["c-1", "c-2"]
        record.name = "Name"
        record.deal = CustomerOpportunity(opportunityId: "o-2", name: "", stageId: "s", amount: Self.eur)
        record.wonAmount = Self.eur
        try Self.check(record)
        try Self.check(CustomerViewRecord(customers: []))
        try Self.check(CustomerViewRecord(customers: ["c-1"], name: "k"))
        try Self.check(CustomerContact(contactId: "k", name: "n", role: nil))
        try Self.check(CustomerInteraction(interactionId: "i", at: Self.at, actor: nil, channel: Self.pick(0)))
    }

    @Test func randomCustomerViewsWriteTheCodableBytes() async {
        let word = Gen.character(in: "\u{20}"..."\u{24F}").string(of: 0...20)
        await propertyCheck(count: 100, input: Gen.int(in: 0...1_000), word) { seed, name in await recordingErrors {
            try Self.check(CustomerViewRecord(view: Self.fullCustomerView(seed, name: name)))
        } }
    }

    // MARK: - Pipeline

    @Test func pipelineRecords() throws {
        let stage = StageSnapshot(stageId: "s-2", name: "Proposal", order: 2, probability: 60, category: Self.pick(1), forecastCategory: Self.pick(2))
        guard let date = Self.date else {
            Issue.record("no date")
            return
        }
        var deal = PipelineDeal(id: "o-1", customerId: "c-1", name: "Deal", pipelineId: "p", stage: stage, amount: Self.eur, expectedCloseDate: date, openedAt: Self.at)
        try Self.check(deal)
        try Self.check(PipelineRecord(deal: deal))
        deal.ownerId = "u"
        deal.source = Self.pick(3)
        deal.campaignId = "cmp"
        deal.leadId = "l"
        deal.probabilityOverride = 0
        deal.forecastOverride = Self.pick(1)
        deal.history.append(StageVisit(stageId: "s-3", enteredAt: Self.at, leftAt: Timestamp(rawValue: -7)))
        deal.backwardMoves = [BackwardMove(fromStageId: "s-3", toStageId: "s-2", at: Self.at)]
        deal.wonAmount = Self.eur
        deal.closeDate = LocalDate("2027-01-04")
        deal.closedAt = Self.at
        deal.lostReason = LostReasonLabel(code: "price", label: "Price")
        deal.competitor = "Rival"
        try Self.check(deal)
        try Self.check(PipelineRecord(deal: deal))
        var lead = PipelineLead(id: "l-1", source: Self.pick(2), campaignId: nil, capturedAt: Self.at)
        try Self.check(PipelineRecord(lead: lead))
        lead.campaignId = "cmp"
        lead.qualifiedAt = Self.at
        lead.opportunityId = "o-1"
        try Self.check(PipelineRecord(lead: lead))
    }

    // MARK: - Service

    @Test func serviceRecords() throws {
        var ticket = ServiceTicket(id: "t-1", customerId: nil, priority: Self.pick(1), openedAt: Self.at)
        try Self.check(ServiceRecord(ticket: ticket))
        ticket.customerId = "c"
        ticket.status = Self.pick(2)
        ticket.assigneeId = "a"
        ticket.sla = SLASnapshot(policyId: "p", policyVersion: 2, calendarId: "cal", firstResponseMinutes: 60, resolutionMinutes: 480, pausedStatuses: [Self.pick(3)])
        ticket.calendarVersion = 3
        ticket.firstResponseAt = Self.at
        ticket.resolvedAt = Self.at
        ticket.closedAt = Self.at
        ticket.pauses = [PausedStretch(from: Self.at, to: Self.at), PausedStretch(from: Self.at)]
        ticket.reopenCount = 2
        ticket.mergedInto = "t-0"
        try Self.check(ServiceRecord(ticket: ticket))
        let holidays = [Self.date].compactMap { $0 }
        try Self.check(ServiceRecord(calendar: BusinessCalendarDefined(
            calendarId: "cal", version: 1, timeZone: "Europe/Helsinki",
            workingHours: [WorkingHours(weekday: Self.pick(1), startMinute: 480, endMinute: 960)], holidays: holidays)))
        try Self.check(ServiceRecord(calendar: BusinessCalendarDefined(calendarId: "c", version: 0, timeZone: "UTC", workingHours: [], holidays: [])))
        try Self.check(ServiceRecord(answer: SatisfactionAnswer(submissionId: "f", kind: Self.pick(2), score: -1, scaleMin: 1, scaleMax: 5, at: Self.at)))
    }

    // MARK: - Campaigns

    @Test func campaignRecords() throws {
        var figures = CampaignFigures(id: "cmp-1")
        try Self.check(CampaignRecord(campaign: figures))
        figures.name = "Spring"
        figures.status = "launched"
        figures.budget = Self.eur
        figures.expectedRevenue = Self.eur
        figures.responseStatuses = ["responded", "converted"]
        figures.cost = [Self.eur]
        figures.members = 40
        figures.actions = ["sent": 40, "opened": 12, "clicked": 3, "hardBounced": 1]
        figures.responses = 5
        try Self.check(CampaignRecord(campaign: figures))
        var member = CampaignMember()
        try Self.check(CampaignRecord(member: member))
        member.isMember = true
        member.actions = [Self.pick(0), Self.pick(2)] as [CampaignMessageAction]
        member.responded = true
        try Self.check(CampaignRecord(member: member))
        try Self.check(CampaignRecord(customers: []))
        var person = CampaignRecord(customers: ["c-1"])
        person.touches = [CampaignTouch(campaignId: "cmp-1", at: Self.at)]
        person.capturedAt = Self.at
        person.openedAt = Self.at
        person.primaryCampaignId = "cmp-1"
        person.wonAmount = Self.eur
        person.wonAt = Self.at
        try Self.check(person)
    }

    // MARK: - Value

    @Test func valueRecords() throws {
        guard let date = Self.date else {
            Issue.record("no date")
            return
        }
        var value = CustomerValue(customerId: "c-1")
        try Self.check(CustomerValueRecord(value: value))
        var cancelled = ValueOrder(orderId: "r-2", orderedOn: date, total: Self.eur)
        cancelled.cancelled = true
        value.orders = [ValueOrder(orderId: "r-1", orderedOn: date, total: Self.eur), cancelled]
        value.netPayments = [Self.eur]
        value.lastInteractionAt = Self.at
        value.openComplaints = ["t-1"]
        value.latestSatisfaction = 0.75
        var active = ValueContract(contractId: "k-1", endDate: LocalDate("2027-12-01") ?? date)
        active.active = true
        value.contracts = [active, ValueContract(contractId: "k-2", endDate: date)]
        try Self.check(CustomerValueRecord(value: value))
        try Self.check(CustomerValueRecord(pointer: "c-1"))
    }

    // MARK: - Lifecycle

    @Test func lifecycleRecords() throws {
        var lifecycle = CustomerLifecycle(customerId: "c-1", stage: "lead", registeredAt: Self.at)
        try Self.check(lifecycle)
        lifecycle.moves = [
            LifecycleMove(fromStage: "lead", toStage: "customer", at: Self.at, direction: Self.pick(0), trigger: Self.pick(1), reason: nil),
            LifecycleMove(fromStage: "customer", toStage: "lead", at: Self.at, direction: Self.pick(1), trigger: Self.pick(0), reason: "churn"),
        ]
        lifecycle.becameCustomerAt = Self.at
        lifecycle.absorbed = true
        try Self.check(lifecycle)
    }

    // MARK: - Parts kept out of line

    /// What `Codable` synthesises for the records' properties as they are declared (the format stored and exported
    /// before the records kept parts out of line), for comparison.
    private struct CustomerViewRecordFields: Codable {
        var view: CustomerView?
        var customers: [String]
        var name: String?
        var deal: CustomerOpportunity?
        var wonAmount: Money?
    }

    private struct ServiceRecordFields: Codable {
        var ticket: ServiceTicket?
        var calendar: BusinessCalendarDefined?
        var answer: SatisfactionAnswer?
    }

    private struct CampaignRecordFields: Codable {
        var campaign: CampaignFigures?
        var member: CampaignMember?
        var touches: [CampaignTouch]
        var customers: [String]
        var capturedAt: Timestamp?
        var openedAt: Timestamp?
        var primaryCampaignId: String?
        var wonAmount: Money?
        var wonAt: Timestamp?
    }

    /// `value` and `fields` encode to the same JSON (keys sorted), and that JSON decodes back to `value`.
    private static func sameJSON<T: Codable & Equatable, F: Codable>(
        _ value: T, _ fields: F, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try encoder.encode(value)
        #expect(String(decoding: json, as: UTF8.self) == String(decoding: try encoder.encode(fields), as: UTF8.self), sourceLocation: sourceLocation)
        #expect(try JSONDecoder().decode(T.self, from: json) == value, sourceLocation: sourceLocation)
        #expect(try BinaryPayloadCodec().encodeWithCodable(value) == (try BinaryPayloadCodec().encodeWithCodable(fields)), sourceLocation: sourceLocation)
    }

    @Test func recordsWithPartsOutOfLineKeepTheFormatOfTheirDeclaredProperties() throws {
        let view = Self.fullCustomerView()
        let deal = CustomerOpportunity(opportunityId: "o-2", name: "Deal", stageId: "s", amount: Self.eur)
        var record = CustomerViewRecord(view: view)
        record.deal = deal
        record.wonAmount = Self.eur
        try Self.sameJSON(record, CustomerViewRecordFields(view: view, customers: [], name: nil, deal: deal, wonAmount: Self.eur))
        try Self.sameJSON(
            CustomerViewRecord(customers: ["c-1"], name: "k"),
            CustomerViewRecordFields(view: nil, customers: ["c-1"], name: "k", deal: nil, wonAmount: nil))

        let answer = SatisfactionAnswer(submissionId: "f", kind: Self.pick(1), score: 4, scaleMin: 1, scaleMax: 5, at: Self.at)
        try Self.sameJSON(ServiceRecord(answer: answer), ServiceRecordFields(ticket: nil, calendar: nil, answer: answer))
        let calendar = BusinessCalendarDefined(calendarId: "c", version: 2, timeZone: "UTC", workingHours: [], holidays: [])
        try Self.sameJSON(ServiceRecord(calendar: calendar), ServiceRecordFields(ticket: nil, calendar: calendar, answer: nil))
        let ticket = ServiceTicket(id: "t-1", customerId: "c", priority: Self.pick(1), openedAt: Self.at)
        try Self.sameJSON(ServiceRecord(ticket: ticket), ServiceRecordFields(ticket: ticket, calendar: nil, answer: nil))

        var figures = CampaignFigures(id: "cmp-1")
        figures.members = 3
        try Self.sameJSON(
            CampaignRecord(campaign: figures),
            CampaignRecordFields(
                campaign: figures, member: nil, touches: [], customers: [], capturedAt: nil, openedAt: nil,
                primaryCampaignId: nil, wonAmount: nil, wonAt: nil))
        var person = CampaignRecord(customers: ["c-1"])
        person.touches = [CampaignTouch(campaignId: "cmp-1", at: Self.at)]
        person.wonAmount = Self.eur
        try Self.sameJSON(
            person,
            CampaignRecordFields(
                campaign: nil, member: nil, touches: person.touches, customers: ["c-1"], capturedAt: nil, openedAt: nil,
                primaryCampaignId: nil, wonAmount: Self.eur, wonAt: nil))
    }

    @Test func copiesOfARecordWithAPartOutOfLineChangeApart() throws {
        var record = CustomerViewRecord(view: CustomerView(id: "c-1"))
        let copy = record
        record.view?.name = "Changed"
        record.view?.tags.append("vip")
        #expect(record.view?.name == "Changed")
        #expect(record.view?.tags == ["vip"])
        #expect(copy.view?.name == "")
        #expect(copy.view?.tags == [])
        #expect(record != copy)

        // Taken out and put back, as a projection's update does; `nil` in between.
        var moved = copy
        var view = moved.view.take()
        #expect(moved.view == nil)
        #expect(copy.view?.id == "c-1")
        view?.wonOpportunities = 2
        moved.view = view
        #expect(moved.view?.wonOpportunities == 2)
        #expect(copy.view?.wonOpportunities == 0)

        // Equal contents are equal records with equal hashes, whichever boxes hold them.
        var same = CustomerViewRecord(view: CustomerView(id: "c-1"))
        same.view?.name = "Changed"
        same.view?.tags = ["vip"]
        #expect(same == record)
        #expect(same.hashValue == record.hashValue)

        // A record without the part: changes through it do nothing; setting it gives it one.
        var index = CustomerViewRecord(customers: ["c-1"])
        index.view?.name = "ignored"
        #expect(index.view == nil)
        #expect(index == CustomerViewRecord(customers: ["c-1"]))
        index.view = CustomerView(id: "c-9")
        #expect(index.view?.id == "c-9")
        index.view = nil
        #expect(index == CustomerViewRecord(customers: ["c-1"]))

        var service = ServiceRecord(answer: SatisfactionAnswer(submissionId: "f", kind: Self.pick(0), score: 1, scaleMin: 1, scaleMax: 5, at: Self.at))
        let serviceCopy = service
        service.answer?.score = 5
        #expect(service.answer?.score == 5)
        #expect(serviceCopy.answer?.score == 1)
        var campaign = CampaignRecord(campaign: CampaignFigures(id: "cmp-1"))
        let campaignCopy = campaign
        campaign.campaign?.members += 1
        #expect(campaign.campaign?.members == 1)
        #expect(campaignCopy.campaign?.members == 0)
    }
}
