public import EventSourcing
public import Foundation

/// The timeline and audit trail. A record's timeline is its stream in the log, read when asked: the log already
/// holds every event of a record in order, with its actor, time and metadata, so the projection does not copy it.
/// The projection keeps what the log cannot answer by itself:
///
/// - under `a:<actor>|<YYYY-MM-DD>|<bucket>`, the log positions of what an actor did on a day of recording (UTC),
///   in buckets of 4,096 log positions (the bucket is the position divided by 4,096, in 20 digits), so a record
///   stays small however busy the actor and a commit rewrites few bytes;
/// - under `e:<stream>`, the erasures of a record: where each `PersonalDataErased` of the record's subject stands in
///   the log and which fields it names.
///
/// An entry (``TimelineEntry``) is made from the event when read: its field differences, actor, channel and command.
/// Field differences are those the event states: a details change's fields, a custom field's old and new value, the
/// before and after of owner, stage, amount, close date, probability, status, priority and lifecycle changes, and
/// tags. A `PersonalDataErased` blanks the erased fields' values in every earlier entry of its subject's record.
///
/// Both kinds of record only grow, and every item they hold carries its log position, so the records as of a past
/// position are the stored ones cut at it: a query as of the past reads the stored records when the projection has
/// applied the log that far (and folds the log up to the cut when it has not).
public struct TimelineProjection: Projection {
    /// `crm-timeline`.
    public let name = "crm-timeline"
    /// Version 3 (version 2 copied every entry into two records; version 1 kept an actor's day in one record).
    public let version: UInt32 = 3

    /// The projection.
    public init() {}

    /// Log positions per actor bucket.
    static let bucketSize: UInt64 = 4_096

