public import EventSourcing
import Foundation

/// Maps the standard workload's events (``WorkloadEvent``) to the CRM's own domain events, so that the CRM views
/// (which read only the CRM's event shapes) can run over the seeded `crm-bench` history: the demo's history and the
/// views benchmark's.
///
/// The mapping is deterministic: the same workload events give the same CRM events, with the same ids (made from
/// the workload's counter, ``eventID(index:ordinal:)``), the same business times (the workload event's
/// `occurredAt`) and the actor `workload`. Payloads use the binary codec.
///
/// Each workload event gives one CRM event (the *direct* event):
///
/// | workload event | CRM event | stream |
/// | --- | --- | --- |
/// | `CustomerRegistered` | ``CustomerRegistered`` | `customer-<6 digits>` |
/// | `InteractionLogged` | ``InteractionLogged`` naming the customer | `interaction-int-<counter>` |
/// | `OpportunityOpened` | ``OpportunityOpened`` | `opportunity-<opportunityId>` |
/// | `OpportunityStageAdvanced` | ``OpportunityStageChanged`` | `opportunity-<opportunityId>` |
/// | `OpportunityWon`, `OpportunityLost` | ``OpportunityWon``, ``OpportunityLost`` | `opportunity-<opportunityId>` |
/// | `TicketOpened`, `TicketResponded`, `TicketClosed` | the same | `ticket-<ticketId>` |
/// | `CampaignResponseRecorded` | the same | `campaign-<campaignId>` |
///
/// With ``Detail/oneToOne`` that is all (the views benchmark's data, one CRM event per workload event). With
/// ``Detail/realistic`` (the default, the demo's) the mapping also writes the events a CRM would have recorded
/// around them (*derived* events, each with the direct event's id as its causation id):
///
/// - once, before the first event: the standard lifecycle policy (``LifecyclePolicy/standardDefinition(version:)``,
///   stream `config-lifecycle`), the business calendar `support` (Monday to Friday, 09:00–17:00 UTC,
///   `calendar-support`) and the SLA policy `support` (`slapolicy-support`, targets per priority, see
///   ``slaTargets``);
/// - a customer is registered under its company's name in stage `lead`, with its person as a contact
///   (``ContactAdded``, `contact-con-<6 digits>`);
/// - the customer's first opportunity moves it `lead` → `opportunity`, its first won deal → `customer`
///   (``LifecycleStageChanged`` by the policy's rules, on the customer's stream, after the opportunity event);
/// - tickets are opened under the SLA of their priority; a ticket's first response is marked as such and moves it
///   from `new` to `open` (``TicketStatusChanged``); a closing is preceded by ``TicketResolved`` and followed by a
///   CSAT survey (``SurveySent`` and ``FeedbackSubmitted`` with the workload's satisfaction score, 1–5, on
///   `survey-srv-<ticketId>`);
/// - before a campaign's first response it is planned (``CampaignPlanned`` with a budget, see ``campaignBudget(_:)``),
///   launched and its cost recorded (90 % of the budget); a customer's first response to a campaign is preceded by
///   ``CampaignMemberAdded``.
///
/// The mapping remembers what it needs across events (each open opportunity's stage, each customer's lifecycle
/// stage, the tickets answered, the campaigns planned and their members), so feed it the workload's events in order,
/// from the first.
///
/// ```swift
/// var generator = WorkloadGenerator(configuration: WorkloadConfiguration(events: 10_000))
/// var mapping = CRMWorkloadMapping()
/// let events = try mapping.map(generator.nextDatasetEvent())   // set-up, CustomerRegistered, ContactAdded
/// ```
public struct CRMWorkloadMapping: Sendable {
    /// How much the mapping writes besides one CRM event per workload event.
    public enum Detail: String, Sendable, Hashable, CaseIterable {
        /// One CRM event per workload event, nothing else (the views benchmark's data).
        case oneToOne
        /// The direct events and the derived ones a CRM records around them (the demo's history).
        case realistic
    }

    /// What the mapping writes.
    public let detail: Detail
    private var stages: [String: String] = [:]
    private var lifecycleStages: [String: String] = [:]
    private var responded: Set<String> = []
    private var campaigns: Set<String> = []
    private var members: Set<String> = []
    private var setUpWritten = false
    private let codec = BinaryPayloadCodec()

