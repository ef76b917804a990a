public import EventSourcing
public import Foundation

/// The timeline and audit trail as a projection: per record stream (key `r:<stream>`) every event in order, and per
/// actor and day of recording (UTC, key `a:<actor>|<YYYY-MM-DD>`) everything the actor did, each as a
/// ``TimelineEntry`` with its field differences, actor, channel and command.
///
/// Field differences are those the event states: a details change's fields, a custom field's old and new value,
/// and the before and after of owner, stage, amount, close date, probability, status, priority and lifecycle
/// changes, and tags. A `PersonalDataErased` blanks the erased fields' values in every entry of its subject.
public struct TimelineProjection: Projection {
    /// `crm-timeline`.
    public let name = "crm-timeline"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The key of an actor's entries recorded on `day` (UTC).
    static func actorKey(_ actor: String, _ day: LocalDate) -> String { "a:" + actor + "|" + day.description }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<TimelineRecord>) throws {
        let recorded = try event.recordedEvent()
        let entry = TimelineEntry(
            position: event.position.rawValue, stream: recorded.stream.rawValue, type: recorded.type,
            occurredAt: recorded.occurredAt, recordedAt: recorded.recordedAt, actor: recorded.actor,
            command: recorded.metadata["command"], channel: recorded.metadata["channel"],
            changes: try TimelineChanges.changes(of: event))
        try records.update("r:" + entry.stream, default: TimelineRecord()) { $0.entries.append(entry) }
        if let actor = entry.actor {
            try records.update(Self.actorKey(actor, LocalDate(entry.recordedAt, in: .gmt)), default: TimelineRecord()) {
                $0.entries.append(entry)
            }
        }
        if event.type == PersonalDataErased.eventType {
            let erased = try event.decode(PersonalDataErased.self)
            try erase(Set(erased.erasedFields), in: erased.subject.kind.rawValue + "-" + erased.subject.id, &records)
        }
    }

    /// Blanks the values of `fields` in every entry of `stream`, and in the actors' copies of them.
    private func erase(_ fields: Set<String>, in stream: String, _ records: inout ProjectionRecords<TimelineRecord>) throws {
        guard var record = try records.value(forKey: "r:" + stream) else { return }
        for index in record.entries.indices where record.entries[index].blank(fields) {
            let entry = record.entries[index]
            guard let actor = entry.actor else { continue }
            let key = Self.actorKey(actor, LocalDate(entry.recordedAt, in: .gmt))
            guard var copy = try records.value(forKey: key) else { continue }
            for i in copy.entries.indices where copy.entries[i].position == entry.position { _ = copy.entries[i].blank(fields) }
            records.set(copy, forKey: key)
        }
        records.set(record, forKey: "r:" + stream)
    }
}

/// One event in a timeline.
public struct TimelineEntry: Codable, Sendable, Hashable {
    /// Its log position.
    public var position: UInt64
    /// The record's stream.
    public var stream: String
    /// The event type.
    public var type: String
    /// Business time.
    public var occurredAt: Timestamp
    /// When the store recorded it.
    public var recordedAt: Timestamp
    /// Who did it.
    public var actor: String?
    /// The command (metadata `command`).
    public var command: String?
    /// The channel (metadata `channel`).
    public var channel: String?
    /// The fields it changed, with values before and after.
    public var changes: [FieldChange]

    /// An entry.
    public init(
        position: UInt64, stream: String, type: String, occurredAt: Timestamp, recordedAt: Timestamp, actor: String?,
        command: String?, channel: String?, changes: [FieldChange]
    ) {
        (self.position, self.stream, self.type, self.occurredAt, self.recordedAt) = (position, stream, type, occurredAt, recordedAt)
        (self.actor, self.command, self.channel, self.changes) = (actor, command, channel, changes)
    }

    /// Blanks the values of `fields`; whether any was there.
    mutating func blank(_ fields: Set<String>) -> Bool {
        var found = false
        for i in changes.indices where fields.contains(changes[i].field) {
            (changes[i].old, changes[i].new, found) = (nil, nil, true)
        }
        return found
    }
}

