public import EventSourcing

/// A contact's current state, folded from `contact-<id>`.
public struct ContactState: EntityState, Hashable, Encodable {
    /// `contact`.
    public static var kind: EntityKind { .contact }
    /// The contact's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The contact as added, with later changes applied.
    public private(set) var profile: ContactAdded?
    /// The customers the contact is linked to, with the role there.
    public private(set) var customers: [String: String] = [:]
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A contact not yet added.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case ContactAdded.eventType:
            let added = try event.decode(ContactAdded.self)
            profile = added
            if let customer = added.customerId { customers[customer] = added.role ?? "" }
        case ContactDetailsChanged.eventType:
            guard var changed = profile else { return }
            for change in try event.decode(ContactDetailsChanged.self).changes {
                switch change.field {
                case "name": changed.name = change.new ?? changed.name
                case "title": changed.title = change.new
                case "email": changed.emails = change.new.map { [$0] } ?? []
                case "phone": changed.phones = change.new.map { [$0] } ?? []
                default: break
                }
            }
            profile = changed
        case ContactLinkedToCustomer.eventType:
            let linked = try event.decode(ContactLinkedToCustomer.self)
            customers[linked.customerId] = linked.role ?? ""
        case ContactUnlinkedFromCustomer.eventType:
            customers.removeValue(forKey: try event.decode(ContactUnlinkedFromCustomer.self).customerId)
        default: break
        }
    }
}
