public import EventSourcing

extension CRMStore {
    /// Plans a campaign (``CampaignPlanned``): type, objective, audience, dates, budget and member statuses
    /// (default: `sent` as the default status and `responded` counting as a response).
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/invalidInput(field:reason:)`` for an end before the
    ///   start, a negative budget, a response rate outside 0 to 100 or member statuses without exactly one default.
    @discardableResult
    public func planCampaign(
        id: String, name: String, type: CampaignType, objective: String, targetAudience: String? = nil,
        startDate: LocalDate, endDate: LocalDate, budgetedCost: Money, expectedRevenue: Money? = nil,
        expectedResponseRate: Int? = nil, parentCampaignId: String? = nil,
        memberStatuses: [MemberStatus] = CRMStore.standardMemberStatuses, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "campaign id")
        guard startDate <= endDate else {
            throw .invalidInput(field: "end date", reason: "the campaign ends (\(endDate)) before it starts (\(startDate))")
        }
        guard memberStatuses.filter(\.isDefault).count == 1, Set(memberStatuses.map(\.status)).count == memberStatuses.count
        else { throw .invalidInput(field: "member statuses", reason: "give each status once and exactly one default") }
        let planned = CampaignPlanned(
            campaignId: id, name: try Validate.text(name, field: "campaign name"), type: type,
            objective: try Validate.text(objective, field: "objective", limit: Validate.textLimit),
            targetAudience: try Validate.optionalText(targetAudience, field: "target audience", limit: Validate.textLimit),
            startDate: startDate, endDate: endDate, budgetedCost: try budgetedCost.validated(field: "budget"),
            expectedRevenue: try expectedRevenue?.validated(field: "expected revenue"),
            expectedResponseRate: try expectedResponseRate.map { (rate) throws(CRMError) in
                try Validate.number(rate, in: 0...100, field: "expected response rate")
            }, parentCampaignId: try Validate.optionalIdentifier(parentCampaignId, field: "parent campaign id"),
            memberStatuses: memberStatuses)
        return try await execute("planCampaign", context) { () throws(CRMError) in
            if let parentCampaignId { _ = try await existing(CampaignState.self, parentCampaignId) }
            return try write(try await absent(CampaignState.self, id), planned)
        }
    }

    /// `sent` (the default) and `responded` (a response).
    public static let standardMemberStatuses = [
        MemberStatus(status: "sent", countsAsResponse: false, isDefault: true),
        MemberStatus(status: "responded", countsAsResponse: true, isDefault: false),
    ]

    /// Launches a planned campaign (``CampaignLaunched``), completes a launched one (``CampaignCompleted``) or
    /// cancels a planned or launched one (``CampaignCancelled``, which needs a reason).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for any other move,
    ///   ``CRMError/invalidInput(field:reason:)`` for a cancellation without a reason or a move to `planned`.
    @discardableResult
    public func moveCampaign(_ id: String, to status: CampaignState.Status, reason: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.optionalText(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("moveCampaign", context) { () throws(CRMError) in
            let campaign = try await writable(CampaignState.self, id)
            let event: any Event
            switch (campaign.status, status) {
            case (.planned, .launched): event = CampaignLaunched(campaignId: id)
            case (.launched, .completed): event = CampaignCompleted(campaignId: id)
            case (.planned, .cancelled), (.launched, .cancelled):
                guard let reason else { throw .invalidInput(field: "reason", reason: "say why the campaign is cancelled") }
                event = CampaignCancelled(campaignId: id, reason: reason)
            default:
                throw .invalidTransition(campaign.ref, state: campaign.status.rawValue, action: "become \(status.rawValue)")
            }
            return try write(campaign, event)
        }
    }

    /// Records a cost of a campaign (``CampaignCostRecorded``), positive and in the budget's currency.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/currencyMismatch(expected:found:)``,
    ///   ``CRMError/invalidTransition(_:state:action:)`` for cancelled campaigns.
    @discardableResult
    public func recordCampaignCost(
        _ id: String, amount: Money, category: String, incurredOn: LocalDate, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let amount = try amount.validated(field: "cost")
        guard amount.minorUnits > 0 else { throw .invalidInput(field: "cost", reason: "a cost must be more than zero") }
        let category = try Validate.text(category, field: "cost category", limit: 64)
        return try await execute("recordCampaignCost", context) { () throws(CRMError) in
            let campaign = try await writable(CampaignState.self, id)
            guard campaign.status != .cancelled else {
                throw .invalidTransition(campaign.ref, state: "cancelled", action: "incur costs")
            }
            if let budget = campaign.plan?.budgetedCost, budget.currency != amount.currency {
                throw .currencyMismatch(expected: budget.currency, found: amount.currency)
            }
            return try write(
                campaign, CampaignCostRecorded(campaignId: id, amount: amount, category: category, incurredOn: incurredOn))
        }
    }

    /// Adds a lead or contact to a campaign (``CampaignMemberAdded``) with the default member status (or `status`).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for other kinds, unknown statuses or existing members,
    ///   ``CRMError/notFound(_:)``, ``CRMError/invalidTransition(_:state:action:)`` for finished campaigns.
    @discardableResult
    public func addCampaignMember(_ id: String, member: EntityRef, status: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        guard member.kind == .lead || member.kind == .contact || member.kind == .customer else {
            throw .invalidInput(field: "member", reason: "campaign members are leads, contacts or customers")
        }
        return try await execute("addCampaignMember", context) { () throws(CRMError) in
            let campaign = try await openCampaign(id, "take new members")
            try await requireExists(member)
            guard campaign.members[member] == nil else {
                throw .invalidInput(field: "member", reason: "\(member) is already a member of campaign \(id)")
            }
            let status = try self.status(status, of: campaign)
            return try write(campaign, CampaignMemberAdded(campaignId: id, member: member, status: status.status))
        }
    }

    /// Records what happened to a message sent to a member (``CampaignMessageEventRecorded``); opting out also
    /// records the person's e-mail marketing consent choice.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when `member` is not a member.
    @discardableResult
    public func recordCampaignMessageEvent(
        _ id: String, member: EntityRef, action: CampaignMessageAction, url: String? = nil, at: Timestamp,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let url = try Validate.optionalText(url, field: "url", limit: 2_000)
        return try await execute("recordCampaignMessageEvent", context) { () throws(CRMError) in
            let campaign = try await writable(CampaignState.self, id)
            guard campaign.members[member] != nil else {
                throw .invalidInput(field: "member", reason: "\(member) is not a member of campaign \(id)")
            }
            let recorded = PendingEvent(CampaignMessageEventRecorded(campaignId: id, member: member, action: action, url: url, at: at))
            var writes = [try write(campaign, [recorded])]
            if action == .optedOut || action == .optedIn {
                let (stream, version, _) = try await traitsOf(member)
                let consent = CommunicationPreferenceChanged(
                    subject: member, channel: .email, optedIn: action == .optedIn, purpose: "marketing",
                    source: "campaign \(id)")
                writes.append(PendingWrite(stream, at: version, [PendingEvent(consent, causationID: recorded.id)]))
            }
            return writes
        }
    }

    /// Records a member's response: their new member status (``CampaignResponseRecorded``), which counts as a
    /// response when the campaign's status says so.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for non-members or unknown statuses.
    @discardableResult
    public func recordCampaignResponse(_ id: String, member: EntityRef, status: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("recordCampaignResponse", context) { () throws(CRMError) in
            let campaign = try await writable(CampaignState.self, id)
            guard campaign.members[member] != nil else {
                throw .invalidInput(field: "member", reason: "\(member) is not a member of campaign \(id)")
            }
            let status = try self.status(status, of: campaign)
            return try write(
                campaign,
                CampaignResponseRecorded(campaignId: id, member: member, status: status.status, responded: status.countsAsResponse))
        }
    }

    private func openCampaign(_ id: String, _ action: String) async throws(CRMError) -> CampaignState {
        let campaign = try await writable(CampaignState.self, id)
        guard campaign.status == .planned || campaign.status == .launched else {
            throw .invalidTransition(campaign.ref, state: campaign.status.rawValue, action: action)
        }
        return campaign
    }

    private func status(_ name: String?, of campaign: CampaignState) throws(CRMError) -> MemberStatus {
        let statuses = campaign.plan?.memberStatuses ?? []
        guard let status = statuses.first(where: { name == nil ? $0.isDefault : $0.status == name }) else {
            throw .invalidInput(
                field: "member status",
                reason: "'\(name ?? "")' is not a status of campaign \(campaign.id): \(statuses.map(\.status).joined(separator: ", "))")
        }
        return status
    }
}
