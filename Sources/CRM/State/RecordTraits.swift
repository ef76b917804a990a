public import EventSourcing

/// What any record's stream can carry besides its own events: tags, custom field values, merges, consent
/// and erasure.
public struct RecordTraits: Sendable, Hashable {
    /// The tags, lowercased.
    public private(set) var tags: Set<String> = []
    /// Custom field values by field key.
    public private(set) var customFields: [String: String] = [:]
    /// The record this one was merged into, while the merge stands.
    public private(set) var absorbedInto: String?
    /// The `RecordsMerged` event that absorbed this record, while the merge stands.
    public private(set) var absorbingMergeEventID: EventID?
    /// The merges into this record (as survivor) that have not been reverted, by their event id.
    public private(set) var activeMerges: [EventID: [String]] = [:]
    /// The merges into this record that were reverted.
    public private(set) var revertedMerges: Set<EventID> = []
    /// Consent by channel and purpose (`email/marketing` → opted in).
    public private(set) var consent: [String: Bool] = [:]
    /// Whether an erasure of personal data was requested.
    public private(set) var erasureRequested = false
    /// Whether the personal data was erased.
    public private(set) var erased = false

    /// No traits.
    public init() {}

    /// Whether the record accepts changes: it is neither absorbed nor erased.
    func checkWritable(_ ref: EntityRef) throws(CRMError) {
        if let survivor = absorbedInto { throw .absorbed(ref, survivorId: survivor) }
        if erased { throw .erased(ref) }
    }

    /// Whether contact through `channel` for `purpose` was allowed by the latest choice (`nil`: never asked).
    public func consent(_ channel: ConsentChannel, purpose: String) -> Bool? { consent["\(channel.rawValue)/\(purpose)"] }

    /// Folds the events every record's stream may hold; returns whether it was one of them.
    @discardableResult
    mutating func apply(_ event: RecordedEvent) throws(EventStoreError) -> Bool {
        switch event.type {
        case TagApplied.eventType: tags.insert(try event.decode(TagApplied.self).tag)
        case TagRemoved.eventType: tags.remove(try event.decode(TagRemoved.self).tag)
        case CustomFieldValueSet.eventType:
            let set = try event.decode(CustomFieldValueSet.self)
            customFields[set.fieldKey] = set.new
        case RecordsMerged.eventType:
            activeMerges[event.id] = try event.decode(RecordsMerged.self).absorbedIds
        case RecordAbsorbed.eventType:
            let absorbed = try event.decode(RecordAbsorbed.self)
            (absorbedInto, absorbingMergeEventID) = (absorbed.survivorId, absorbed.mergeEventId)
        case MergeReverted.eventType:
            let reverted = try event.decode(MergeReverted.self)
            if activeMerges.removeValue(forKey: reverted.mergeEventId) != nil { revertedMerges.insert(reverted.mergeEventId) }
            if absorbingMergeEventID == reverted.mergeEventId { (absorbedInto, absorbingMergeEventID) = (nil, nil) }
        case CommunicationPreferenceChanged.eventType:
            let changed = try event.decode(CommunicationPreferenceChanged.self)
            consent["\(changed.channel.rawValue)/\(changed.purpose)"] = changed.optedIn
        case PersonalDataErasureRequested.eventType: erasureRequested = true
        case PersonalDataErased.eventType: erased = true
        default: return false
        }
        return true
    }
}
