public import EventSourcing

/// A small in-memory index of customers, contacts and leads by normalised e-mail, phone, company domain and
/// name, built from their events: the input of duplicate detection.
///
/// It may become a projection later. Name matches use ``NameSimilarity/jaroWinkler(_:_:)`` on normalised names
/// (see ``ContactNormalisation``) with ``nameThreshold`` (0.92 by default: "Initech Oy" and "Initech" match,
/// "Initech" and "Initrode" do not). Records merged into another, erased, or dismissed as duplicates of each
/// other are not proposed.
public struct DuplicateIndex: Sendable {
    /// How values are normalised.
    public var normalisation: ContactNormalisation
    /// The lowest Jaro-Winkler similarity of two normalised names that counts as a match.
    public var nameThreshold: Double

    private struct Entry: Sendable {
        var probe = DuplicateProbe()
        var active = true
    }

    private var entries: [EntityRef: Entry] = [:]
    private var keys: [DuplicateRule: [String: Set<EntityRef>]] = [:]
    private var dismissed: Set<Set<EntityRef>> = []

    /// An empty index.
    public init(normalisation: ContactNormalisation = ContactNormalisation(), nameThreshold: Double = 0.92) {
        self.normalisation = normalisation
        self.nameThreshold = nameThreshold
    }

    /// The number of records indexed (merged-away ones included).
    public var count: Int { entries.count }

    /// The number of events that were skipped because they did not decode as their CRM type (for instance the
    /// benchmark workload's flat `CustomerRegistered` events).
    public private(set) var unreadableEvents = 0

    /// Folds an event like ``apply(_:)``, counting it in ``unreadableEvents`` instead of throwing when it does not
    /// decode: the index is a convenience derived from the log, and a foreign event must not keep a CRM from
    /// opening.
    public mutating func applyIfReadable(_ event: RecordedEvent) {
        do { try apply(event) } catch { unreadableEvents += 1 }
    }

    /// The categories whose events the index reads.
    public static let categories: Set<String> = ["customer", "contact", "lead"]

    /// Folds one event of a customer, contact or lead stream; other events are ignored.
    /// - Throws: ``EventStoreError`` when the payload does not decode.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        switch event.type {
        case CustomerRegistered.eventType:
            let registered = try event.decode(CustomerRegistered.self)
            put(EntityRef(kind: .customer, id: registered.customerId), DuplicateProbe(
                name: registered.name, emails: registered.email.map { [$0] } ?? [],
                phones: registered.phone.map { [$0] } ?? [], website: registered.website))
        case CustomerDetailsChanged.eventType:
            let changed = try event.decode(CustomerDetailsChanged.self)
            update(EntityRef(kind: .customer, id: changed.customerId), changes: changed.changes)
        case ContactAdded.eventType:
            let added = try event.decode(ContactAdded.self)
            put(EntityRef(kind: .contact, id: added.contactId),
                DuplicateProbe(name: added.name, emails: added.emails, phones: added.phones))
        case ContactDetailsChanged.eventType:
            let changed = try event.decode(ContactDetailsChanged.self)
            update(EntityRef(kind: .contact, id: changed.contactId), changes: changed.changes)
        case LeadCaptured.eventType:
            let lead = try event.decode(LeadCaptured.self)
            put(EntityRef(kind: .lead, id: lead.leadId), DuplicateProbe(
                name: lead.name, emails: lead.email.map { [$0] } ?? [], phones: lead.phone.map { [$0] } ?? []))
        case LeadConverted.eventType:
            setActive(EntityRef(kind: .lead, id: try event.decode(LeadConverted.self).leadId), false)
        case RecordAbsorbed.eventType:
            let absorbed = try event.decode(RecordAbsorbed.self)
            setActive(EntityRef(kind: absorbed.entityKind, id: absorbed.absorbedId), false)
        case MergeReverted.eventType:
            let reverted = try event.decode(MergeReverted.self)
            for id in reverted.restoredIds { setActive(EntityRef(kind: reverted.entityKind, id: id), true) }
        case PersonalDataErased.eventType:
            let subject = try event.decode(PersonalDataErased.self).subject
            remove(subject)
            entries.removeValue(forKey: subject)
        case DuplicateDismissed.eventType:
            let dismissal = try event.decode(DuplicateDismissed.self)
            dismissed.insert(Set(dismissal.recordIds.map { EntityRef(kind: dismissal.entityKind, id: $0) }))
        default: break
        }
    }

    /// The records that may duplicate `probe`, strongest first, one per record and rule; `excluding` (the record
    /// itself) is never proposed.
    public func candidates(for probe: DuplicateProbe, excluding: EntityRef? = nil) -> [DuplicateCandidate] {
        var found: [DuplicateCandidate] = []
        var seen: Set<String> = []
        func add(_ ref: EntityRef, _ rule: DuplicateRule, _ value: String, _ score: Double) {
            guard ref != excluding, entries[ref]?.active == true, seen.insert("\(ref)|\(rule)").inserted else { return }
            if let excluding, dismissed.contains([ref, excluding]) { return }
            found.append(DuplicateCandidate(record: ref, rule: rule, matchedValue: value, score: score))
        }
        for (rule, values) in normalisedKeys(probe) {
            for value in values { for ref in keys[rule]?[value] ?? [] { add(ref, rule, value, 1) } }
        }
        if let name = probe.name.flatMap(normalisation.name), name.count >= 3 {
            for (ref, entry) in entries where entry.active {
                guard let other = entry.probe.name.flatMap(normalisation.name) else { continue }
                let score = NameSimilarity.jaroWinkler(name, other)
                if score >= nameThreshold { add(ref, .name, other, score) }
            }
        }
        let order = Dictionary(uniqueKeysWithValues: DuplicateRule.allCases.enumerated().map { ($1, $0) })
        return found.sorted {
            ($0.score, $1.record.id, order[$1.rule] ?? 0) > ($1.score, $0.record.id, order[$0.rule] ?? 0)
        }
    }

    private func normalisedKeys(_ probe: DuplicateProbe) -> [(DuplicateRule, Set<String>)] {
        let emails = Set(probe.emails.compactMap(normalisation.email))
        let phones = Set(probe.phones.compactMap(normalisation.phone))
        var domains = Set(probe.emails.compactMap(normalisation.domain(email:)))
        if let website = probe.website.flatMap(normalisation.domain(website:)) { domains.insert(website) }
        return [(.email, emails), (.phone, phones), (.domain, domains)]
    }

    private mutating func put(_ ref: EntityRef, _ probe: DuplicateProbe) {
        remove(ref)
        entries[ref] = Entry(probe: probe)
        for (rule, values) in normalisedKeys(probe) {
            for value in values { keys[rule, default: [:]][value, default: []].insert(ref) }
        }
    }

    private mutating func remove(_ ref: EntityRef) {
        guard let entry = entries[ref] else { return }
        for (rule, values) in normalisedKeys(entry.probe) {
            for value in values { keys[rule]?[value]?.remove(ref) }
        }
    }

    private mutating func update(_ ref: EntityRef, changes: [FieldChange]) {
        guard var entry = entries[ref] else { return }
        for change in changes {
            switch change.field {
            case "name": entry.probe.name = change.new
            case "email": entry.probe.emails = change.new.map { [$0] } ?? []
            case "phone": entry.probe.phones = change.new.map { [$0] } ?? []
            case "website": entry.probe.website = change.new
            default: break
            }
        }
        let active = entry.active
        put(ref, entry.probe)
        entries[ref]?.active = active
    }

    private mutating func setActive(_ ref: EntityRef, _ active: Bool) { entries[ref]?.active = active }
}
