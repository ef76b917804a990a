public import EventSourcing

/// The opportunity a lead conversion opens.
public struct ConvertedOpportunity: Sendable, Hashable {
    /// The new opportunity's identifier.
    public var id: String
    /// Its name.
    public var name: String
    /// The pipeline.
    public var pipelineId: String
    /// The open stage it starts in.
    public var stageId: String
    /// The expected amount.
    public var amount: Money
    /// The expected close date.
    public var expectedCloseDate: LocalDate

    /// Creates the specification.
    public init(id: String, name: String, pipelineId: String, stageId: String, amount: Money, expectedCloseDate: LocalDate) {
        self.id = id
        self.name = name
        self.pipelineId = pipelineId
        self.stageId = stageId
        self.amount = amount
        self.expectedCloseDate = expectedCloseDate
    }
}

extension CRMStore {
    /// Captures a lead (``LeadCaptured``) and reports possible duplicates among customers, contacts and leads.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func captureLead(
        id: String, name: String, company: String? = nil, email: String? = nil, phone: String? = nil,
        source: AcquisitionChannel, campaignId: String? = nil, utm: UTMParameters? = nil, interest: String? = nil,
        estimatedValue: Money? = nil, ownerId: String? = nil, context: CommandContext
    ) async throws(CRMError) -> Registration {
        let captured = LeadCaptured(
            leadId: try Validate.identifier(id, field: "lead id"), name: try Validate.text(name, field: "lead name"),
            company: try Validate.optionalText(company, field: "company"),
            email: try email.map { (email) throws(CRMError) in try Validate.email(email) },
            phone: try phone.map { (phone) throws(CRMError) in try Validate.phone(phone) }, source: source,
            campaignId: try Validate.optionalIdentifier(campaignId, field: "campaign id"), utm: utm,
            interest: try Validate.optionalText(interest, field: "interest", limit: Validate.textLimit),
            estimatedValue: try estimatedValue?.validated(field: "estimated value"),
            ownerId: try Validate.optionalIdentifier(ownerId, field: "owner id"))
        let candidates = duplicateIndex.candidates(
            for: DuplicateProbe(
                name: captured.name, emails: captured.email.map { [$0] } ?? [], phones: captured.phone.map { [$0] } ?? []))
        let events = try await execute("captureLead", context) { () throws(CRMError) in
            try write(try await absent(LeadState.self, captured.leadId), captured)
        }
        return Registration(events: events, possibleDuplicates: candidates)
    }

    /// An open (not converted, not disqualified) lead.
    private func workableLead(_ id: String) async throws(CRMError) -> LeadState {
        let lead = try await writable(LeadState.self, id)
        switch lead.progress {
        case .converted: throw .invalidTransition(lead.ref, state: "converted already", action: "be worked on any more")
        case .disqualified: throw .invalidTransition(lead.ref, state: "disqualified", action: "go on until it is recycled")
        case .open, .qualified, .nurturing: return lead
        }
    }

    /// Qualifies a lead as marketing- or sales-qualified (``LeadQualified``); a lead never goes from SQL back to MQL.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for converted, disqualified or already
    ///   sales-qualified leads.
    @discardableResult
    public func qualifyLead(_ id: String, level: LeadQualificationLevel, score: Int? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let score = try score.map { (score) throws(CRMError) in try Validate.number(score, in: 0...100, field: "score") }
        return try await execute("qualifyLead", context) { () throws(CRMError) in
            let lead = try await workableLead(id)
            if lead.qualificationLevel == .sql || lead.qualificationLevel == level {
                throw .invalidTransition(
                    lead.ref, state: "\(lead.qualificationLevel?.rawValue.uppercased() ?? "") already",
                    action: "be qualified as \(level.rawValue.uppercased())")
            }
            return try write(lead, LeadQualified(leadId: id, level: level, score: score))
        }
    }

    /// Disqualifies a lead (``LeadDisqualified``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for converted or disqualified leads.
    @discardableResult
    public func disqualifyLead(_ id: String, reasonCode: String, note: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reasonCode = try Validate.identifier(reasonCode, field: "reason code")
        let note = try Validate.optionalText(note, field: "note", limit: Validate.textLimit)
        return try await execute("disqualifyLead", context) { () throws(CRMError) in
            let lead = try await workableLead(id)
            return try write(lead, LeadDisqualified(leadId: id, reasonCode: reasonCode, note: note))
        }
    }

    /// Recycles a disqualified lead into nurturing (``LeadRecycled``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the lead is disqualified.
    @discardableResult
    public func recycleLead(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("recycleLead", context) { () throws(CRMError) in
            let lead = try await writable(LeadState.self, id)
            guard lead.progress == .disqualified else {
                throw .invalidTransition(lead.ref, state: lead.progress.rawValue, action: "be recycled (only disqualified leads can)")
            }
            return try write(lead, LeadRecycled(leadId: id, reason: reason))
        }
    }

    /// Assigns a lead to a user (``LeadAssigned``).
    @discardableResult
    public func assignLead(_ id: String, to ownerId: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let ownerId = try Validate.identifier(ownerId, field: "owner id")
        return try await execute("assignLead", context) { () throws(CRMError) in
            let lead = try await workableLead(id)
            guard lead.ownerId != ownerId else {
                throw .invalidInput(field: "owner", reason: "\(ownerId) already owns lead \(id)")
            }
            return try write(lead, LeadAssigned(leadId: id, ownerId: ownerId))
        }
    }

    /// Converts a lead, in ONE atomic append over every stream involved: ``LeadConverted`` on the lead, a new
    /// customer (``CustomerRegistered``; an organisation named after the lead's company, else a person), a new
    /// contact (``ContactAdded``, with the lead's name, e-mail and phone), optionally an opportunity
    /// (``OpportunityOpened``, crediting the lead and its campaign) and the lifecycle promotion the opportunity
    /// earns. Either all of it is recorded or none.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for converted or disqualified leads,
    ///   ``CRMError/alreadyExists(_:)`` when an id is taken, the errors of ``openOpportunity(id:customerId:name:pipelineId:stageId:amount:expectedCloseDate:primaryContactId:ownerId:type:source:sourceLeadId:primaryCampaignId:context:)``.
    @discardableResult
    public func convertLead(
        _ id: String, customerId: String, contactId: String, opportunity: ConvertedOpportunity? = nil,
        context: CommandContext
    ) async throws(CRMError) -> Registration {
        let opportunityName = try opportunity.map { (spec) throws(CRMError) in try Validate.text(spec.name, field: "opportunity name") }
        let opportunityAmount = try opportunity?.amount.validated(field: "amount")
        var candidates: [DuplicateCandidate] = []
        let events = try await execute("convertLead", context) { () throws(CRMError) in
            let lead = try await workableLead(id)
            guard let captured = lead.captured else { throw .notFound(lead.ref) }
            let registered = try await customerRegistration(
                id: customerId, kind: captured.company == nil ? .person : .organization,
                name: captured.company ?? captured.name, email: captured.company == nil ? captured.email : nil,
                phone: captured.company == nil ? captured.phone : nil, website: nil, industry: nil, sizeBand: nil,
                address: nil, background: nil, interests: captured.interest.map { [$0] } ?? [], source: captured.source,
                campaignId: captured.campaignId, ownerId: lead.ownerId)
            candidates = duplicateIndex.candidates(for: registered.probe, excluding: lead.ref)
            let contact = try Self.contactAdded(
                id: contactId, customerId: customerId, name: captured.name, title: nil,
                emails: captured.email.map { [$0] } ?? [], phones: captured.phone.map { [$0] } ?? [], role: nil)
            let customerState = try await absent(CustomerState.self, customerId)
            let contactState = try await absent(ContactState.self, contactId)
            var customerEvents = [PendingEvent(registered)]
            var writes: [PendingWrite] = []
            var opportunityID: String?
            if let opportunity, let opportunityName, let opportunityAmount {
                let opportunityState = try await absent(OpportunityState.self, opportunity.id)
                let pipeline = try await definedPipeline(opportunity.pipelineId)
                let opened = PendingEvent(
                    OpportunityOpened(
                        opportunityId: opportunity.id, customerId: customerId, primaryContactId: contactId,
                        name: opportunityName, pipelineId: pipeline.id, pipelineVersion: pipeline.definitionVersion,
                        stage: try pipeline.openStage(opportunity.stageId).snapshot, amount: opportunityAmount,
                        expectedCloseDate: opportunity.expectedCloseDate, ownerId: lead.ownerId, type: .newBusiness,
                        source: captured.source, sourceLeadId: id, primaryCampaignId: captured.campaignId))
                writes.append(try write(opportunityState, [opened]))
                if let promoted = promotion(
                    customerId: customerId, from: registered.lifecycleStage, on: .opportunityOpened,
                    triggeringEventID: opened.id, policy: try await lifecyclePolicy())
                {
                    customerEvents.append(promoted)
                }
                opportunityID = opportunity.id
            }
            let converted = LeadConverted(leadId: id, customerId: customerId, contactId: contactId, opportunityId: opportunityID)
            return [
                try write(lead, [PendingEvent(converted)]), try write(customerState, customerEvents),
                try write(contactState, [PendingEvent(contact)]),
            ] + writes
        }
        return Registration(events: events, possibleDuplicates: candidates)
    }
}

