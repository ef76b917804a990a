public import EventSourcing

/// The campaigns view as a projection. Keys: `c:<campaignId>` a ``CampaignFigures`` (plan, costs, unique members
/// per message action, responses); `m:<campaignId>|<kind>:<id>` a member's actions; `t:<kind>:<id>` a person's
/// campaign touches in order; `p:<kind>:<id>` the customers a lead or contact belongs to; `o:<opportunityId>` a
/// deal's customer, primary campaign and win. Attribution is computed when queried (``CampaignSnapshot``).
public struct CampaignProjection: Projection {
    /// `crm-campaigns`.
    public let name = "crm-campaigns"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [
            CampaignPlanned.eventType, CampaignLaunched.eventType, CampaignCompleted.eventType,
            CampaignCancelled.eventType, CampaignCostRecorded.eventType, CampaignMemberAdded.eventType,
            CampaignMemberRemoved.eventType, CampaignMessageEventRecorded.eventType, CampaignResponseRecorded.eventType,
            LeadCaptured.eventType, LeadConverted.eventType, ContactAdded.eventType, ContactLinkedToCustomer.eventType,
            OpportunityOpened.eventType, OpportunityWon.eventType, OpportunityReopened.eventType,
        ]
    }

    static func person(_ ref: EntityRef) -> String { ref.kind.rawValue + ":" + ref.id }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<CampaignRecord>) throws {
        let at = event.occurredAt
        switch event.type {
        // The commonest event first (responses): a switch over strings compares the cases in order.
        case CampaignResponseRecorded.eventType:
            let e = try event.decode(CampaignResponseRecorded.self)
            guard e.responded else { return }
            if try member(e.campaignId, e.member, &records, { member in
                defer { member.responded = true }
                return !member.responded
            }) { try campaign(e.campaignId, &records) { $0.responses += 1 } }
            try touch(e.member, e.campaignId, at, &records)
        case CampaignPlanned.eventType:
            let e = try event.decode(CampaignPlanned.self)
            try campaign(e.campaignId, &records) { figures in
                (figures.name, figures.budget, figures.expectedRevenue) = (e.name, e.budgetedCost, e.expectedRevenue)
                figures.responseStatuses = e.memberStatuses.filter(\.countsAsResponse).map(\.status)
            }
        case CampaignLaunched.eventType:
            try campaign(try event.decode(CampaignLaunched.self).campaignId, &records) { $0.status = "launched" }
        case CampaignCompleted.eventType:
            try campaign(try event.decode(CampaignCompleted.self).campaignId, &records) { $0.status = "completed" }
        case CampaignCancelled.eventType:
            try campaign(try event.decode(CampaignCancelled.self).campaignId, &records) { $0.status = "cancelled" }
        case CampaignCostRecorded.eventType:
            let e = try event.decode(CampaignCostRecorded.self)
            try campaign(e.campaignId, &records) { $0.cost.add(e.amount) }
        case CampaignMemberAdded.eventType:
            let e = try event.decode(CampaignMemberAdded.self)
            if try member(e.campaignId, e.member, &records, { member in
                defer { member.isMember = true }
                return !member.isMember
            }) {
                try campaign(e.campaignId, &records) { $0.members += 1 }
            }
            try touch(e.member, e.campaignId, at, &records)
        case CampaignMemberRemoved.eventType:
            let e = try event.decode(CampaignMemberRemoved.self)
            let key = "m:" + e.campaignId + "|" + Self.person(e.member)
            guard var member = try records.value(forKey: key)?.member, member.isMember else { return }
            member.isMember = false
            records.set(CampaignRecord(member: member), forKey: key)
            try campaign(e.campaignId, &records) { $0.members -= 1 }
        case CampaignMessageEventRecorded.eventType:
            let e = try event.decode(CampaignMessageEventRecorded.self)
            if try member(e.campaignId, e.member, &records, { member in
                guard !member.actions.contains(e.action) else { return false }
                member.actions.append(e.action)
                return true
            }) { try campaign(e.campaignId, &records) { $0.actions[e.action.rawValue, default: 0] += 1 } }
            if e.action == .opened || e.action == .clicked { try touch(e.member, e.campaignId, e.at, &records) }
        case LeadCaptured.eventType:
            let e = try event.decode(LeadCaptured.self)
            var lead = CampaignRecord(customers: [])
            lead.capturedAt = at
            records.set(lead, forKey: "p:lead:" + e.leadId)
            if let id = e.campaignId { try touch(EntityRef(kind: .lead, id: e.leadId), id, at, &records) }
        case LeadConverted.eventType:
            let e = try event.decode(LeadConverted.self)
            try link("lead:" + e.leadId, to: e.customerId, &records)
            try link("contact:" + e.contactId, to: e.customerId, &records)
        case ContactAdded.eventType:
            let e = try event.decode(ContactAdded.self)
            if let id = e.customerId { try link("contact:" + e.contactId, to: id, &records) }
        case ContactLinkedToCustomer.eventType:
            let e = try event.decode(ContactLinkedToCustomer.self)
            try link("contact:" + e.contactId, to: e.customerId, &records)
        case OpportunityOpened.eventType:
            let e = try event.decode(OpportunityOpened.self)
            var deal = CampaignRecord(customers: [e.customerId])
            deal.openedAt = at
            deal.primaryCampaignId = e.primaryCampaignId
            records.set(deal, forKey: "o:" + e.opportunityId)
        case OpportunityWon.eventType:
            let e = try event.decode(OpportunityWon.self)
            let key = "o:" + e.opportunityId
            guard var deal = try records.value(forKey: key) else { return }
            (deal.wonAmount, deal.wonAt) = (e.wonAmount, at)
            records.set(deal, forKey: key)
        case OpportunityReopened.eventType:
            let e = try event.decode(OpportunityReopened.self)
            let key = "o:" + e.opportunityId
            guard var deal = try records.value(forKey: key) else { return }
            (deal.wonAmount, deal.wonAt) = (nil, nil)
            records.set(deal, forKey: key)
        default: break
        }
    }

    private func campaign(_ id: String, _ records: inout ProjectionRecords<CampaignRecord>, _ body: (inout CampaignFigures) -> Void) throws {
        try records.update("c:" + id, default: CampaignRecord(campaign: CampaignFigures(id: id))) { record in
            record.campaign.update(default: CampaignFigures(id: id), body)
        }
    }

    /// Changes a member's record; returns what `body` returns (whether the change was a first).
    private func member(
        _ campaignId: String, _ person: EntityRef, _ records: inout ProjectionRecords<CampaignRecord>,
        _ body: (inout CampaignMember) -> Bool
    ) throws -> Bool {
        var first = false
        try records.update("m:" + campaignId + "|" + Self.person(person), default: CampaignRecord(member: CampaignMember())) {
            record in
            first = record.member.update(default: CampaignMember(), body)
        }
        return first
    }

    private func touch(_ person: EntityRef, _ campaignId: String, _ at: Timestamp, _ records: inout ProjectionRecords<CampaignRecord>) throws {
        try records.update("t:" + Self.person(person), default: CampaignRecord(customers: [])) {
            $0.touches.append(CampaignTouch(campaignId: campaignId, at: at))
        }
    }

    private func link(_ person: String, to customerId: String, _ records: inout ProjectionRecords<CampaignRecord>) throws {
        try records.update("p:" + person, default: CampaignRecord(customers: [])) { record in
            if !record.customers.contains(customerId) { record.customers.append(customerId) }
        }
    }
}

