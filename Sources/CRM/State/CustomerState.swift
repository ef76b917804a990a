public import EventSourcing

/// A customer's current state, folded from `customer-<id>`.
public struct CustomerState: EntityState, Hashable, Encodable {
    /// `customer`.
    public static var kind: EntityKind { .customer }
    /// The customer's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The registration, with later detail changes applied to its fields.
    public private(set) var profile: CustomerRegistered?
    /// The current lifecycle stage.
    public private(set) var lifecycleStage = ""
    /// Every lifecycle change, in order.
    public private(set) var lifecycleHistory: [LifecycleStageChanged] = []
    /// The responsible user.
    public private(set) var ownerId: String?
    /// Whether the customer is active (not deactivated).
    public private(set) var isActive = true
    /// Recorded needs, interests and preferences.
    public private(set) var preferences: [CustomerPreferenceRecorded] = []
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A customer not yet registered.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case CustomerRegistered.eventType:
            let registered = try event.decode(CustomerRegistered.self)
            (profile, lifecycleStage, ownerId) = (registered, registered.lifecycleStage, registered.ownerId)
        case CustomerDetailsChanged.eventType:
            for change in try event.decode(CustomerDetailsChanged.self).changes { profile?.apply(change) }
        case CustomerOwnerChanged.eventType: ownerId = try event.decode(CustomerOwnerChanged.self).toOwnerId
        case CustomerDeactivated.eventType: isActive = false
        case CustomerReactivated.eventType: isActive = true
        case CustomerPreferenceRecorded.eventType: preferences.append(try event.decode(CustomerPreferenceRecorded.self))
        case LifecycleStageChanged.eventType:
            let changed = try event.decode(LifecycleStageChanged.self)
            lifecycleStage = changed.toStage
            lifecycleHistory.append(changed)
        default: break
        }
    }
}

extension CustomerRegistered {
    /// The fields a ``CustomerDetailsChanged`` may change.
    public static let changeableFields = ["name", "industry", "email", "phone", "website", "background"]

    /// Applies a detail change to the profile.
    mutating func apply(_ change: FieldChange) {
        switch change.field {
        case "name": name = change.new ?? name
        case "industry": industry = change.new
        case "email": email = change.new
        case "phone": phone = change.new
        case "website": website = change.new
        case "background": background = change.new
        default: break
        }
    }

    /// The current value of a changeable field.
    func value(of field: String) -> String? {
        switch field {
        case "name": return name
        case "industry": return industry
        case "email": return email
        case "phone": return phone
        case "website": return website
        case "background": return background
        default: return nil
        }
    }
}
