public import EventSourcing
public import Foundation

/// The timeline and audit trail as a projection: one record per event, twice. Under `r:<stream>|<version>` every
/// event of a record stream, keyed by its stream version, and under `a:<actor>|<YYYY-MM-DD>|<position>` everything an
/// actor did on a day of recording (UTC), keyed by log position; versions and positions are written with 20 digits,
/// so key order is log order and a query reads one key range. Each is a ``TimelineRecord`` holding one
/// ``TimelineEntry`` with its field differences, actor, channel and command. An event's work is bounded: it writes
/// two records and reads none, however long the stream or the actor's day.
///
/// Field differences are those the event states: a details change's fields, a custom field's old and new value,
/// and the before and after of owner, stage, amount, close date, probability, status, priority and lifecycle
/// changes, and tags. A `PersonalDataErased` blanks the erased fields' values in every entry of its subject (it
/// reads the subject's entries one version after the other).
public struct TimelineProjection: Projection {
    /// `crm-timeline`.
    public let name = "crm-timeline"
    /// Version 2 (version 1 kept every entry of a stream, or of an actor's day, in one record).
    public let version: UInt32 = 2

    /// The projection.
    public init() {}

    /// `number` in 20 decimal digits, so that keys sort as the numbers do.
    static func padded(_ number: UInt64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: 20 - digits.utf8.count) + digits
    }

    /// The prefix of the keys of a record stream's entries.
    static func streamPrefix(_ stream: String) -> String { "r:" + stream + "|" }

    /// The key of a stream's entry at `version`.
    static func streamKey(_ stream: String, _ version: UInt64) -> String { streamPrefix(stream) + padded(version) }

    /// The prefix of the keys of an actor's entries recorded on `day` (UTC).
    static func actorPrefix(_ actor: String, _ day: LocalDate) -> String { "a:" + actor + "|" + day.description + "|" }

    /// The key of an actor's entry.
    static func actorKey(_ entry: TimelineEntry, actor: String) -> String {
        actorPrefix(actor, LocalDate(entry.recordedAt, in: .gmt)) + padded(entry.position)
    }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<TimelineRecord>) throws {
        // Straight from the record's envelope: no copy of the payload, no opening of its sealed fields.
        let entry = TimelineEntry(
            position: event.position.rawValue, stream: event.stream.rawValue, type: event.type,
            occurredAt: event.occurredAt, recordedAt: event.recordedAt, actor: event.actor,
            command: event.metadataValue(forKey: "command"), channel: event.metadataValue(forKey: "channel"),
            changes: try TimelineChanges.changes(of: event))
        records.set(TimelineRecord(entry: entry), forKey: Self.streamKey(entry.stream, event.streamVersion))
        if let actor = entry.actor { records.set(TimelineRecord(entry: entry), forKey: Self.actorKey(entry, actor: actor)) }
        if event.type == PersonalDataErased.eventType {
            let erased = try event.decode(PersonalDataErased.self)
            try erase(Set(erased.erasedFields), in: erased.subject.kind.rawValue + "-" + erased.subject.id, &records)
        }
    }

    /// Blanks the values of `fields` in every entry of `stream`, and in the actors' copies of them. A stream's
    /// versions run from 1 without gaps, and each has an entry, so the first missing version ends the stream.
    private func erase(_ fields: Set<String>, in stream: String, _ records: inout ProjectionRecords<TimelineRecord>) throws {
        var version: UInt64 = 1
        while var record = try records.value(forKey: Self.streamKey(stream, version)) {
            if record.entry.blank(fields) {
                records.set(record, forKey: Self.streamKey(stream, version))
                if let actor = record.entry.actor { records.set(record, forKey: Self.actorKey(record.entry, actor: actor)) }
            }
            version += 1
        }
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

/// A record of ``TimelineProjection``: one entry.
public struct TimelineRecord: Codable, Sendable, Hashable {
    /// The entry.
    public var entry: TimelineEntry

    /// A record holding `entry`.
    public init(entry: TimelineEntry) { self.entry = entry }
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
        let stream = record.kind.rawValue + "-" + record.id
        return try await withPrefixScan(of: TimelineProjection(), asOf: point) { scan in
            var found: [TimelineEntry] = []
            // A stream whose name goes on past a `|` shares the prefix: only this stream's entries count.
            try scan(TimelineProjection.streamPrefix(stream)) { _, value in
                if value.entry.stream == stream { found.append(value.entry) }
            }
            return found
        }
    }

    /// Everything `actor` did from `first` through `last` (calendar days in `timeZone`, by recorded time), in order.
    /// - Throws: ``CRMError/store(_:)``.
    public func activity(
        of actor: String, from first: LocalDate, through last: LocalDate, in timeZone: TimeZone, asOf point: AsOf? = nil
    ) async throws(CRMError) -> [TimelineEntry] {
        // The stored days are UTC days; a local day overlaps at most the UTC day before and after it.
        let days = max(0, first.days(to: last)) + 3
        return try await withPrefixScan(of: TimelineProjection(), asOf: point) { scan in
            var found: [TimelineEntry] = []
            for offset in 0..<days {
                try scan(TimelineProjection.actorPrefix(actor, first.addingDays(offset - 1))) { _, value in
                    let local = LocalDate(value.entry.recordedAt, in: timeZone)
                    if value.entry.actor == actor, local >= first, local <= last { found.append(value.entry) }
                }
            }
            return found.sorted { $0.position < $1.position }
        }
    }
}
