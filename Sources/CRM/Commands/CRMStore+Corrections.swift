public import EventSourcing

extension CRMStore {
    /// The fields of a contact that ``changeContactDetails(contactId:_:reason:context:)`` may change.
    public static let changeableContactFields = ["name", "title", "email", "phone"]

    /// Changes a contact's details field by field (``ContactDetailsChanged``); `email` and `phone` replace the
    /// contact's addresses and numbers with one (or none, for `nil`).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for unknown fields, invalid values or no change.
    @discardableResult
    public func changeContactDetails(
        contactId: String, _ changes: [String: String?], reason: ChangeReason = .edit, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        for (field, value) in changes {
            guard Self.changeableContactFields.contains(field) else {
                throw .invalidInput(field: field, reason: "only \(Self.changeableContactFields.joined(separator: ", ")) can change")
            }
            switch (field, value) {
            case ("name", nil): throw .invalidInput(field: "contact name", reason: "it must not be empty")
            case ("email", let email?): _ = try Validate.email(email)
            case ("phone", let phone?): _ = try Validate.phone(phone)
            case (_, let text?): _ = try Validate.text(text, field: field)
            case (_, nil): break
            }
        }
        return try await execute("changeContactDetails", context) { () throws(CRMError) in
            let contact = try await writable(ContactState.self, contactId)
            let current: [String: String?] = [
                "name": contact.profile?.name, "title": contact.profile?.title, "email": contact.profile?.emails.first,
                "phone": contact.profile?.phones.first,
            ]
            let diff = changes.keys.sorted().compactMap { field -> FieldChange? in
                let old = current[field] ?? nil
                let new = (changes[field] ?? nil)?.trimmingWhitespace
                return old == new ? nil : FieldChange(field: field, old: old, new: new)
            }
            guard !diff.isEmpty else { throw .invalidInput(field: "changes", reason: "nothing would change") }
            return try write(contact, ContactDetailsChanged(contactId: contactId, changes: diff, reason: reason))
        }
    }

    /// Unlinks a contact from a customer (``ContactUnlinkedFromCustomer``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when they are not linked.
    @discardableResult
    public func unlinkContact(_ contactId: String, fromCustomer customerId: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("unlinkContact", context) { () throws(CRMError) in
            let contact = try await writable(ContactState.self, contactId)
            guard contact.customers[customerId] != nil else {
                throw .invalidInput(field: "customer", reason: "contact \(contactId) is not linked to \(customerId)")
            }
            return try write(contact, ContactUnlinkedFromCustomer(contactId: contactId, customerId: customerId))
        }
    }

    /// Removes a contact's role from an opportunity (``OpportunityContactRoleRemoved``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when the contact has no role there.
    @discardableResult
    public func removeContactRole(_ opportunityId: String, contactId: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("removeContactRole", context) { () throws(CRMError) in
            let opportunity = try await writable(OpportunityState.self, opportunityId)
            guard let role = opportunity.contactRoles[contactId] else {
                throw .invalidInput(field: "contact", reason: "contact \(contactId) has no role on \(opportunityId)")
            }
            return try write(
                opportunity, OpportunityContactRoleRemoved(opportunityId: opportunityId, contactId: contactId, role: role))
        }
    }

    /// Removes a member from a planned or running campaign (``CampaignMemberRemoved``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for non-members, ``CRMError/invalidTransition(_:state:action:)``.
    @discardableResult
    public func removeCampaignMember(_ campaignId: String, member: EntityRef, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("removeCampaignMember", context) { () throws(CRMError) in
            let campaign = try await writable(CampaignState.self, campaignId)
            guard campaign.status == .planned || campaign.status == .launched else {
                throw .invalidTransition(campaign.ref, state: campaign.status.rawValue, action: "lose members")
            }
            guard campaign.members[member] != nil else {
                throw .invalidInput(field: "member", reason: "\(member) is not a member of campaign \(campaignId)")
            }
            return try write(campaign, CampaignMemberRemoved(campaignId: campaignId, member: member))
        }
    }