/// One campaign's own figures.
public struct CampaignFigures: Codable, Sendable, Hashable {
    /// The campaign.
    public var id: String
    /// Its name.
    public var name = ""
    /// `planned`, `launched`, `completed` or `cancelled`.
    public var status = "planned"
    /// The budget.
    public var budget: Money?
    /// The expected revenue.
    public var expectedRevenue: Money?
    /// The member statuses that count as a response.
    public var responseStatuses: [String] = []
    /// The costs recorded, per currency (each cost once).
    public var cost: [Money] = []
    /// Current members.
    public var members = 0
    /// Members with each message action at least once, by action (`sent`, `opened`, …).
    public var actions: [String: Int] = [:]
    /// Members who responded.
    public var responses = 0

    /// A campaign's empty figures.
    public init(id: String) { self.id = id }

    /// Members with `action` at least once.
    public func count(_ action: CampaignMessageAction) -> Int { actions[action.rawValue] ?? 0 }
    /// Members who bounced (hard or soft).
    public var bounced: Int { count(.hardBounced) + count(.softBounced) }

    /// `part` / the members sent to, or `nil` when none was sent to.
    func rateOfSent(_ part: Int) -> Double? { count(.sent) == 0 ? nil : Double(part) / Double(count(.sent)) }
    /// Opened / sent.
    public var openRate: Double? { rateOfSent(count(.opened)) }
    /// Clicked / sent.
    public var clickRate: Double? { rateOfSent(count(.clicked)) }
    /// Bounced / sent.
    public var bounceRate: Double? { rateOfSent(bounced) }
    /// Opted out / sent.
    public var optOutRate: Double? { rateOfSent(count(.optedOut)) }
    /// Responses / members (`nil` without members).
    public var responseRate: Double? { members == 0 ? nil : Double(responses) / Double(members) }
}