    /// A mapping at the start of the history.
    public init(detail: Detail = .realistic) { self.detail = detail }

    /// The actor of every mapped event.
    public static let actor = "workload"
    /// The lifecycle policy the realistic history follows.
    public static let lifecyclePolicy = LifecyclePolicy.standardDefinition(version: 1)
    /// The stage a customer is registered in.
    public static let registrationStage = "lead"
    /// The business calendar the SLA clocks run on: Monday to Friday, 09:00–17:00 UTC, no holidays.
    public static let calendar = BusinessCalendarDefined(
        calendarId: "support", version: 1, timeZone: "UTC",
        workingHours: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map {
            WorkingHours(weekday: $0, startMinute: 9 * 60, endMinute: 17 * 60)
        },
        holidays: [])
    /// The SLA targets per priority, in business minutes: first response and resolution.
    public static let slaTargets = [
        SLATarget(priority: .urgent, firstResponseMinutes: 240, resolutionMinutes: 1_440),
        SLATarget(priority: .high, firstResponseMinutes: 480, resolutionMinutes: 2_880),
        SLATarget(priority: .normal, firstResponseMinutes: 960, resolutionMinutes: 4_800),
        SLATarget(priority: .low, firstResponseMinutes: 1_440, resolutionMinutes: 9_600),
    ]
    /// The SLA policy the tickets are opened under.
    public static let slaPolicy = SLAPolicyDefined(
        policyId: "support", version: 1, name: "Support", targets: slaTargets, calendarId: calendar.calendarId,
        pausedStatuses: [.waitingOnCustomer, .onHold])

    /// The budget of campaign `campaignId` (`cmp-2025-07`): 2,000 EUR plus 500 EUR per month number (7 → 5,500 EUR).
    public static func campaignBudget(_ campaignId: String) -> Money {
        let month = Int(campaignId.suffix(2)) ?? 0
        return Money(minorUnits: Int64(2_000 + 500 * month) * 100, currency: "EUR")
    }