extension CRMStore {
    /// The lead statuses (stream `config-leadstatuses`).
    public func leadStatuses() async throws(CRMError) -> LeadStatusSet {
        var set = LeadStatusSet()
        try await fold(ConfigurationStream.leadStatuses.name()) { (event) throws(EventStoreError) in try set.apply(event) }
        return set
    }

    /// Defines or revises the lead statuses (``LeadStatusSetDefined``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for an empty set or repeated ids.
    @discardableResult
    public func defineLeadStatuses(_ statuses: [LeadStatus], context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        guard !statuses.isEmpty, Set(statuses.map(\.statusId)).count == statuses.count else {
            throw .invalidInput(field: "lead statuses", reason: "give at least one status, each id once")
        }
        for status in statuses {
            _ = try Validate.identifier(status.statusId, field: "lead status id")
            _ = try Validate.text(status.name, field: "lead status name")
        }
        return try await execute("defineLeadStatuses", context) { () throws(CRMError) in
            let current = try await leadStatuses()
            let event = LeadStatusSetDefined(version: current.setVersion + 1, statuses: statuses)
            return [PendingWrite(try ConfigurationStream.leadStatuses.name(), at: current.version, [PendingEvent(event)])]
        }
    }

    /// Moves a lead to a configured status (``LeadStatusChanged``, carrying the status's category and the set's
    /// version).
    /// - Throws: ``CRMError/notConfigured(_:)``, ``CRMError/invalidInput(field:reason:)`` for unknown or unchanged
    ///   statuses, ``CRMError/invalidTransition(_:state:action:)`` for converted or disqualified leads.
    @discardableResult
    public func changeLeadStatus(_ id: String, to statusId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        try await execute("changeLeadStatus", context) { () throws(CRMError) in
            let lead = try await writable(LeadState.self, id)
            guard lead.progress != .converted else {
                throw .invalidTransition(lead.ref, state: "converted already", action: "change status")
            }
            let set = try await leadStatuses()
            guard !set.statuses.isEmpty else { throw .notConfigured("The lead statuses") }
            guard let status = set.statuses.first(where: { $0.statusId == statusId }) else {
                throw .invalidInput(
                    field: "lead status",
                    reason: "'\(statusId)' is not one of \(set.statuses.map(\.statusId).joined(separator: ", "))")
            }
            guard lead.statusId != statusId else {
                throw .invalidInput(field: "lead status", reason: "lead \(id) is already \(statusId)")
            }
            return try write(
                lead,
                LeadStatusChanged(
                    leadId: id, fromStatusId: lead.statusId, toStatusId: statusId, category: status.category,
                    statusSetVersion: set.setVersion))
        }
    }
}