/// A member's actions in one campaign.
public struct CampaignMember: Codable, Sendable, Hashable {
    /// Whether it is a member now.
    public var isMember = false
    /// The message actions seen, first occurrence order.
    public var actions: [CampaignMessageAction] = []
    /// Whether it responded.
    public var responded = false

    /// No actions yet.
    public init() {}
}

/// A touch of a person by a campaign.
public struct CampaignTouch: Codable, Sendable, Hashable {
    /// The campaign.
    public var campaignId: String
    /// When.
    public var at: Timestamp

    /// A touch.
    public init(campaignId: String, at: Timestamp) { (self.campaignId, self.at) = (campaignId, at) }
}

/// A record of ``CampaignProjection`` (see its keys).
public struct CampaignRecord: Codable, Sendable, Hashable {
    /// For `c:`.
    public var campaign: CampaignFigures? {
        get { storedCampaign.value }
        _modify { yield &storedCampaign.value }
    }
    /// For `m:`.
    public var member: CampaignMember?
    /// For `t:`: the touches in log order.
    public var touches: [CampaignTouch] = []
    /// For `p:` the customers of a lead or contact; for `o:` the deal's customer.
    public var customers: [String] = []
    /// For `p:lead:`: when the lead was captured.
    public var capturedAt: Timestamp?
    /// For `o:`: when the deal was opened.
    public var openedAt: Timestamp?
    /// For `o:`: the primary campaign.
    public var primaryCampaignId: String?
    /// For `o:`: the amount won.
    public var wonAmount: Money?
    /// For `o:`: when it was won.
    public var wonAt: Timestamp?

    // The figures are out of line: a few records are campaigns, and the many others would otherwise each take their
    // room in memory.
    private var storedCampaign = OutOfLine<CampaignFigures>(nil)

    /// A campaign record.
    public init(campaign: CampaignFigures) { storedCampaign = OutOfLine(campaign) }
    /// A member record.
    public init(member: CampaignMember) { self.member = member }
    /// A person or deal record.
    public init(customers: [String]) { self.customers = customers }

    private enum CodingKeys: String, CodingKey {
        case campaign, member, touches, customers, capturedAt, openedAt, primaryCampaignId, wonAmount, wonAt
    }

