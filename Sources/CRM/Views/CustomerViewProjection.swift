public import EventSourcing

/// The customer 360° view as a projection: per customer a ``CustomerView`` under `c:<customerId>`, and the index
/// entries that route events about opportunities (`o:`), tickets (`t:`), orders (`r:`) and contacts (`k:`) to their
/// customers, and the aliases of absorbed customers (`a:`).
///
/// Read it through ``CRMViews/customer360(_:asOf:)``, which also resolves an absorbed customer's id to its
/// survivor and combines the merged-in records.
public struct CustomerViewProjection: Projection {
    /// `crm-customer-360`.
    public let name = "crm-customer-360"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [
            CustomerRegistered.eventType, CustomerDetailsChanged.eventType, CustomerOwnerChanged.eventType,
            CustomerDeactivated.eventType, CustomerReactivated.eventType, LifecycleStageChanged.eventType,
            TagApplied.eventType, TagRemoved.eventType, CommunicationPreferenceChanged.eventType,
            ContactAdded.eventType, ContactDetailsChanged.eventType, ContactLinkedToCustomer.eventType,
            ContactUnlinkedFromCustomer.eventType, OpportunityOpened.eventType, OpportunityStageChanged.eventType,
            OpportunityAmountChanged.eventType, OpportunityWon.eventType, OpportunityLost.eventType,
            OpportunityReopened.eventType, TicketOpened.eventType, TicketStatusChanged.eventType,
            TicketPriorityChanged.eventType, TicketResolved.eventType, TicketReopened.eventType,
            TicketClosed.eventType, TicketsMerged.eventType, OrderPlaced.eventType, PaymentRecorded.eventType,
            RefundIssued.eventType, InteractionLogged.eventType, FeedbackSubmitted.eventType,
            RecordsMerged.eventType, RecordAbsorbed.eventType, MergeReverted.eventType, PersonalDataErased.eventType,
        ]
    }

    /// The key of customer `id`'s view.
    public static func viewKey(_ id: String) -> String { "c:" + id }
    /// The key of an absorbed customer's alias.
    static func aliasKey(_ id: String) -> String { "a:" + id }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<CustomerViewRecord>) throws {
        try withUnsafeMutablePointer(to: &records) { records in
            var fold = Fold(borrowed: records, event: event)
            try fold.apply()
        }
    }

    /// One event's effect on the records.
    struct Fold {
        /// The batch's records, borrowed for one ``apply(_:to:)``: a copy of them would copy the batch's dictionaries
        /// on every write, which made the view cost grow with the batch.
        let borrowed: UnsafeMutablePointer<ProjectionRecords<CustomerViewRecord>>
        let event: RecordView

        /// The records, changed in place.
        var records: ProjectionRecords<CustomerViewRecord> {
            unsafeAddress { UnsafePointer(borrowed) }
            nonmutating unsafeMutableAddress { borrowed }
        }

        mutating func apply() throws {
            let at = event.occurredAt
            switch event.type {
            // The commonest events first (interactions, then stage changes): a switch over strings compares them in
            // order.
            case InteractionLogged.eventType:
                let e = try event.decode(InteractionRouting.self)
                let entry = CustomerInteraction(
                    interactionId: e.interactionId, at: e.occurredAt, actor: event.actor, channel: e.channel)
                for id in try customers(of: e.subjects) {
                    try customer(id) { view in
                        if let last = view.lastInteraction, last.at > entry.at { return }
                        view.lastInteraction = entry
                    }
                }
            case OpportunityStageChanged.eventType:
                let e = try event.decode(OpportunityStageRouting.self)
                try opportunity(e.opportunityId) { $0.stageId = e.stageId }
            case CustomerRegistered.eventType:
                let e = try event.decode(CustomerRegistered.self)
                try customer(e.customerId) { view in
                    view.registered = true
                    (view.kind, view.name, view.email, view.phone) = (e.kind, e.name, e.email, e.phone)
                    (view.industry, view.source, view.ownerId) = (e.industry, e.source, e.ownerId)
                    view.lifecycleStage = e.lifecycleStage
                    if e.lifecycleStage == "customer", view.becameCustomerAt == nil { view.becameCustomerAt = at }
                }
            case CustomerDetailsChanged.eventType:
                let e = try event.decode(CustomerDetailsChanged.self)
                try customer(e.customerId) { view in
                    for change in e.changes {
                        switch change.field {
                        case "name": view.name = change.new ?? ""
                        case "email": view.email = change.new
                        case "phone": view.phone = change.new
                        case "industry": view.industry = change.new
                        default: break
                        }
                    }
                }
            case CustomerOwnerChanged.eventType:
                let e = try event.decode(CustomerOwnerChanged.self)
                try customer(e.customerId) { $0.ownerId = e.toOwnerId }
            case CustomerDeactivated.eventType:
                try customer(try event.decode(CustomerDeactivated.self).customerId) { $0.isActive = false }
            case CustomerReactivated.eventType:
                try customer(try event.decode(CustomerReactivated.self).customerId) { $0.isActive = true }
            case LifecycleStageChanged.eventType:
                let e = try event.decode(LifecycleStageChanged.self)
                try customer(e.customerId) { view in
                    view.lifecycleStage = e.toStage
                    if e.toStage == "customer", view.becameCustomerAt == nil { view.becameCustomerAt = at }
                }
            case TagApplied.eventType:
                let e = try event.decode(TagApplied.self)
                guard e.entity.kind == .customer else { return }
                try customer(e.entity.id) { view in
                    if !view.tags.contains(e.tag) { view.tags.append(e.tag); view.tags.sort() }
                }
            case TagRemoved.eventType:
                let e = try event.decode(TagRemoved.self)
                guard e.entity.kind == .customer else { return }
                try customer(e.entity.id) { $0.tags.removeAll { $0 == e.tag } }
            case CommunicationPreferenceChanged.eventType:
                let e = try event.decode(CommunicationPreferenceChanged.self)
                guard e.subject.kind == .customer else { return }
                try customer(e.subject.id) { view in
                    view.consent.removeAll { $0.channel == e.channel && $0.purpose == e.purpose }
                    view.consent.append(CustomerConsent(channel: e.channel, purpose: e.purpose, optedIn: e.optedIn, at: at))
                    view.consent.sort { ($0.channel.rawValue, $0.purpose) < ($1.channel.rawValue, $1.purpose) }
                }
            case ContactAdded.eventType:
                let e = try event.decode(ContactAdded.self)
                let owners = e.customerId.map { [$0] } ?? []
                records.set(CustomerViewRecord(customers: owners, name: e.name), forKey: "k:" + e.contactId)
                if let customerId = e.customerId { try link(e.contactId, name: e.name, role: e.role, to: customerId) }
            case ContactDetailsChanged.eventType:
                let e = try event.decode(ContactDetailsChanged.self)
                guard let name = e.changes.last(where: { $0.field == "name" })?.new else { return }
                try renameContact(e.contactId, name)
            case ContactLinkedToCustomer.eventType:
                let e = try event.decode(ContactLinkedToCustomer.self)
                var index = try records.value(forKey: "k:" + e.contactId) ?? CustomerViewRecord(customers: [], name: "")
                if !index.customers.contains(e.customerId) { index.customers.append(e.customerId) }
                records.set(index, forKey: "k:" + e.contactId)
                try link(e.contactId, name: index.name ?? "", role: e.role, to: e.customerId)
            case ContactUnlinkedFromCustomer.eventType:
                let e = try event.decode(ContactUnlinkedFromCustomer.self)
                if var index = try records.value(forKey: "k:" + e.contactId) {
                    index.customers.removeAll { $0 == e.customerId }
                    records.set(index, forKey: "k:" + e.contactId)
                }
                try customer(e.customerId) { $0.contacts.removeAll { $0.contactId == e.contactId } }
            case OpportunityOpened.eventType:
                let e = try event.decode(OpportunityOpened.self)
                let entry = CustomerOpportunity(
                    opportunityId: e.opportunityId, name: e.name, stageId: e.stage.stageId, amount: e.amount)
                var index = CustomerViewRecord(customers: [e.customerId])
                index.deal = entry
                records.set(index, forKey: "o:" + e.opportunityId)
                try customer(e.customerId) { $0.openDeal(entry) }
            case OpportunityAmountChanged.eventType:
                let e = try event.decode(OpportunityAmountChanged.self)
                try opportunity(e.opportunityId) { $0.amount = e.newAmount }
            case OpportunityWon.eventType:
                let e = try event.decode(OpportunityWon.self)
                let key = "o:" + e.opportunityId
                guard var index = try records.value(forKey: key) else { return }
                index.wonAmount = e.wonAmount
                records.set(index, forKey: key)
                try owner(of: key) { view in
                    view.openOpportunities.removeAll { $0.opportunityId == e.opportunityId }
                    view.wonOpportunities += 1
                    view.wonTotal.add(e.wonAmount)
                }
            case OpportunityLost.eventType:
                let e = try event.decode(OpportunityLost.self)
                try owner(of: "o:" + e.opportunityId) { view in
                    view.openOpportunities.removeAll { $0.opportunityId == e.opportunityId }
                }
            case OpportunityReopened.eventType:
                let e = try event.decode(OpportunityReopened.self)
                let key = "o:" + e.opportunityId
                guard var index = try records.value(forKey: key), var deal = index.deal else { return }
                let won = index.wonAmount
                deal.stageId = e.stage.stageId
                (index.deal, index.wonAmount) = (deal, nil)
                records.set(index, forKey: key)
                try owner(of: key) { view in
                    if let won {
                        view.wonOpportunities -= 1
                        view.wonTotal.add(Money(minorUnits: -won.minorUnits, currency: won.currency))
                    }
                    view.openDeal(deal)
                }
            case TicketOpened.eventType:
                let e = try event.decode(TicketOpened.self)
                guard let customerId = e.customerId else { return }
                records.set(CustomerViewRecord(customers: [customerId]), forKey: "t:" + e.ticketId)
                let entry = CustomerTicket(ticketId: e.ticketId, priority: e.priority, status: .new, openedAt: at)
                try customer(customerId) { view in
                    view.openTickets.removeAll { $0.ticketId == e.ticketId }
                    view.openTickets.append(entry)
                    view.openTickets.sort { $0.ticketId < $1.ticketId }
                }
            case TicketStatusChanged.eventType:
                let e = try event.decode(TicketStatusChanged.self)
                if e.toStatus == .closed { return try closeTicket(e.ticketId) }
                try ticket(e.ticketId) { $0.status = e.toStatus }
            case TicketPriorityChanged.eventType:
                let e = try event.decode(TicketPriorityChanged.self)
                try ticket(e.ticketId) { $0.priority = e.newPriority }
            case TicketResolved.eventType:
                try ticket(try event.decode(TicketResolved.self).ticketId) { $0.status = .resolved }
            case TicketReopened.eventType:
                try ticket(try event.decode(TicketReopened.self).ticketId) { $0.status = .open }
            case TicketClosed.eventType:
                try closeTicket(try event.decode(TicketClosed.self).ticketId)
            case TicketsMerged.eventType:
                for id in try event.decode(TicketsMerged.self).mergedTicketIds { try closeTicket(id) }
            case OrderPlaced.eventType:
                let e = try event.decode(OrderPlaced.self)
                records.set(CustomerViewRecord(customers: [e.customerId]), forKey: "r:" + e.orderId)
                try customer(e.customerId) { _ in }
            case PaymentRecorded.eventType:
                let e = try event.decode(PaymentRecorded.self)
                try owner(of: "r:" + e.orderId) { $0.lifetimeRevenue.add(e.amount) }
            case RefundIssued.eventType:
                let e = try event.decode(RefundIssued.self)
                try owner(of: "r:" + e.orderId) {
                    $0.lifetimeRevenue.add(Money(minorUnits: -e.amount.minorUnits, currency: e.amount.currency))
                }
            case FeedbackSubmitted.eventType:
                let e = try event.decode(FeedbackSubmitted.self)
                let entry = CustomerSatisfaction(
                    kind: e.kind, score: e.score, scaleMin: e.scaleMin, scaleMax: e.scaleMax, at: at)
                for id in try customers(of: [e.subject]) { try customer(id) { $0.latestSatisfaction = entry } }
            case RecordsMerged.eventType:
                let e = try event.decode(RecordsMerged.self)
                guard e.entityKind == .customer else { return }
                for id in e.absorbedIds { records.set(CustomerViewRecord(customers: [e.survivorId]), forKey: CustomerViewProjection.aliasKey(id)) }
                try customer(e.survivorId) { view in
                    for id in e.absorbedIds where !view.mergedIds.contains(id) { view.mergedIds.append(id) }
                }
            case RecordAbsorbed.eventType:
                let e = try event.decode(RecordAbsorbed.self)
                guard e.entityKind == .customer else { return }
                try customer(e.absorbedId) { $0.absorbedInto = e.survivorId }
            case MergeReverted.eventType:
                let e = try event.decode(MergeReverted.self)
                guard e.entityKind == .customer else { return }
                if event.stream.rawValue == "customer-" + e.survivorId {
                    try customer(e.survivorId) { view in view.mergedIds.removeAll { e.restoredIds.contains($0) } }
                    for id in e.restoredIds { records.removeValue(forKey: CustomerViewProjection.aliasKey(id)) }
                } else {
                    for id in e.restoredIds { try customer(id) { $0.absorbedInto = nil } }
                }
            case PersonalDataErased.eventType:
                let e = try event.decode(PersonalDataErased.self)
                switch e.subject.kind {
                case .customer:
                    try customer(e.subject.id) { view in
                        (view.name, view.email, view.phone, view.erased) = ("", nil, nil, true)
                    }
                case .contact: try renameContact(e.subject.id, "")
                default: break
                }
            default: break
            }
        }

        /// Changes customer `id`'s view.
        mutating func customer(_ id: String, _ body: (inout CustomerView) throws -> Void) throws {
            // Changed where it lies (moved out of the record for the call), so its arrays are not copied.
            try records.update(CustomerViewProjection.viewKey(id), default: CustomerViewRecord(view: CustomerView(id: id))) {
                record in
                try record.view.update(default: CustomerView(id: id), body)
            }
        }

        /// Changes the views of the customers the index entry `key` points to.
        mutating func owner(of key: String, _ body: (inout CustomerView) throws -> Void) throws {
            guard let customers = try records.withValue(forKey: key, \.customers) else { return }
            for id in customers { try customer(id, body) }
        }

        mutating func opportunity(_ id: String, _ body: (inout CustomerOpportunity) -> Void) throws {
            // The index entry's deal, changed where it lies, and its customers, read in the same look-up.
            var owners: [String] = []
            try records.updateIfPresent("o:" + id) { index in
                index.deal.updateIfPresent(body)
                owners = index.customers
            }
            for owner in owners {
                try customer(owner) { view in
                    guard let i = view.openOpportunities.firstIndex(where: { $0.opportunityId == id }) else { return }
                    body(&view.openOpportunities[i])
                }
            }
        }

        mutating func ticket(_ id: String, _ body: (inout CustomerTicket) -> Void) throws {
            try owner(of: "t:" + id) { view in
                guard let i = view.openTickets.firstIndex(where: { $0.ticketId == id }) else { return }
                body(&view.openTickets[i])
            }
        }

        mutating func closeTicket(_ id: String) throws {
            try owner(of: "t:" + id) { view in view.openTickets.removeAll { $0.ticketId == id } }
        }

        mutating func link(_ contactId: String, name: String, role: String?, to customerId: String) throws {
            try customer(customerId) { view in
                view.contacts.removeAll { $0.contactId == contactId }
                view.contacts.append(CustomerContact(contactId: contactId, name: name, role: role))
                view.contacts.sort { $0.contactId < $1.contactId }
            }
        }

        mutating func renameContact(_ contactId: String, _ name: String) throws {
            guard var index = try records.value(forKey: "k:" + contactId) else { return }
            index.name = name
            records.set(index, forKey: "k:" + contactId)
            for id in index.customers {
                try customer(id) { view in
                    guard let i = view.contacts.firstIndex(where: { $0.contactId == contactId }) else { return }
                    view.contacts[i].name = name
                }
            }
        }

        /// The customers that records `subjects` belong to: customers themselves, and the customers of contacts,
        /// opportunities and tickets.
        mutating func customers(of subjects: [EntityRef]) throws -> [String] {
            var ids: [String] = []
            for subject in subjects {
                let found: [String]
                switch subject.kind {
                case .customer: found = [subject.id]
                case .contact: found = try records.withValue(forKey: "k:" + subject.id, \.customers) ?? []
                case .opportunity: found = try records.withValue(forKey: "o:" + subject.id, \.customers) ?? []
                case .ticket: found = try records.withValue(forKey: "t:" + subject.id, \.customers) ?? []
                default: found = []
                }
                for id in found where !ids.contains(id) { ids.append(id) }
            }
            return ids
        }
    }
}

extension CustomerView {
    /// Adds (or replaces) an open opportunity, keeping them sorted by id.
    mutating func openDeal(_ deal: CustomerOpportunity) {
        openOpportunities.removeAll { $0.opportunityId == deal.opportunityId }
        openOpportunities.append(deal)
        openOpportunities.sort { $0.opportunityId < $1.opportunityId }
    }
}
