public import EventSourcing

/// The outcome of a registration: the events appended and the possible duplicates found.
public struct Registration: Sendable {
    /// The events appended.
    public var events: [RecordedEvent]
    /// Records that may be the same (the registration went ahead; merge them if they are).
    public var possibleDuplicates: [DuplicateCandidate]
}

extension CRMStore {
    /// Registers a customer (``CustomerRegistered``) in its lifecycle policy's initial stage, after checking for
    /// duplicates by e-mail, phone, company domain and name.
    /// - Parameter onDuplicate: ``DuplicatePolicy/allow`` registers and reports candidates;
    ///   ``DuplicatePolicy/reject`` throws ``CRMError/possibleDuplicates(_:)``.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/alreadyExists(_:)``,
    ///   ``CRMError/possibleDuplicates(_:)``.
    @discardableResult
    public func registerCustomer(
        id: String, kind: CustomerKind, name: String, email: String? = nil, phone: String? = nil,
        website: String? = nil, industry: String? = nil, sizeBand: CompanySizeBand? = nil, address: PostalAddress? = nil,
        background: String? = nil, interests: [String] = [], source: AcquisitionChannel, campaignId: String? = nil,
        ownerId: String? = nil, onDuplicate: DuplicatePolicy = .allow, context: CommandContext
    ) async throws(CRMError) -> Registration {
        let registered = try await customerRegistration(
            id: id, kind: kind, name: name, email: email, phone: phone, website: website, industry: industry,
            sizeBand: sizeBand, address: address, background: background, interests: interests, source: source,
            campaignId: campaignId, ownerId: ownerId)
        let candidates = duplicateIndex.candidates(for: registered.probe)
        if onDuplicate == .reject && !candidates.isEmpty { throw .possibleDuplicates(candidates) }
        let events = try await execute("registerCustomer", context) { () throws(CRMError) in
            let customer = try await absent(CustomerState.self, registered.customerId)
            return try write(customer, registered)
        }
        return Registration(events: events, possibleDuplicates: candidates)
    }

    /// A validated registration in the current policy's initial stage.
    func customerRegistration(
        id: String, kind: CustomerKind, name: String, email: String?, phone: String?, website: String?,
        industry: String?, sizeBand: CompanySizeBand?, address: PostalAddress?, background: String?,
        interests: [String], source: AcquisitionChannel, campaignId: String?, ownerId: String?
    ) async throws(CRMError) -> CustomerRegistered {
        let policy = try await lifecyclePolicy()
        return CustomerRegistered(
            customerId: try Validate.identifier(id, field: "customer id"), kind: kind,
            name: try Validate.text(name, field: "customer name"),
            industry: try Validate.optionalText(industry, field: "industry"), sizeBand: sizeBand,
            address: try address.map { (address) throws(CRMError) in try Self.validated(address) },
            email: try email.map { (email) throws(CRMError) in try Validate.email(email) },
            phone: try phone.map { (phone) throws(CRMError) in try Validate.phone(phone) },
            website: try Validate.optionalText(website, field: "website"),
            background: try Validate.optionalText(background, field: "background", limit: Validate.textLimit),
            interests: try interests.map { (interest) throws(CRMError) in try Validate.text(interest, field: "interest") },
            source: source, campaignId: try Validate.optionalIdentifier(campaignId, field: "campaign id"),
            ownerId: try Validate.optionalIdentifier(ownerId, field: "owner id"),
            lifecycleStage: policy.definition?.initialStage ?? Self.defaultInitialLifecycleStage,
            lifecyclePolicyVersion: policy.definition?.version ?? 0)
    }