    /// Reads the record's fields (what `Codable` would read for its properties).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storedCampaign = OutOfLine(try container.decodeIfPresent(CampaignFigures.self, forKey: .campaign))
        member = try container.decodeIfPresent(CampaignMember.self, forKey: .member)
        touches = try container.decode([CampaignTouch].self, forKey: .touches)
        customers = try container.decode([String].self, forKey: .customers)
        capturedAt = try container.decodeIfPresent(Timestamp.self, forKey: .capturedAt)
        openedAt = try container.decodeIfPresent(Timestamp.self, forKey: .openedAt)
        primaryCampaignId = try container.decodeIfPresent(String.self, forKey: .primaryCampaignId)
        wonAmount = try container.decodeIfPresent(Money.self, forKey: .wonAmount)
        wonAt = try container.decodeIfPresent(Timestamp.self, forKey: .wonAt)
    }

    /// Writes the record's fields (what `Codable` would write for its properties).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(campaign, forKey: .campaign)
        try container.encodeIfPresent(member, forKey: .member)
        try container.encode(touches, forKey: .touches)
        try container.encode(customers, forKey: .customers)
        try container.encodeIfPresent(capturedAt, forKey: .capturedAt)
        try container.encodeIfPresent(openedAt, forKey: .openedAt)
        try container.encodeIfPresent(primaryCampaignId, forKey: .primaryCampaignId)
        try container.encodeIfPresent(wonAmount, forKey: .wonAmount)
        try container.encodeIfPresent(wonAt, forKey: .wonAt)
    }
}

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension CampaignFigures: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the figures into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("id", id)
        try fields.string("name", name)
        try fields.string("status", status)
        try fields.encodeIfPresent("budget", budget)
        try fields.encodeIfPresent("expectedRevenue", expectedRevenue)
        try fields.strings("responseStatuses", responseStatuses)
        try fields.array("cost", cost)
        try fields.int("members", members)
        try fields.intsByKey("actions", actions)
        try fields.int("responses", responses)
    }

    /// Reads the figures from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        id = try fields.string("id")
        name = try fields.string("name")
        status = try fields.string("status")
        budget = try fields.decodeIfPresent(Money.self, "budget")
        expectedRevenue = try fields.decodeIfPresent(Money.self, "expectedRevenue")
        responseStatuses = try fields.strings("responseStatuses")
        cost = try fields.array(of: Money.self, "cost")
        members = try fields.int("members")
        actions = try fields.decode([String: Int].self, "actions")
        responses = try fields.int("responses")
    }
}

extension CampaignMember: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the member's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.bool("isMember", isMember)
        try fields.values("actions", actions)
        try fields.bool("responded", responded)
    }

    /// Reads the member from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        isMember = try fields.bool("isMember")
        actions = try fields.values(CampaignMessageAction.self, "actions")
        responded = try fields.bool("responded")
    }
}

extension CampaignTouch: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the touch's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("campaignId", campaignId)
        try fields.timestamp("at", at)
    }

    /// Reads the touch from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        campaignId = try fields.string("campaignId")
        at = try fields.timestamp("at")
    }
}

extension CampaignRecord: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the record's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encodeIfPresent("campaign", campaign)
        try fields.encodeIfPresent("member", member)
        try fields.array("touches", touches)
        try fields.strings("customers", customers)
        try fields.timestampIfPresent("capturedAt", capturedAt)
        try fields.timestampIfPresent("openedAt", openedAt)
        try fields.stringIfPresent("primaryCampaignId", primaryCampaignId)
        try fields.encodeIfPresent("wonAmount", wonAmount)
        try fields.timestampIfPresent("wonAt", wonAt)
    }

    /// Reads the record from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        storedCampaign = OutOfLine(try fields.decodeIfPresent(CampaignFigures.self, "campaign"))
        member = try fields.decodeIfPresent(CampaignMember.self, "member")
        touches = try fields.array(of: CampaignTouch.self, "touches")
        customers = try fields.strings("customers")
        capturedAt = try fields.timestampIfPresent("capturedAt")
        openedAt = try fields.timestampIfPresent("openedAt")
        primaryCampaignId = try fields.stringIfPresent("primaryCampaignId")
        wonAmount = try fields.decodeIfPresent(Money.self, "wonAmount")
        wonAt = try fields.timestampIfPresent("wonAt")
    }
}