    /// `number` in 20 decimal digits, so that keys sort as the numbers do.
    static func padded(_ number: UInt64) -> String {
        String(unsafeUninitializedCapacity: 20) { buffer in
            var rest = number
            for index in stride(from: 19, through: 0, by: -1) {
                buffer[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            return 20
        }
    }

    /// The prefix of the keys of an actor's buckets of a UTC day.
    static func actorPrefix(_ actor: String, _ day: LocalDate) -> String { "a:" + actor + "|" + day.description + "|" }

    /// The key of the bucket holding `position`.
    static func actorKey(_ actor: String, _ day: LocalDate, position: UInt64) -> String {
        guard (0...9_999).contains(day.year) else {
            return actorPrefix(actor, day) + padded(position / bucketSize)
        }
        // The common case written in one go: "a:", the actor, "|", the day's ten characters, "|", twenty digits (one
        // allocation, where joining the parts made four strings).
        var actor = actor
        return actor.withUTF8 { name in
            String(unsafeUninitializedCapacity: name.count + 34) { buffer in
                func put(_ value: UInt64, _ width: Int, at start: Int) {
                    var value = value
                    for index in stride(from: start + width - 1, through: start, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                (buffer[0], buffer[1]) = (UInt8(ascii: "a"), UInt8(ascii: ":"))
                var at = 2
                for byte in name {
                    buffer[at] = byte
                    at += 1
                }
                buffer[at] = UInt8(ascii: "|")
                put(UInt64(day.year), 4, at: at + 1)
                buffer[at + 5] = UInt8(ascii: "-")
                put(UInt64(day.month), 2, at: at + 6)
                buffer[at + 8] = UInt8(ascii: "-")
                put(UInt64(day.day), 2, at: at + 9)
                buffer[at + 11] = UInt8(ascii: "|")
                put(position / bucketSize, 20, at: at + 12)
                return at + 32
            }
        }
    }

    /// The UTC day of `moment` (what ``LocalDate/init(_:in:)`` gives for GMT, without asking the time zone).
    static func utcDay(_ moment: Timestamp) -> LocalDate {
        let day: Int64 = 86_400_000_000
        let (days, rest) = moment.rawValue.quotientAndRemainder(dividingBy: day)
        return LocalDate(daysSince1970: Int(days - (rest < 0 ? 1 : 0)))
    }

    /// The key of a record stream's erasures.
    static func erasureKey(_ stream: String) -> String { "e:" + stream }

    /// Records the event's position under its actor and day, and an erasure under its subject's record.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<TimelineRecord>) throws {
        let position = event.position.rawValue
        if let actor = event.actor {
            let key = Self.actorKey(actor, Self.utcDay(event.recordedAt), position: position)
            try records.update(key, default: TimelineRecord()) { $0.append(position) }
        }
        if event.hasType("PersonalDataErased") {
            let erased = try event.decode(PersonalDataErased.self)
            let stream = erased.subject.kind.rawValue + "-" + erased.subject.id
            try records.update(Self.erasureKey(stream), default: TimelineRecord()) {
                $0.erasures.append(TimelineErasure(position: position, fields: erased.erasedFields.sorted()))
            }
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

    /// The entry of `event`, straight from its envelope (no copy of the payload).
    init(_ event: RecordView) throws {
        self.init(
            position: event.position.rawValue, stream: event.stream.rawValue, type: event.type,
            occurredAt: event.occurredAt, recordedAt: event.recordedAt, actor: event.actor,
            command: event.metadataValue(forKey: "command"), channel: event.metadataValue(forKey: "channel"),
            changes: try TimelineChanges.changes(of: event))
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

/// A record of ``TimelineProjection``: an actor's bucket of log positions, or a record's erasures.
public struct TimelineRecord: Codable, Sendable, Hashable {
    /// The positions, 8 bytes each, big-endian: bytes, so that a bucket encodes and decodes as one value.
    var packedPositions: [UInt8]
    /// The erasures of a record's subject, in log order.
    public var erasures: [TimelineErasure]

    enum CodingKeys: String, CodingKey {
        case packedPositions = "positions"
        case erasures
    }

    /// A record holding `positions` and `erasures`.
    public init(positions: [UInt64] = [], erasures: [TimelineErasure] = []) {
        (packedPositions, self.erasures) = ([], erasures)
        packedPositions.reserveCapacity(positions.count * 8)
        for position in positions { append(position) }
    }

    /// The log positions of an actor's bucket, in log order.
    public var positions: [UInt64] {
        stride(from: 0, to: packedPositions.count - packedPositions.count % 8, by: 8).map { start in
            packedPositions[start..<start + 8].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// Adds `position` at the end.
    mutating func append(_ position: UInt64) {
        withUnsafeBytes(of: position.bigEndian) { packedPositions.append(contentsOf: $0) }
    }
}

/// A `PersonalDataErased` as ``TimelineProjection`` keeps it: where it stands and what it erased.
public struct TimelineErasure: Codable, Sendable, Hashable {
    /// The erasure's log position: it blanks the entries before it.
    public var position: UInt64
    /// The fields erased, sorted.
    public var fields: [String]

    /// An erasure at `position` of `fields`.
    public init(position: UInt64, fields: [String]) { (self.position, self.fields) = (position, fields) }
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
        // A name the log cannot hold has no events.
        guard let name = try? StreamName(stream) else { return [] }
        return try await readTimeline(asOf: point) { snapshot, cut, records in
            var entries: [TimelineEntry] = []
            try snapshot.forEach(in: name) { view in
                guard view.position.rawValue <= cut else { return false }
                entries.append(try TimelineEntry(view))
                return true
            }
            let erasures = try records(TimelineProjection.erasureKey(stream)).first { $0.key == TimelineProjection.erasureKey(stream) }
            Self.blank(&entries, erasures?.record.erasures ?? [], through: cut)
            return entries
        }
    }

    /// Everything `actor` did from `first` through `last` (calendar days in `timeZone`, by recorded time), in order.
    /// - Throws: ``CRMError/store(_:)``.
    public func activity(
        of actor: String, from first: LocalDate, through last: LocalDate, in timeZone: TimeZone, asOf point: AsOf? = nil
    ) async throws(CRMError) -> [TimelineEntry] {
        // The stored days are UTC days; a local day overlaps at most the UTC day before and after it.
        let days = max(0, first.days(to: last)) + 3
        return try await readTimeline(asOf: point) { snapshot, cut, records in
            var positions: [UInt64] = []
            for offset in 0..<days {
                let prefix = TimelineProjection.actorPrefix(actor, first.addingDays(offset - 1))
                // Only this actor's buckets: an actor whose name goes on past the prefix has longer keys.
                for (key, record) in try records(prefix) where key.utf8.count == prefix.utf8.count + 20 {
                    positions += record.positions.filter { $0 <= cut }
                }
            }
            positions.sort()
            var byStream: [String: [TimelineEntry]] = [:]
            var order: [String] = []
            for position in positions where position > 0 {
                try snapshot.forEach(after: LogPosition(position - 1)) { view in
                    let local = LocalDate(view.recordedAt, in: timeZone)
                    if view.position.rawValue == position, local >= first, local <= last {
                        let entry = try TimelineEntry(view)
                        if byStream[entry.stream] == nil { order.append(entry.stream) }
                        byStream[entry.stream, default: []].append(entry)
                    }
                    return false
                }
            }
            var found: [TimelineEntry] = []
            for stream in order {
                guard var entries = byStream[stream] else { continue }
                let key = TimelineProjection.erasureKey(stream)
                Self.blank(&entries, try records(key).first { $0.key == key }?.record.erasures ?? [], through: cut)
                found += entries
            }
            return found.sorted { $0.position < $1.position }
        }
    }

    /// Blanks, in each entry, the fields of every erasure after it, up to `cut`.
    static func blank(_ entries: inout [TimelineEntry], _ erasures: [TimelineErasure], through cut: UInt64) {
        for erasure in erasures where erasure.position <= cut {
            let fields = Set(erasure.fields)
            for index in entries.indices where entries[index].position < erasure.position {
                _ = entries[index].blank(fields)
            }
        }
    }

    /// Reads the log and the timeline's records as of `point` (now: as far as the projection has applied the log),
    /// handing `body` the snapshot, the last position included, and a scan of the records by key prefix.
    ///
    /// The records only grow and each item carries its position, so the stored records serve for any cut the
    /// projection has reached; a later cut folds the log up to it in memory.
    private func readTimeline<R>(
        asOf point: AsOf?,
        _ body: (borrowing LogSnapshot, UInt64, (String) throws -> [(key: String, record: TimelineRecord)]) throws -> R
    ) async throws(CRMError) -> R {
        let projection = TimelineProjection()
        do {
            let stored = try store.read { snapshot -> R? in
                let status = try snapshot.projectionStatus(projection.name)
                // While an upgrade rebuilds the projection, the records served are of the older version, which this
                // code does not read: fold instead.
                guard status.servingVersion == projection.version else { return nil }
                let applied = status.position.rawValue
                let cut = try point.map { try snapshot.lastPosition(asOf: $0).rawValue } ?? applied
                guard cut <= applied else { return nil }
                return try body(snapshot, cut) { prefix in
                    var found: [(key: String, record: TimelineRecord)] = []
                    try snapshot.forEachValue(of: projection, withPrefix: prefix) { key, value in
                        found.append((key, value))
                        return true
                    }
                    return found
                }
            }
            if let stored { return stored }
            // A cut past what the projection applied, or records of an older version: fold the log up to the cut
            // (now: the whole log).
            let state = try await store.state(of: projection, asOf: point ?? .position(LogPosition(UInt64.max)))
            let keys = state.values.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return try store.read { snapshot in
                try body(snapshot, state.position.rawValue) { prefix in
                    keys.filter { $0.utf8.starts(with: prefix.utf8) }.compactMap { key in state[key].map { (key, $0) } }
                }
            }
        } catch {
            throw Self.mapped(error, projection.name)
        }
    }
}