    private static func validated(_ address: PostalAddress) throws(CRMError) -> PostalAddress {
        var address = address
        address.street = try Validate.text(address.street, field: "street")
        address.postalCode = try Validate.text(address.postalCode, field: "postal code", limit: 20)
        address.city = try Validate.text(address.city, field: "city")
        guard address.country.utf8.count == 2, address.country.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw .invalidInput(field: "country", reason: "'\(address.country)' is not a two-letter country code like FI")
        }
        return address
    }

    /// Changes a customer's details field by field (``CustomerDetailsChanged``); unchanged fields are left out.
    /// - Parameter changes: new values by field (`name`, `industry`, `email`, `phone`, `website`, `background`;
    ///   `nil` clears a field, except the name).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for unknown fields, invalid values or no change at all.
    @discardableResult
    public func changeCustomerDetails(
        customerId: String, _ changes: [String: String?], reason: ChangeReason = .edit, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        var checked: [String: String?] = [:]
        for (field, value) in changes {
            guard CustomerRegistered.changeableFields.contains(field) else {
                throw .invalidInput(
                    field: field, reason: "only \(CustomerRegistered.changeableFields.joined(separator: ", ")) can change")
            }
            switch (field, value) {
            case ("name", nil): throw .invalidInput(field: "customer name", reason: "it must not be empty")
            case ("email", let email?): checked[field] = .some(try Validate.email(email))
            case ("phone", let phone?): checked[field] = .some(try Validate.phone(phone))
            case (_, let text?): checked[field] = .some(try Validate.text(text, field: field, limit: Validate.textLimit))
            case (_, nil): checked[field] = .some(nil)
            }
        }
        return try await execute("changeCustomerDetails", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            let diff = checked.keys.sorted().compactMap { field -> FieldChange? in
                let old = customer.profile?.value(of: field)
                let new = checked[field] ?? nil
                return old == new ? nil : FieldChange(field: field, old: old, new: new)
            }
            guard !diff.isEmpty else { throw .invalidInput(field: "changes", reason: "nothing would change") }
            return try write(customer, CustomerDetailsChanged(customerId: customerId, changes: diff, reason: reason))
        }
    }

    /// Gives a customer a new owner (``CustomerOwnerChanged``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when the owner is the same.
    @discardableResult
    public func changeCustomerOwner(customerId: String, to ownerId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let ownerId = try Validate.identifier(ownerId, field: "owner id")
        return try await execute("changeCustomerOwner", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            guard customer.ownerId != ownerId else {
                throw .invalidInput(field: "owner", reason: "\(ownerId) already owns customer \(customerId)")
            }
            return try write(
                customer, CustomerOwnerChanged(customerId: customerId, fromOwnerId: customer.ownerId, toOwnerId: ownerId))
        }
    }

    /// Deactivates an active customer (``CustomerDeactivated``) or reactivates an inactive one
    /// (``CustomerReactivated``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` when it is already so.
    @discardableResult
    public func setCustomerActive(customerId: String, _ active: Bool, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute(active ? "reactivateCustomer" : "deactivateCustomer", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            guard customer.isActive != active else {
                throw .invalidTransition(
                    customer.ref, state: active ? "active" : "inactive", action: active ? "be reactivated" : "be deactivated")
            }
            let event: any Event =
                active
                ? CustomerReactivated(customerId: customerId, reason: reason)
                : CustomerDeactivated(customerId: customerId, reason: reason)
            return try write(customer, event)
        }
    }

    /// Records a need, interest or preference of a customer (``CustomerPreferenceRecorded``).
    @discardableResult
    public func recordCustomerPreference(
        customerId: String, _ category: PreferenceCategory, _ text: String, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let text = try Validate.text(text, field: "preference", limit: Validate.textLimit)
        return try await execute("recordCustomerPreference", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            return try write(customer, CustomerPreferenceRecorded(customerId: customerId, category: category, text: text))
        }
    }

    /// Adds a contact (``ContactAdded``), for an existing customer when `customerId` is given, and reports
    /// possible duplicates among customers, contacts and leads.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)`` for an unknown customer,
    ///   ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func addContact(
        id: String, customerId: String? = nil, name: String, title: String? = nil, emails: [String] = [],
        phones: [String] = [], role: String? = nil, context: CommandContext
    ) async throws(CRMError) -> Registration {
        let added = try Self.contactAdded(
            id: id, customerId: customerId, name: name, title: title, emails: emails, phones: phones, role: role)
        let candidates = duplicateIndex.candidates(
            for: DuplicateProbe(name: added.name, emails: added.emails, phones: added.phones))
        let events = try await execute("addContact", context) { () throws(CRMError) in
            if let customerId { _ = try await writable(CustomerState.self, customerId) }
            return try write(try await absent(ContactState.self, added.contactId), added)
        }
        return Registration(events: events, possibleDuplicates: candidates)
    }

    /// A validated ``ContactAdded``.
    static func contactAdded(
        id: String, customerId: String?, name: String, title: String?, emails: [String], phones: [String], role: String?
    ) throws(CRMError) -> ContactAdded {
        ContactAdded(
            contactId: try Validate.identifier(id, field: "contact id"),
            customerId: try Validate.optionalIdentifier(customerId, field: "customer id"),
            name: try Validate.text(name, field: "contact name"), title: try Validate.optionalText(title, field: "title"),
            emails: try emails.map { (email) throws(CRMError) in try Validate.email(email) },
            phones: try phones.map { (phone) throws(CRMError) in try Validate.phone(phone) },
            role: try Validate.optionalText(role, field: "role"))
    }

    /// Links a contact to another customer (``ContactLinkedToCustomer``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when already linked.
    @discardableResult
    public func linkContact(_ contactId: String, toCustomer customerId: String, role: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let role = try Validate.optionalText(role, field: "role")
        return try await execute("linkContact", context) { () throws(CRMError) in
            _ = try await writable(CustomerState.self, customerId)
            let contact = try await writable(ContactState.self, contactId)
            guard contact.customers[customerId] == nil else {
                throw .invalidInput(field: "customer", reason: "contact \(contactId) is already linked to \(customerId)")
            }
            return try write(contact, ContactLinkedToCustomer(contactId: contactId, customerId: customerId, role: role))
        }
    }

    /// Applies a tag to a record (``TagApplied``, lowercased) or removes it (``TagRemoved``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when the tag is already there (or, removing, is not).
    @discardableResult
    public func tag(_ entity: EntityRef, _ tag: String, applied: Bool = true, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let tag = try Validate.text(tag, field: "tag", limit: 64).lowercased()
        return try await execute(applied ? "applyTag" : "removeTag", context) { () throws(CRMError) in
            let (stream, version, traits) = try await traitsOf(entity)
            guard traits.tags.contains(tag) != applied else {
                throw .invalidInput(field: "tag", reason: "\(entity) \(applied ? "already has" : "has no") tag '\(tag)'")
            }
            let event: any Event = applied ? TagApplied(entity: entity, tag: tag) : TagRemoved(entity: entity, tag: tag)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// Sets (or, with `nil`, clears) a custom field of a record (``CustomFieldValueSet``), checked against the
    /// field's definition.
    /// - Throws: ``CRMError/notConfigured(_:)`` for an undefined field, ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func setCustomField(_ entity: EntityRef, key: String, to value: String?, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        try await execute("setCustomField", context) { () throws(CRMError) in
            let catalogue = try await customFields()
            if let value { try catalogue.check(value, field: key, of: entity.kind) } else {
                guard catalogue.fields[entity.kind]?[key] != nil else {
                    throw .notConfigured("A custom field '\(key)' for \(entity.kind.rawValue)s")
                }
            }
            let (stream, version, traits) = try await traitsOf(entity)
            let old = traits.customFields[key]
            guard old != value else { throw .invalidInput(field: "custom field \(key)", reason: "nothing would change") }
            return [PendingWrite(stream, at: version, [PendingEvent(CustomFieldValueSet(entity: entity, fieldKey: key, old: old, new: value))])]
        }
    }

    /// Records a person's consent choice for a channel and purpose (``CommunicationPreferenceChanged``) on a
    /// customer or contact.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for other kinds of record.
    @discardableResult
    public func recordConsent(
        _ subject: EntityRef, channel: ConsentChannel, optedIn: Bool, purpose: String, source: String,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        guard subject.kind == .customer || subject.kind == .contact || subject.kind == .lead else {
            throw .invalidInput(field: "subject", reason: "consent is recorded for customers, contacts and leads")
        }
        let purpose = try Validate.text(purpose, field: "purpose", limit: 64)
        let source = try Validate.text(source, field: "source")
        return try await execute("recordConsent", context) { () throws(CRMError) in
            let (stream, version, _) = try await traitsOf(subject)
            let event = CommunicationPreferenceChanged(
                subject: subject, channel: channel, optedIn: optedIn, purpose: purpose, source: source)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// Records that a person asked for their personal data to be erased (``PersonalDataErasureRequested``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` when a request is already pending.
    @discardableResult
    public func requestErasure(_ subject: EntityRef, requestId: String, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let requestId = try Validate.identifier(requestId, field: "request id")
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("requestErasure", context) { () throws(CRMError) in
            let (stream, version, traits) = try await traitsOf(subject)
            guard !traits.erasureRequested else {
                throw .invalidTransition(subject, state: "already asked to be erased", action: "be asked again")
            }
            let event = PersonalDataErasureRequested(subject: subject, requestId: requestId, reason: reason)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// Carries out the requested erasure: destroys the record's data-subject key (when the store has a master
    /// key) and records ``PersonalDataErased`` in the same commit. From then on the record's personal fields read
    /// as ``PersonalDataPolicy/erasedText`` everywhere, the record is read-only, leaves the duplicate index, and
    /// the store's projections are rebuilt without its data.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` without a request.
    @discardableResult
    public func confirmErasure(_ subject: EntityRef, requestId: String, erasedFields: [String], context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        return try await execute("confirmErasure", context, erasing: true) { () throws(CRMError) in
            let (stream, version, traits) = try await traitsOf(subject)
            guard traits.erasureRequested else {
                throw .invalidTransition(subject, state: "not asked to be erased", action: "be erased")
            }
            let event = PersonalDataErased(subject: subject, requestId: requestId, erasedFields: erasedFields)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// Records browsing or other digital behaviour (``DigitalEngagementRecorded``) of a customer, contact or lead.
    @discardableResult
    public func recordEngagement(
        _ subject: EntityRef, kind: EngagementKind, url: String? = nil, campaignId: String? = nil, at: Timestamp,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let url = try Validate.optionalText(url, field: "url", limit: 2_000)
        return try await execute("recordEngagement", context) { () throws(CRMError) in
            let (stream, version, _) = try await traitsOf(subject)
            let event = DigitalEngagementRecorded(subject: subject, kind: kind, url: url, campaignId: campaignId, at: at)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// The stream, version and traits of a writable record of any kind that carries traits.
    func traitsOf(_ entity: EntityRef) async throws(CRMError) -> (StreamName, UInt64, RecordTraits) {
        let state: any TraitBearing
        switch entity.kind {
        case .customer: state = try await writable(CustomerState.self, entity.id)
        case .contact: state = try await writable(ContactState.self, entity.id)
        case .lead: state = try await writable(LeadState.self, entity.id)
        case .opportunity: state = try await writable(OpportunityState.self, entity.id)
        case .ticket: state = try await writable(TicketState.self, entity.id)
        case .campaign: state = try await writable(CampaignState.self, entity.id)
        case .contract: state = try await writable(ContractState.self, entity.id)
        case .order: state = try await writable(OrderState.self, entity.id)
        case .interaction, .note, .task, .user, .survey:
            throw .invalidInput(field: "record", reason: "\(entity.kind.rawValue)s carry no tags, fields or consent")
        }
        return (try entity.streamName(), state.version, state.traits)
    }
}