    /// The id of the mapped event number `ordinal` (0 for the direct event, 1, 2… for the derived ones after or
    /// before it, 255 and down for the set-up) of workload event `index`: `52415050-0000-8000-80<ordinal>-` and the
    /// index in 12 hexadecimal digits (a UUID of version 8).
    public static func eventID(index: Int, ordinal: UInt8) -> EventID {
        let n = UInt64(truncatingIfNeeded: index)
        func byte(_ shift: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: n >> shift) }
        let bytes: uuid_t = (
            0x52, 0x41, 0x50, 0x50, 0, 0, 0x80, 0, 0x80, ordinal, byte(40), byte(32), byte(24), byte(16), byte(8), byte(0)
        )
        return EventID(UUID(uuid: bytes))
    }

    /// The CRM events of one workload event, in the order to append them.
    /// - Throws: ``EventStoreError/codec(_:)`` when a payload cannot be encoded, ``EventStoreError/invalidInput(_:)``
    ///   for a stream name the workload's ids cannot make (they always can).
    public mutating func map(_ event: WorkloadEvent) throws(EventStoreError) -> [CRMWorkloadEvent] {
        var output = Output(index: event.index, at: Timestamp(secondsSince1970: event.occurredAt), codec: codec)
        let realistic = detail == .realistic
        if realistic && !setUpWritten {
            setUpWritten = true
            try output.setUp(ConfigurationStream.lifecycle.rawValue, Self.lifecyclePolicy)
            try output.setUp("calendar-" + Self.calendar.calendarId, Self.calendar)
            try output.setUp("slapolicy-" + Self.slaPolicy.policyId, Self.slaPolicy)
        }
        let customer = String(event.streamName.dropFirst(9))
        let customerRef = EntityRef(kind: .customer, id: customer)
        switch event.type {
        case .customerRegistered:
            if realistic {
                let registered = CustomerRegistered(
                    customerId: customer, kind: .organization, name: Self.text(event, "company"),
                    industry: Self.text(event, "segment"), email: Self.text(event, "email"),
                    phone: Self.text(event, "phone"), interests: [], source: .website,
                    lifecycleStage: Self.registrationStage, lifecyclePolicyVersion: Self.lifecyclePolicy.version)
                try output.direct(event.streamName, registered)
                lifecycleStages[customer] = Self.registrationStage
                let contact = ContactAdded(
                    contactId: "con-" + customer, customerId: customer, name: Self.text(event, "name"),
                    emails: [Self.text(event, "email")], phones: [Self.text(event, "phone")], role: "primary")
                try output.derived("contact-con-" + customer, contact)
            } else {
                let registered = CustomerRegistered(
                    customerId: customer, kind: .organization, name: "Customer \(customer)", interests: [],
                    source: .website, lifecycleStage: "lead", lifecyclePolicyVersion: 0)
                try output.direct(event.streamName, registered)
            }
        case .interactionLogged:
            let channel = InteractionChannel(rawValue: Self.text(event, "channel")) ?? .email
            let logged = InteractionLogged(
                interactionId: "int-\(event.index)", subjects: [customerRef], channel: channel, direction: .outbound,
                occurredAt: output.at, durationSeconds: Self.number(event, "durationMinutes") * 60,
                summary: Self.text(event, "note"), participants: [Self.text(event, "agent")])
            try output.direct("interaction-int-\(event.index)", logged)
        case .opportunityOpened:
            let id = Self.text(event, "opportunityId")
            stages[id] = "prospecting"
            let close = LocalDate(Timestamp(secondsSince1970: event.occurredAt + 90 * 86_400), in: .gmt)
            let opened = OpportunityOpened(
                opportunityId: id, customerId: customer, name: Self.text(event, "title"), pipelineId: "sales",
                pipelineVersion: 1, stage: Self.stage("prospecting", probability: 10), amount: Self.money(event),
                expectedCloseDate: close, type: .newBusiness, source: .website)
            try output.direct("opportunity-\(id)", opened)
            if realistic { try promote(customer, on: .opportunityOpened, &output) }
        case .opportunityStageAdvanced:
            let id = Self.text(event, "opportunityId")
            let to = Self.text(event, "stage")
            let from = stages[id] ?? "prospecting"
            stages[id] = to
            let direction: StageDirection = Self.order(to) < Self.order(from) ? .backward : .forward
            let changed = OpportunityStageChanged(
                opportunityId: id, fromStageId: from, pipelineId: "sales", pipelineVersion: 1,
                stage: Self.stage(to, probability: Self.number(event, "probability")), direction: direction)
            try output.direct("opportunity-\(id)", changed)
        case .opportunityWon:
            let id = Self.text(event, "opportunityId")
            let won = OpportunityWon(
                opportunityId: id, pipelineId: "sales", pipelineVersion: 1,
                stage: Self.stage("won", probability: 100, category: .won), wonAmount: Self.money(event),
                closeDate: LocalDate(output.at, in: .gmt), lastOpenStageId: stages.removeValue(forKey: id) ?? "prospecting")
            try output.direct("opportunity-\(id)", won)
            if realistic { try promote(customer, on: .opportunityWon, &output) }
        case .opportunityLost:
            let id = Self.text(event, "opportunityId")
            let reason = Self.text(event, "reason")
            let lost = OpportunityLost(
                opportunityId: id, pipelineId: "sales", pipelineVersion: 1,
                stage: Self.stage("lost", probability: 0, category: .lost), lostReasonCode: reason,
                lostReasonLabel: reason, lostReasonsVersion: 1, closeDate: LocalDate(output.at, in: .gmt),
                lastOpenStageId: stages.removeValue(forKey: id) ?? "prospecting")
            try output.direct("opportunity-\(id)", lost)
        case .ticketOpened:
            let id = Self.text(event, "ticketId")
            let priority = TicketPriority(rawValue: Self.text(event, "priority")) ?? .normal
            let opened = TicketOpened(
                ticketId: id, customerId: customer,
                channel: InteractionChannel(rawValue: Self.text(event, "channel")) ?? .email, type: .question,
                priority: priority, subject: Self.text(event, "subject"), description: Self.text(event, "note"),
                sla: realistic ? Self.sla(priority) : nil)
            try output.direct("ticket-\(id)", opened)
        case .ticketResponded:
            let id = Self.text(event, "ticketId")
            let first = realistic && responded.insert(id).inserted
            let response = TicketResponded(
                ticketId: id, responderId: Self.text(event, "agent"), channel: .email, isPublic: true,
                isFirstResponse: first)
            try output.direct("ticket-\(id)", response)
            if first {
                let changed = TicketStatusChanged(ticketId: id, fromStatus: .new, toStatus: .open, pausesClock: false)
                try output.derived("ticket-\(id)", changed)
            }
        case .ticketClosed:
            let id = Self.text(event, "ticketId")
            guard realistic else {
                try output.direct("ticket-\(id)", TicketClosed(ticketId: id))
                break
            }
            responded.remove(id)
            let resolution = Self.text(event, "resolution")
            let resolved = TicketResolved(ticketId: id, resolutionCode: resolution, resolution: Self.text(event, "note"))
            try output.derived("ticket-\(id)", resolved)
            try output.direct("ticket-\(id)", TicketClosed(ticketId: id))
            let survey = "srv-" + id
            let ticketRef = EntityRef(kind: .ticket, id: id)
            try output.derived(
                "survey-" + survey,
                SurveySent(surveyId: survey, kind: .csat, subject: customerRef, context: ticketRef, channel: .email))
            let feedback = FeedbackSubmitted(
                surveyId: survey, submissionId: "csat-" + id, kind: .csat, subject: customerRef, context: ticketRef,
                score: Self.number(event, "satisfaction"), scaleMin: 1, scaleMax: 5)
            try output.derived("survey-" + survey, feedback)
        case .campaignResponseRecorded:
            let id = Self.text(event, "campaignId")
            let stream = "campaign-\(id)"
            if realistic {
                if campaigns.insert(id).inserted { try plan(id, &output) }
                if members.insert(id + "|" + customer).inserted {
                    try output.derived(stream, CampaignMemberAdded(campaignId: id, member: customerRef, status: "sent"))
                }
            }
            let response = CampaignResponseRecorded(
                campaignId: id, member: customerRef, status: Self.text(event, "response"), responded: true)
            try output.direct(stream, response)
        }
        return output.events
    }

    /// The lifecycle promotion of `customer` that the policy's rule for `trigger` makes, if any.
    private mutating func promote(_ customer: String, on trigger: LifecycleTrigger, _ output: inout Output) throws(EventStoreError) {
        let policy = Self.lifecyclePolicy
        let current = lifecycleStages[customer] ?? Self.registrationStage
        let rank = { (stage: String) in policy.stages.firstIndex(of: stage) ?? -1 }
        guard let rule = policy.rules.first(where: { $0.onEvent == trigger && rank($0.toStage) > rank(current) }) else {
            return
        }
        lifecycleStages[customer] = rule.toStage
        let changed = LifecycleStageChanged(
            customerId: customer, fromStage: current, toStage: rule.toStage, direction: .forward, trigger: .rule,
            ruleId: rule.ruleId, triggeringEventId: output.directID, policyId: policy.policyId,
            policyVersion: policy.version)
        try output.derived("customer-" + customer, changed)
    }

    /// Plans, launches and records the cost of campaign `id`, starting on the day of its first response.
    private func plan(_ id: String, _ output: inout Output) throws(EventStoreError) {
        let budget = Self.campaignBudget(id)
        let start = LocalDate(output.at, in: .gmt)
        let end = LocalDate(Timestamp(secondsSince1970: output.at.rawValue / 1_000_000 + 30 * 86_400), in: .gmt)
        let planned = CampaignPlanned(
            campaignId: id, name: "Campaign " + id.dropFirst(4), type: .email, objective: "Reach existing customers",
            startDate: start, endDate: end, budgetedCost: budget,
            memberStatuses: [
                MemberStatus(status: "sent", countsAsResponse: false, isDefault: true),
                MemberStatus(status: "opened", countsAsResponse: true, isDefault: false),
                MemberStatus(status: "clicked", countsAsResponse: true, isDefault: false),
                MemberStatus(status: "replied", countsAsResponse: true, isDefault: false),
                MemberStatus(status: "registered", countsAsResponse: true, isDefault: false),
            ])
        let stream = "campaign-\(id)"
        try output.derived(stream, planned)
        try output.derived(stream, CampaignLaunched(campaignId: id))
        let cost = Money(minorUnits: budget.minorUnits / 10 * 9, currency: budget.currency)
        try output.derived(stream, CampaignCostRecorded(campaignId: id, amount: cost, category: "email", incurredOn: start))
    }

    // MARK: - Building the events

    /// The events of one workload event as they are made.
    private struct Output {
        let index: Int
        let at: Timestamp
        let codec: BinaryPayloadCodec
        var events: [CRMWorkloadEvent] = []
        var ordinal: UInt8 = 1
        var setUpOrdinal: UInt8 = 255

        init(index: Int, at: Timestamp, codec: BinaryPayloadCodec) { (self.index, self.at, self.codec) = (index, at, codec) }

        /// The id of the direct event.
        var directID: EventID { CRMWorkloadMapping.eventID(index: index, ordinal: 0) }

        mutating func direct<E: Event>(_ stream: String, _ payload: E) throws(EventStoreError) {
            try add(stream, payload, id: directID, derived: false, causation: nil)
        }

        mutating func derived<E: Event>(_ stream: String, _ payload: E) throws(EventStoreError) {
            let id = CRMWorkloadMapping.eventID(index: index, ordinal: ordinal)
            ordinal += 1
            try add(stream, payload, id: id, derived: true, causation: directID)
        }

        mutating func setUp<E: Event>(_ stream: String, _ payload: E) throws(EventStoreError) {
            let id = CRMWorkloadMapping.eventID(index: index, ordinal: setUpOrdinal)
            setUpOrdinal -= 1
            try add(stream, payload, id: id, derived: true, causation: nil)
        }

        private mutating func add<E: Event>(
            _ stream: String, _ payload: E, id: EventID, derived: Bool, causation: EventID?
        ) throws(EventStoreError) {
            let event = try NewEvent(
                payload, id: id, occurredAt: at, actor: CRMWorkloadMapping.actor, causationID: causation, codec: codec)
            events.append(CRMWorkloadEvent(stream: try StreamName(stream), event: event, isDerived: derived))
        }
    }

    // MARK: - Reading the workload's fields

    private static let stageOrder: [String: Int] = [
        "prospecting": 0, "qualification": 1, "discovery": 2, "proposal": 3, "negotiation": 4, "commit": 5,
    ]

    /// The position of a workload stage (GENERATOR.md section 6) in the pipeline, 0 for an unknown one.
    private static func order(_ stage: String) -> Int { stageOrder[stage] ?? 0 }

    private static func stage(_ id: String, probability: Int, category: StageCategory = .open) -> StageSnapshot {
        let forecast: ForecastCategory =
            category == .won ? .closed : category == .lost ? .omitted : probability >= 80 ? .commit : .pipeline
        return StageSnapshot(
            stageId: id, name: id, order: order(id) + 1, probability: probability, category: category,
            forecastCategory: forecast)
    }

    private static func sla(_ priority: TicketPriority) -> SLASnapshot? {
        guard let target = slaTargets.first(where: { $0.priority == priority }) else { return nil }
        return SLASnapshot(
            policyId: slaPolicy.policyId, policyVersion: slaPolicy.version, calendarId: slaPolicy.calendarId,
            firstResponseMinutes: target.firstResponseMinutes, resolutionMinutes: target.resolutionMinutes,
            pausedStatuses: slaPolicy.pausedStatuses)
    }

    private static func text(_ event: WorkloadEvent, _ name: String) -> String {
        if case .string(let value)? = event[field: name] { return value }
        return ""
    }

    private static func number(_ event: WorkloadEvent, _ name: String) -> Int {
        if case .int(let value)? = event[field: name] { return value }
        return 0
    }

    private static func money(_ event: WorkloadEvent) -> Money {
        Money(minorUnits: event.amountCents ?? 0, currency: text(event, "currency"))
    }
}

/// One CRM event of the mapped workload history and the stream it goes to.
public struct CRMWorkloadEvent: Sendable, Hashable {
    /// The stream.
    public var stream: StreamName
    /// The event.
    public var event: NewEvent
    /// Whether it is derived (written around a workload event, or set-up) rather than the workload event's own.
    public var isDerived: Bool

    /// An event of the mapped history.
    public init(stream: StreamName, event: NewEvent, isDerived: Bool) {
        (self.stream, self.event, self.isDerived) = (stream, event, isDerived)
    }
}
