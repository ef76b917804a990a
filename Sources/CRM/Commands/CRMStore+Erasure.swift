public import EventSourcing

extension CRMStore {
    /// Carries out the requested erasure of customer `id` (``requestErasure(_:requestId:reason:context:)`` first)
    /// and of every record about them that can hold personal data, in one commit: each record's data-subject key
    /// is destroyed (when the store has a master key) and a ``PersonalDataErased`` naming the fields made unreadable
    /// is appended to its stream. The records erased with the customer:
    ///
    /// - the contacts linked to this customer only (a contact also linked to another customer is a person of that
    ///   customer too and keeps their data);
    /// - the leads converted into this customer;
    /// - the customer's opportunities, contracts and tickets, and the tickets of the contacts erased;
    /// - the interactions and notes naming any of these records, and the surveys about or in the context of any
    ///   of them (their feedback comments).
    ///
    /// Orders and tasks hold no personal fields and stay; records already erased are left as they are. From then
    /// on every read, view, export and replay shows the fields of all of them as ``PersonalDataPolicy/erasedText``,
    /// and those that take changes (customer, contacts, leads, opportunities, contracts, tickets) are read-only.
    /// - Returns: the events appended, the customer's ``PersonalDataErased`` first.
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` without a pending request, ``CRMError/notFound(_:)``,
    ///   ``CRMError/erased(_:)``, ``CRMError/store(_:)``.
    @discardableResult
    public func eraseCustomer(_ id: String, requestId: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let id = try Validate.identifier(id, field: "customer id")
        let requestId = try Validate.identifier(requestId, field: "request id")
        return try await execute("confirmErasure", context, erasing: true) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, id)
            guard customer.traits.erasureRequested else {
                throw .invalidTransition(customer.ref, state: "not asked to be erased", action: "be erased")
            }
            var writes: [PendingWrite] = []
            for record in try await recordsErased(with: id) {
                let stream = try record.streamName()
                let events = try await readStream(stream)
                if record.kind != .customer,
                    try erasedAlready(stream) || events.contains(where: { $0.type == PersonalDataErased.eventType })
                {
                    continue
                }
                let fields = Set(events.flatMap { Self.personalData.rule(for: $0.type)?.fields ?? [] }).sorted()
                let event = PersonalDataErased(subject: record, requestId: requestId, erasedFields: fields)
                writes.append(PendingWrite(stream, at: events.last?.streamVersion ?? 0, [PendingEvent(event)]))
            }
            return writes
        }
    }

    /// The customer `id` and the records erased with them (see ``eraseCustomer(_:requestId:context:)``), the
    /// customer first, then by kind and id.
    func recordsErased(with id: String) async throws(CRMError) -> [EntityRef] {
        let customer = EntityRef(kind: .customer, id: id)
        var erased: Set<EntityRef> = [customer]
        var contacts: Set<String> = []
        for contact in try await recordIDs(of: .contact) {
            let state = try await state(ContactState.self, id: contact)
            if state.customers.keys.sorted() == [id] { contacts.insert(contact) }
        }
        erased.formUnion(contacts.map { EntityRef(kind: .contact, id: $0) })
        let creations: Set<String> = [
            LeadConverted.eventType, OpportunityOpened.eventType, ContractDrafted.eventType, TicketOpened.eventType,
        ]
        for event in try await readAll(EventFilter(types: creations)) {
            switch event.type {
            case LeadConverted.eventType:
                let converted = try decode(event, LeadConverted.self)
                if converted.customerId == id { erased.insert(EntityRef(kind: .lead, id: converted.leadId)) }
            case OpportunityOpened.eventType:
                let opened = try decode(event, OpportunityOpened.self)
                if opened.customerId == id { erased.insert(EntityRef(kind: .opportunity, id: opened.opportunityId)) }
            case ContractDrafted.eventType:
                let drafted = try decode(event, ContractDrafted.self)
                if drafted.customerId == id { erased.insert(EntityRef(kind: .contract, id: drafted.contractId)) }
            default:
                let opened = try decode(event, TicketOpened.self)
                if opened.customerId == id || opened.contactId.map(contacts.contains) == true {
                    erased.insert(EntityRef(kind: .ticket, id: opened.ticketId))
                }
            }
        }
        let about = erased
        let mentions: Set<String> = [InteractionLogged.eventType, NoteAdded.eventType, SurveySent.eventType]
        for event in try await readAll(EventFilter(types: mentions)) {
            switch event.type {
            case InteractionLogged.eventType:
                let logged = try decode(event, InteractionLogged.self)
                if !about.isDisjoint(with: logged.subjects) {
                    erased.insert(EntityRef(kind: .interaction, id: logged.interactionId))
                }
            case NoteAdded.eventType:
                let note = try decode(event, NoteAdded.self)
                if !about.isDisjoint(with: note.subjects) { erased.insert(EntityRef(kind: .note, id: note.noteId)) }
            default:
                let sent = try decode(event, SurveySent.self)
                if about.contains(sent.subject) || sent.context.map(about.contains) == true {
                    erased.insert(EntityRef(kind: .survey, id: sent.surveyId))
                }
            }
        }
        erased.remove(customer)
        return [customer] + erased.sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
    }

    /// Whether the data subject of `stream` was erased already.
    private func erasedAlready(_ stream: StreamName) throws(CRMError) -> Bool {
        do {
            if case .erased = try store.dataSubjectStatus(stream.rawValue) { return true }
            return false
        } catch { throw .store(error) }
    }

    private func readStream(_ stream: StreamName) async throws(CRMError) -> [RecordedEvent] {
        do { return try await store.readStream(stream) } catch { throw .store(error) }
    }

    private func readAll(_ filter: EventFilter) async throws(CRMError) -> [RecordedEvent] {
        do { return try await store.readAll(filter: filter) } catch { throw .store(error) }
    }

    private func decode<E: Event>(_ event: RecordedEvent, _ type: E.Type) throws(CRMError) -> E {
        do { return try event.decode(type) } catch { throw .unreadableHistory(stream: event.stream.rawValue, reason: "\(error)") }
    }
}