/// A record of ``TimelineProjection``: entries in log order.
public struct TimelineRecord: Codable, Sendable, Hashable {
    /// The entries.
    public var entries: [TimelineEntry] = []

    /// No entries.
    public init() {}
}

/// The field differences an event states.
enum TimelineChanges {
    static func changes(of event: RecordView) throws -> [FieldChange] {
        func change(_ field: String, _ old: String?, _ new: String?) -> [FieldChange] { [FieldChange(field: field, old: old, new: new)] }
        switch event.type {
        case CustomerDetailsChanged.eventType: return try event.decode(CustomerDetailsChanged.self).changes
        case ContactDetailsChanged.eventType: return try event.decode(ContactDetailsChanged.self).changes
        case CustomFieldValueSet.eventType:
            let e = try event.decode(CustomFieldValueSet.self)
            return change(e.fieldKey, e.old, e.new)
        case CustomerOwnerChanged.eventType:
            let e = try event.decode(CustomerOwnerChanged.self)
            return change("owner", e.fromOwnerId, e.toOwnerId)
        case OpportunityOwnerChanged.eventType:
            let e = try event.decode(OpportunityOwnerChanged.self)
            return change("owner", e.fromOwnerId, e.toOwnerId)
        case OpportunityStageChanged.eventType:
            let e = try event.decode(OpportunityStageChanged.self)
            return change("stage", e.fromStageId, e.stage.stageId)
        case OpportunityAmountChanged.eventType:
            let e = try event.decode(OpportunityAmountChanged.self)
            return change("amount", e.oldAmount.description, e.newAmount.description)
        case OpportunityCloseDateChanged.eventType:
            let e = try event.decode(OpportunityCloseDateChanged.self)
            return change("expectedCloseDate", e.oldDate.description, e.newDate.description)
        case OpportunityProbabilityOverridden.eventType:
            let e = try event.decode(OpportunityProbabilityOverridden.self)
            return change("probability", String(e.oldProbability), String(e.newProbability))
        case TicketStatusChanged.eventType:
            let e = try event.decode(TicketStatusChanged.self)
            return change("status", e.fromStatus.rawValue, e.toStatus.rawValue)
        case TicketPriorityChanged.eventType:
            let e = try event.decode(TicketPriorityChanged.self)
            return change("priority", e.oldPriority.rawValue, e.newPriority.rawValue)
        case LifecycleStageChanged.eventType:
            let e = try event.decode(LifecycleStageChanged.self)
            return change("lifecycleStage", e.fromStage, e.toStage)
        case TagApplied.eventType: return change("tag", nil, try event.decode(TagApplied.self).tag)
        case TagRemoved.eventType: return change("tag", try event.decode(TagRemoved.self).tag, nil)
        default: return []
        }
    }
}

extension CRMViews {
    /// Every change of `record`, in order, now or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func timeline(of record: EntityRef, asOf point: AsOf? = nil) async throws(CRMError) -> [TimelineEntry] {
        try await withRecords(of: TimelineProjection(), asOf: point) { value in
            try value("r:" + record.kind.rawValue + "-" + record.id)?.entries ?? []
        }
    }

    /// Everything `actor` did from `first` through `last` (calendar days in `timeZone`, by recorded time), in order.
    /// - Throws: ``CRMError/store(_:)``.
    public func activity(
        of actor: String, from first: LocalDate, through last: LocalDate, in timeZone: TimeZone, asOf point: AsOf? = nil
    ) async throws(CRMError) -> [TimelineEntry] {
        // The stored days are UTC days; a local day overlaps at most the UTC day before and after it.
        let days = max(0, first.days(to: last)) + 3
        return try await withRecords(of: TimelineProjection(), asOf: point) { value in
            var found: [TimelineEntry] = []
            for offset in 0..<days {
                let day = first.addingDays(offset - 1)
                for entry in try value(TimelineProjection.actorKey(actor, day))?.entries ?? [] {
                    let local = LocalDate(entry.recordedAt, in: timeZone)
                    if local >= first && local <= last { found.append(entry) }
                }
            }
            return found.sorted { $0.position < $1.position }
        }
    }
}