    /// Amends a draft or active contract (``ContractAmended``), optionally with a new value.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for ended contracts,
    ///   ``CRMError/invalidInput(field:reason:)`` without changes.
    @discardableResult
    public func amendContract(_ id: String, changes: [FieldChange], newValue: Money? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        guard !changes.isEmpty || newValue != nil else {
            throw .invalidInput(field: "changes", reason: "an amendment changes at least one term or the value")
        }
        for change in changes { _ = try Validate.text(change.field, field: "amended term") }
        let newValue = try newValue?.validated(field: "new value")
        return try await execute("amendContract", context) { () throws(CRMError) in
            let contract = try await writable(ContractState.self, id)
            guard contract.status == .draft || contract.status == .active else {
                throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "be amended")
            }
            if let newValue, let value = contract.value, value.currency != newValue.currency {
                throw .currencyMismatch(expected: value.currency, found: newValue.currency)
            }
            return try write(contract, ContractAmended(contractId: id, changes: changes, newValue: newValue))
        }
    }

    /// Records that an active contract reached its end without renewal (``ContractExpired``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the contract is active.
    @discardableResult
    public func expireContract(_ id: String, effectiveDate: LocalDate, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        try await execute("expireContract", context) { () throws(CRMError) in
            let contract = try await writable(ContractState.self, id)
            guard contract.status == .active else {
                throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "expire")
            }
            return try write(contract, ContractExpired(contractId: id, effectiveDate: effectiveDate))
        }
    }

    /// Redacts a note's text (``NoteRedacted``).
    /// - Throws: ``CRMError/notFound(_:)``.
    @discardableResult
    public func redactNote(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("redactNote", context) { () throws(CRMError) in
            let (stream, version) = try await self.version(of: EntityRef(kind: .note, id: id))
            guard version > 0 else { throw .notFound(EntityRef(kind: .note, id: id)) }
            return [PendingWrite(stream, at: version, [PendingEvent(NoteRedacted(noteId: id, reason: reason))])]
        }
    }

    /// Merges duplicate tickets into a survivor (``TicketsMerged`` on the survivor); each merged ticket is
    /// resolved with code `duplicate` and closed, in the same append.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/notFound(_:)``,
    ///   ``CRMError/invalidTransition(_:state:action:)`` for a closed survivor or merged ticket.
    @discardableResult
    public func mergeTickets(survivorId: String, mergedIds: [String], context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let mergedIds = try Validate.identifiers(mergedIds, field: "tickets to merge")
        guard !mergedIds.contains(survivorId) else {
            throw .invalidInput(field: "tickets to merge", reason: "\(survivorId) cannot be merged into itself")
        }
        return try await execute("mergeTickets", context) { () throws(CRMError) in
            let survivor = try await writable(TicketState.self, survivorId)
            guard survivor.status != .closed else {
                throw .invalidTransition(survivor.ref, state: "closed", action: "take merged tickets")
            }
            let merged = PendingEvent(TicketsMerged(survivorTicketId: survivorId, mergedTicketIds: mergedIds))
            var writes = [try write(survivor, [merged])]
            for id in mergedIds {
                let ticket = try await writable(TicketState.self, id)
                guard ticket.status != .closed else {
                    throw .invalidTransition(ticket.ref, state: "closed", action: "be merged")
                }
                var events: [PendingEvent] = []
                if ticket.status != .resolved {
                    events.append(
                        PendingEvent(
                            TicketResolved(ticketId: id, resolutionCode: "duplicate", resolution: "Merged into \(survivorId)"),
                            causationID: merged.id))
                }
                events.append(PendingEvent(TicketClosed(ticketId: id), causationID: merged.id))
                writes.append(try write(ticket, events))
            }
            return writes
        }
    }

    /// Retires a custom field (``CustomFieldRetired``): no new values may be set; recorded values stay.
    /// - Throws: ``CRMError/notConfigured(_:)`` for an undefined field.
    @discardableResult
    public func retireCustomField(for kind: EntityKind, key: String, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("retireCustomField", context) { () throws(CRMError) in
            let catalogue = try await customFields()
            guard catalogue.fields[kind]?[key] != nil else { throw .notConfigured("A custom field '\(key)' for \(kind.rawValue)s") }
            return [
                PendingWrite(
                    try ConfigurationStream.customFields.name(), at: catalogue.version,
                    [PendingEvent(CustomFieldRetired(entityKind: kind, fieldKey: key, reason: reason))])
            ]
        }
    }

    /// Records the provenance of an import batch (``ImportBatchApplied``, stream `import-<batchId>`); the
    /// imported records' events use `ChangeReason.importBatch` or the batch's id as their causation.
    /// - Throws: ``CRMError/alreadyExists(_:)``-style ``CRMError/invalidInput(field:reason:)`` for a batch recorded before.
    @discardableResult
    public func recordImportBatch(
        batchId: String, source: String, recordCount: Int, mapping: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let batchId = try Validate.identifier(batchId, field: "batch id")
        let source = try Validate.text(source, field: "source")
        let count = try Validate.number(recordCount, in: 0...Int.max, field: "record count")
        return try await execute("recordImportBatch", context) { () throws(CRMError) in
            let stream = try Self.stream("import", batchId)
            guard try await self.version(of: stream) == 0 else {
                throw .invalidInput(field: "batch id", reason: "batch \(batchId) was recorded already")
            }
            let event = ImportBatchApplied(batchId: batchId, source: source, recordCount: count, mapping: mapping)
            return [PendingWrite(stream, at: 0, [PendingEvent(event)])]
        }
    }
}
