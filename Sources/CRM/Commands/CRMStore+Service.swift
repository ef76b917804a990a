public import EventSourcing

extension CRMStore {
    /// Opens a ticket (``TicketOpened``). With an SLA policy, the ticket carries a snapshot of the targets for its
    /// priority and the statuses that pause the clock, as the policy stands now.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)`` for an unknown customer or contact,
    ///   ``CRMError/notConfigured(_:)`` for an undefined policy or one without a target for the priority,
    ///   ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func openTicket(
        id: String, customerId: String? = nil, contactId: String? = nil, channel: InteractionChannel, type: TicketType,
        priority: TicketPriority, subject: String, description: String, slaPolicyId: String? = nil,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "ticket id")
        let subject = try Validate.text(subject, field: "subject")
        let description = try Validate.text(description, field: "description", limit: Validate.textLimit)
        return try await execute("openTicket", context) { () throws(CRMError) in
            let ticket = try await absent(TicketState.self, id)
            if let customerId { _ = try await writable(CustomerState.self, customerId) }
            if let contactId { _ = try await writable(ContactState.self, contactId) }
            let sla = try await slaSnapshot(policyId: slaPolicyId, priority: priority)
            let opened = TicketOpened(
                ticketId: id, customerId: customerId, contactId: contactId, channel: channel, type: type,
                priority: priority, subject: subject, description: description, sla: sla)
            return try write(ticket, opened)
        }
    }

    /// The targets of policy `policyId` for `priority`, `nil` without a policy.
    private func slaSnapshot(policyId: String?, priority: TicketPriority) async throws(CRMError) -> SLASnapshot? {
        guard let policyId else { return nil }
        let policy = try await state(SLAPolicy.self, id: policyId)
        guard policy.exists else { throw .notConfigured("SLA policy \(policyId)") }
        guard let snapshot = policy.snapshot(for: priority) else {
            throw .notConfigured("A target for \(priority.rawValue) priority in SLA policy \(policyId)")
        }
        return snapshot
    }

    /// A ticket that is not resolved or closed.
    private func activeTicket(_ id: String, _ action: String) async throws(CRMError) -> TicketState {
        let ticket = try await writable(TicketState.self, id)
        guard !ticket.isDone else {
            throw .invalidTransition(ticket.ref, state: ticket.status.rawValue, action: "\(action); reopen it first")
        }
        return ticket
    }

    /// Assigns a ticket to an agent (``TicketAssigned``); a new ticket becomes open.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for resolved or closed tickets.
    @discardableResult
    public func assignTicket(_ id: String, to assigneeId: String, teamId: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let assigneeId = try Validate.identifier(assigneeId, field: "assignee id")
        let teamId = try Validate.optionalIdentifier(teamId, field: "team id")
        return try await execute("assignTicket", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "be assigned")
            guard ticket.assigneeId != assigneeId else {
                throw .invalidInput(field: "assignee", reason: "ticket \(id) is already assigned to \(assigneeId)")
            }
            return try write(ticket, TicketAssigned(ticketId: id, assigneeId: assigneeId, teamId: teamId))
        }
    }

    /// Changes a ticket's priority (``TicketPriorityChanged``) with the targets its SLA policy now sets for it.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)``, ``CRMError/invalidInput(field:reason:)`` when
    ///   unchanged, ``CRMError/notConfigured(_:)``.
    @discardableResult
    public func changeTicketPriority(_ id: String, to priority: TicketPriority, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("changeTicketPriority", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "change priority")
            guard ticket.priority != priority else {
                throw .invalidInput(field: "priority", reason: "ticket \(id) is already \(priority.rawValue)")
            }
            let sla = try await slaSnapshot(policyId: ticket.sla?.policyId, priority: priority)
            return try write(
                ticket, TicketPriorityChanged(ticketId: id, oldPriority: ticket.priority, newPriority: priority, sla: sla))
        }
    }

    /// Records an agent's response (``TicketResponded``); the first public one is marked as the first response.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for resolved or closed tickets.
    @discardableResult
    public func respondToTicket(
        _ id: String, responderId: String, channel: InteractionChannel, isPublic: Bool = true, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let responderId = try Validate.identifier(responderId, field: "responder id")
        return try await execute("respondToTicket", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "be responded to")
            let responded = TicketResponded(
                ticketId: id, responderId: responderId, channel: channel, isPublic: isPublic,
                isFirstResponse: isPublic && ticket.firstRespondedAt == nil)
            return try write(ticket, responded)
        }
    }

    /// Records the customer's reply (``TicketCustomerReplied``). A ticket waiting on the customer goes back to
    /// open in the same append (the SLA clock runs again); a resolved ticket is reopened.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for closed tickets.
    @discardableResult
    public func recordCustomerReply(_ id: String, channel: InteractionChannel, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("recordCustomerReply", context) { () throws(CRMError) in
            let ticket = try await writable(TicketState.self, id)
            guard ticket.status != .closed else {
                throw .invalidTransition(ticket.ref, state: "closed", action: "take replies; open a new ticket")
            }
            let replied = PendingEvent(TicketCustomerReplied(ticketId: id, channel: channel))
            var events = [replied]
            switch ticket.status {
            case .waitingOnCustomer:
                events.append(
                    PendingEvent(
                        TicketStatusChanged(ticketId: id, fromStatus: ticket.status, toStatus: .open, pausesClock: false),
                        causationID: replied.id))
            case .resolved:
                events.append(
                    PendingEvent(TicketReopened(ticketId: id, reason: "The customer replied"), causationID: replied.id))
            default: break
            }
            return [try write(ticket, events)]
        }
    }

    /// Changes a ticket's working status (``TicketStatusChanged``) to `open`, `waitingOnCustomer` or `onHold`;
    /// the event says whether the new status pauses the SLA clock under the ticket's policy snapshot.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for `new`, `resolved` or `closed` (resolve or close the
    ///   ticket instead) or an unchanged status, ``CRMError/invalidTransition(_:state:action:)`` for resolved or
    ///   closed tickets.
    @discardableResult
    public func changeTicketStatus(_ id: String, to status: TicketStatus, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        guard [.open, .waitingOnCustomer, .onHold].contains(status) else {
            throw .invalidInput(
                field: "status", reason: "a ticket is set to \(status.rawValue) by \(status == .new ? "opening" : status == .resolved ? "resolving" : "closing") it")
        }
        return try await execute("changeTicketStatus", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "change status")
            guard ticket.status != status else {
                throw .invalidInput(field: "status", reason: "ticket \(id) is already \(status.rawValue)")
            }
            let changed = TicketStatusChanged(
                ticketId: id, fromStatus: ticket.status, toStatus: status,
                pausesClock: ticket.sla?.pausedStatuses.contains(status) ?? false)
            return try write(ticket, changed)
        }
    }

    /// Escalates a ticket one level (``TicketEscalated``), up to level 3.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for resolved, closed or fully escalated tickets.
    @discardableResult
    public func escalateTicket(
        _ id: String, reason: EscalationReason, toAssigneeId: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let toAssigneeId = try Validate.optionalIdentifier(toAssigneeId, field: "assignee id")
        return try await execute("escalateTicket", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "be escalated")
            guard ticket.escalationLevel < 3 else {
                throw .invalidTransition(ticket.ref, state: "escalated to the highest level (3)", action: "be escalated further")
            }
            return try write(
                ticket,
                TicketEscalated(ticketId: id, level: ticket.escalationLevel + 1, reason: reason, toAssigneeId: toAssigneeId))
        }
    }

    /// Resolves a ticket (``TicketResolved``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for resolved or closed tickets.
    @discardableResult
    public func resolveTicket(_ id: String, resolutionCode: String, resolution: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let code = try Validate.identifier(resolutionCode, field: "resolution code")
        let resolution = try Validate.text(resolution, field: "resolution", limit: Validate.textLimit)
        return try await execute("resolveTicket", context) { () throws(CRMError) in
            let ticket = try await activeTicket(id, "be resolved")
            return try write(ticket, TicketResolved(ticketId: id, resolutionCode: code, resolution: resolution))
        }
    }

    /// Reopens a resolved or closed ticket (``TicketReopened``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for tickets that are not resolved or closed.
    @discardableResult
    public func reopenTicket(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("reopenTicket", context) { () throws(CRMError) in
            let ticket = try await writable(TicketState.self, id)
            guard ticket.isDone else {
                throw .invalidTransition(ticket.ref, state: ticket.status.rawValue, action: "be reopened (only resolved or closed tickets can)")
            }
            return try write(ticket, TicketReopened(ticketId: id, reason: reason))
        }
    }

    /// Closes a resolved ticket (``TicketClosed``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the ticket is resolved.
    @discardableResult
    public func closeTicket(_ id: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        try await execute("closeTicket", context) { () throws(CRMError) in
            let ticket = try await writable(TicketState.self, id)
            guard ticket.status == .resolved else {
                throw .invalidTransition(ticket.ref, state: ticket.status.rawValue, action: "be closed before it is resolved")
            }
            return try write(ticket, TicketClosed(ticketId: id))
        }
    }

    /// Sends a satisfaction survey (``SurveySent``) to a customer or contact, about a ticket, order or other record.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``.
    @discardableResult
    public func sendSurvey(
        id: String, kind: FeedbackKind, to subject: EntityRef, about context: EntityRef? = nil,
        channel: InteractionChannel, context commandContext: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "survey id")
        return try await execute("sendSurvey", commandContext) { () throws(CRMError) in
            let survey = try await absent(SurveyState.self, id)
            try await requireExists(subject)
            if let context { try await requireExists(context) }
            return try write(survey, SurveySent(surveyId: id, kind: kind, subject: subject, context: context, channel: channel))
        }
    }

    /// Records one answer to a survey (``FeedbackSubmitted``): every submission is its own event, never
    /// overwritten. The score must be on the survey kind's scale (CSAT 1–5, NPS 0–10, CES 1–7).
    /// - Throws: ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)`` for a score off the scale or
    ///   a submission id used before.
    @discardableResult
    public func submitFeedback(
        surveyId: String, submissionId: String, score: Int, comment: String? = nil, source: String? = nil,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let submissionId = try Validate.identifier(submissionId, field: "submission id")
        let comment = try Validate.optionalText(comment, field: "comment", limit: Validate.textLimit)
        return try await execute("submitFeedback", context) { () throws(CRMError) in
            let survey = try await existing(SurveyState.self, surveyId)
            guard let sent = survey.sent else { throw .notFound(survey.ref) }
            let score = try Validate.number(score, in: sent.kind.scale, field: "\(sent.kind.rawValue.uppercased()) score")
            guard !survey.submissions.contains(where: { $0.submissionId == submissionId }) else {
                throw .invalidInput(field: "submission id", reason: "\(submissionId) was recorded already")
            }
            let submitted = FeedbackSubmitted(
                surveyId: surveyId, submissionId: submissionId, kind: sent.kind, subject: sent.subject,
                context: sent.context, score: score, scaleMin: sent.kind.scale.lowerBound,
                scaleMax: sent.kind.scale.upperBound, comment: comment, source: source)
            return try write(survey, submitted)
        }
    }
}
