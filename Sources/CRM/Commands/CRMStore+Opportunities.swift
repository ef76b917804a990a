public import EventSourcing

extension CRMStore {
    /// Opens an opportunity for a customer in an open stage of a pipeline (``OpportunityOpened``, carrying the
    /// stage's snapshot and the pipeline version). When the lifecycle policy promotes on
    /// ``LifecycleTrigger/opportunityOpened`` (a prospect's first open opportunity makes it an `opportunity`), the
    /// ``LifecycleStageChanged`` is appended to the customer in the same atomic append.
    /// - Throws: ``CRMError/notFound(_:)``, ``CRMError/alreadyExists(_:)``, ``CRMError/unknownStage(pipelineId:stageId:)``,
    ///   ``CRMError/stageNotOpen(pipelineId:stageId:category:)``, ``CRMError/invalidInput(field:reason:)`` for a
    ///   negative amount or an empty name.
    @discardableResult
    public func openOpportunity(
        id: String, customerId: String, name: String, pipelineId: String, stageId: String, amount: Money,
        expectedCloseDate: LocalDate, primaryContactId: String? = nil, ownerId: String? = nil,
        type: OpportunityType = .newBusiness, source: AcquisitionChannel? = nil, sourceLeadId: String? = nil,
        primaryCampaignId: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "opportunity id")
        let name = try Validate.text(name, field: "opportunity name")
        let amount = try amount.validated(field: "amount")
        let primaryContactId = try Validate.optionalIdentifier(primaryContactId, field: "contact id")
        let ownerId = try Validate.optionalIdentifier(ownerId, field: "owner id")
        return try await execute("openOpportunity", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            let opportunity = try await absent(OpportunityState.self, id)
            let pipeline = try await definedPipeline(pipelineId)
            let stage = try pipeline.openStage(stageId)
            let opened = PendingEvent(
                OpportunityOpened(
                    opportunityId: id, customerId: customerId, primaryContactId: primaryContactId, name: name,
                    pipelineId: pipelineId, pipelineVersion: pipeline.definitionVersion, stage: stage.snapshot,
                    amount: amount, expectedCloseDate: expectedCloseDate, ownerId: ownerId, type: type, source: source,
                    sourceLeadId: sourceLeadId, primaryCampaignId: primaryCampaignId))
            var writes = [try write(opportunity, [opened])]
            let policy = try await lifecyclePolicy()
            if let promoted = promotion(of: customer, on: .opportunityOpened, triggeringEventID: opened.id, policy: policy) {
                writes.append(try write(customer, [promoted]))
            }
            return writes
        }
    }

    /// The customer a deal of `id` now belongs to: the customer itself, or the survivor it was merged into
    /// (following up to ten merges); `nil` when that customer's data was erased.
    func canonicalCustomer(_ id: String) async throws(CRMError) -> CustomerState? {
        var customer = try await existing(CustomerState.self, id)
        for _ in 0..<10 {
            guard let survivor = customer.traits.absorbedInto else { break }
            customer = try await existing(CustomerState.self, survivor)
        }
        if customer.traits.absorbedInto != nil || customer.traits.erased { return nil }
        return customer
    }

    /// The pipeline `id`, which must be defined.
    /// - Throws: ``CRMError/notConfigured(_:)``.
    func definedPipeline(_ id: String) async throws(CRMError) -> PipelineDefinition {
        let pipeline = try await state(PipelineDefinition.self, id: id)
        guard pipeline.exists else { throw .notConfigured("Pipeline \(id)") }
        return pipeline
    }

    /// An open opportunity and its pipeline as currently defined.
    /// - Throws: ``CRMError/notFound(_:)``, ``CRMError/opportunityClosed(opportunityId:outcome:)``.
    private func openOpportunity(_ id: String) async throws(CRMError) -> (OpportunityState, PipelineDefinition) {
        let opportunity = try await writable(OpportunityState.self, id)
        if let outcome = opportunity.outcome { throw .opportunityClosed(opportunityId: id, outcome: outcome) }
        return (opportunity, try await definedPipeline(opportunity.opened?.pipelineId ?? ""))
    }

    /// Moves an open opportunity to another open stage (``OpportunityStageChanged`` with the stage's snapshot
    /// and the pipeline version; backward moves are allowed and marked).
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)`` for a won or lost opportunity (reopen it
    ///   first), ``CRMError/unknownStage(pipelineId:stageId:)``, ``CRMError/stageNotOpen(pipelineId:stageId:category:)``
    ///   for the won or lost stage (use ``winOpportunity(_:amount:closeDate:context:)`` or
    ///   ``loseOpportunity(_:reasonCode:note:competitor:closeDate:context:)``), ``CRMError/alreadyInStage(opportunityId:stageId:)``.
    @discardableResult
    public func advanceOpportunity(_ id: String, to stageId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        try await execute("advanceOpportunity", context) { () throws(CRMError) in
            let (opportunity, pipeline) = try await openOpportunity(id)
            let stage = try pipeline.openStage(stageId)
            guard let current = opportunity.stage, current.stageId != stageId else {
                throw .alreadyInStage(opportunityId: id, stageId: stageId)
            }
            let currentOrder = (try? pipeline.stage(current.stageId).order) ?? current.order
            let changed = OpportunityStageChanged(
                opportunityId: id, fromStageId: current.stageId, pipelineId: pipeline.id,
                pipelineVersion: pipeline.definitionVersion, stage: stage.snapshot,
                direction: stage.order > currentOrder ? .forward : .backward)
            return try write(opportunity, changed)
        }
    }

    /// Marks an open opportunity as won (``OpportunityWon``) in the pipeline's won stage, setting the close date
    /// (today in ``CRMOptions/timeZone`` unless given) and the won amount (the current amount unless given). When
    /// the lifecycle policy promotes on ``LifecycleTrigger/opportunityWon`` (the first won deal makes a customer),
    /// the ``LifecycleStageChanged`` goes to the customer in the same append.
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/invalidInput(field:reason:)``,
    ///   ``CRMError/currencyMismatch(expected:found:)``.
    @discardableResult
    public func winOpportunity(_ id: String, amount: Money? = nil, closeDate: LocalDate? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let amount = try amount?.validated(field: "won amount")
        return try await execute("winOpportunity", context) { () throws(CRMError) in
            let (opportunity, pipeline) = try await openOpportunity(id)
            let current = try requireAmount(opportunity)
            if let amount, amount.currency != current.currency {
                throw .currencyMismatch(expected: current.currency, found: amount.currency)
            }
            let won = PendingEvent(
                OpportunityWon(
                    opportunityId: id, pipelineId: pipeline.id, pipelineVersion: pipeline.definitionVersion,
                    stage: try pipeline.firstStage(.won).snapshot, wonAmount: amount ?? current,
                    closeDate: closeDate ?? today(context), lastOpenStageId: opportunity.lastOpenStageId ?? ""))
            var writes = [try write(opportunity, [won])]
            let policy = try await lifecyclePolicy()
            if let customer = try await canonicalCustomer(opportunity.customerId ?? ""),
                let promoted = promotion(of: customer, on: .opportunityWon, triggeringEventID: won.id, policy: policy)
            {
                writes.append(try write(customer, [promoted]))
            }
            return writes
        }
    }

    /// Marks an open opportunity as lost (``OpportunityLost``) with one of the configured lost reasons; sets the
    /// close date (today unless given).
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/notConfigured(_:)`` without
    ///   lost reasons, ``CRMError/unknownLostReason(code:known:)``, ``CRMError/lostReasonNeedsNote(code:)``.
    @discardableResult
    public func loseOpportunity(
        _ id: String, reasonCode: String, note: String? = nil, competitor: String? = nil, closeDate: LocalDate? = nil,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let note = try Validate.optionalText(note, field: "note", limit: Validate.textLimit)
        let competitor = try Validate.optionalText(competitor, field: "competitor")
        return try await execute("loseOpportunity", context) { () throws(CRMError) in
            let (opportunity, pipeline) = try await openOpportunity(id)
            let reasons = try await lostReasons()
            let reason = try reasons.reason(reasonCode, note: note)
            let lost = OpportunityLost(
                opportunityId: id, pipelineId: pipeline.id, pipelineVersion: pipeline.definitionVersion,
                stage: try pipeline.firstStage(.lost).snapshot, lostReasonCode: reason.code, lostReasonLabel: reason.label,
                lostReasonsVersion: reasons.listVersion, competitor: competitor, note: note,
                closeDate: closeDate ?? today(context), lastOpenStageId: opportunity.lastOpenStageId ?? "")
            return try write(opportunity, lost)
        }
    }

    /// Reopens a won or lost opportunity into an open stage (``OpportunityReopened``), with a reason.
    /// - Throws: ``CRMError/opportunityNotClosed(opportunityId:)`` for an open one, ``CRMError/unknownStage(pipelineId:stageId:)``,
    ///   ``CRMError/stageNotOpen(pipelineId:stageId:category:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func reopenOpportunity(_ id: String, to stageId: String, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("reopenOpportunity", context) { () throws(CRMError) in
            let opportunity = try await writable(OpportunityState.self, id)
            guard let outcome = opportunity.outcome else { throw .opportunityNotClosed(opportunityId: id) }
            let pipeline = try await definedPipeline(opportunity.opened?.pipelineId ?? "")
            let reopened = OpportunityReopened(
                opportunityId: id, previousOutcome: outcome, pipelineId: pipeline.id,
                pipelineVersion: pipeline.definitionVersion, stage: try pipeline.openStage(stageId).snapshot,
                reason: reason)
            return try write(opportunity, reopened)
        }
    }

    /// Changes an open opportunity's amount (``OpportunityAmountChanged``), in the same currency.
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/currencyMismatch(expected:found:)``,
    ///   ``CRMError/invalidInput(field:reason:)`` for a negative or unchanged amount.
    @discardableResult
    public func changeOpportunityAmount(_ id: String, to amount: Money, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let amount = try amount.validated(field: "amount")
        return try await execute("changeOpportunityAmount", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            let current = try requireAmount(opportunity)
            guard current.currency == amount.currency else {
                throw .currencyMismatch(expected: current.currency, found: amount.currency)
            }
            guard current != amount else { throw .invalidInput(field: "amount", reason: "it is already \(amount)") }
            return try write(opportunity, OpportunityAmountChanged(opportunityId: id, oldAmount: current, newAmount: amount))
        }
    }

    /// Moves an open opportunity's expected close date (``OpportunityCloseDateChanged``).
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func changeOpportunityCloseDate(_ id: String, to date: LocalDate, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("changeOpportunityCloseDate", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            guard let old = opportunity.closeDate, old != date else {
                throw .invalidInput(field: "close date", reason: "it is already \(date)")
            }
            return try write(opportunity, OpportunityCloseDateChanged(opportunityId: id, oldDate: old, newDate: date))
        }
    }

    /// Overrides an open opportunity's probability (``OpportunityProbabilityOverridden``), 0 to 100, with a reason.
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func overrideOpportunityProbability(_ id: String, to probability: Int, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let probability = try Validate.number(probability, in: 0...100, field: "probability")
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("overrideOpportunityProbability", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            let event = OpportunityProbabilityOverridden(
                opportunityId: id, oldProbability: opportunity.probability, newProbability: probability, reason: reason)
            return try write(opportunity, event)
        }
    }

    /// Gives an open opportunity a new owner (``OpportunityOwnerChanged``).
    /// - Throws: ``CRMError/opportunityClosed(opportunityId:outcome:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func changeOpportunityOwner(_ id: String, to ownerId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let ownerId = try Validate.identifier(ownerId, field: "owner id")
        return try await execute("changeOpportunityOwner", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            guard opportunity.ownerId != ownerId else {
                throw .invalidInput(field: "owner", reason: "\(ownerId) already owns opportunity \(id)")
            }
            return try write(
                opportunity, OpportunityOwnerChanged(opportunityId: id, fromOwnerId: opportunity.ownerId, toOwnerId: ownerId))
        }
    }

    /// Gives a contact a role in an opportunity (``OpportunityContactRoleAssigned``).
    /// - Throws: ``CRMError/notFound(_:)`` for an unknown contact.
    @discardableResult
    public func assignContactRole(_ id: String, contactId: String, role: ContactRole, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("assignContactRole", context) { () throws(CRMError) in
            let opportunity = try await writable(OpportunityState.self, id)
            _ = try await writable(ContactState.self, contactId)
            guard opportunity.contactRoles[contactId] != role else {
                throw .invalidInput(field: "role", reason: "contact \(contactId) is already \(role.rawValue) on \(id)")
            }
            return try write(opportunity, OpportunityContactRoleAssigned(opportunityId: id, contactId: contactId, role: role))
        }
    }

    /// Sets an opportunity's products (``OpportunityProductsChanged``): positive quantities, non-negative prices
    /// and discounts, one currency.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/currencyMismatch(expected:found:)``.
    @discardableResult
    public func setOpportunityProducts(_ id: String, lines: [ProductLine], context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        _ = try Self.total(of: lines)
        return try await execute("setOpportunityProducts", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            return try write(opportunity, OpportunityProductsChanged(opportunityId: id, lines: lines))
        }
    }

    /// Sets an opportunity's next action (``OpportunityNextActionSet``).
    @discardableResult
    public func setNextAction(_ id: String, _ action: String, dueDate: LocalDate? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let action = try Validate.text(action, field: "next action")
        return try await execute("setNextAction", context) { () throws(CRMError) in
            let (opportunity, _) = try await openOpportunity(id)
            return try write(opportunity, OpportunityNextActionSet(opportunityId: id, action: action, dueDate: dueDate))
        }
    }

    /// Sets a sales quota for a user or team and period (``QuotaSet``, stream `quota-<ownerId>`).
    @discardableResult
    public func setQuota(ownerId: String, period: String, amount: Money, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let ownerId = try Validate.identifier(ownerId, field: "owner id")
        let period = try Validate.identifier(period, field: "period")
        let amount = try amount.validated(field: "quota")
        return try await execute("setQuota", context) { () throws(CRMError) in
            let stream = try Self.stream("quota", ownerId)
            let version = try await self.version(of: stream)
            return [PendingWrite(stream, at: version, [PendingEvent(QuotaSet(ownerId: ownerId, period: period, amount: amount))])]
        }
    }

    private func requireAmount(_ opportunity: OpportunityState) throws(CRMError) -> Money {
        guard let amount = opportunity.amount else {
            throw .unreadableHistory(stream: "opportunity-\(opportunity.id)", reason: "the opportunity has no amount")
        }
        return amount
    }

    /// The total of product lines (Σ quantity × unit price − discount), checking every line.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/currencyMismatch(expected:found:)``.
    static func total(of lines: [ProductLine]) throws(CRMError) -> Money {
        guard let currency = lines.first?.unitPrice.currency else {
            throw .invalidInput(field: "lines", reason: "give at least one product line")
        }
        var total = Money.zero(currency)
        for line in lines {
            _ = try Validate.identifier(line.productId, field: "product id")
            _ = try Validate.number(line.quantity, in: 1...1_000_000_000, field: "quantity of \(line.productId)")
            let price = try line.unitPrice.validated(field: "unit price of \(line.productId)")
            let discount = try line.discount.validated(field: "discount of \(line.productId)")
            let gross = try price.multiplied(by: line.quantity)
            let net = try gross.subtracting(discount)
            guard net.minorUnits >= 0 else {
                throw .invalidInput(field: "discount of \(line.productId)", reason: "\(discount) is more than the line's \(gross)")
            }
            total = try total.adding(net)
        }
        return total
    }
}
