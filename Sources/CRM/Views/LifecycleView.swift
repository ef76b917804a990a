public import EventSourcing
public import Foundation

/// The lifecycle view as a projection: per customer (key `c:<customerId>`) a ``CustomerLifecycle`` with every
/// stage move. Figures are computed when queried (``LifecycleSnapshot``).
public struct LifecycleProjection: Projection {
    /// `crm-lifecycle`.
    public let name = "crm-lifecycle"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [CustomerRegistered.eventType, LifecycleStageChanged.eventType, RecordAbsorbed.eventType, MergeReverted.eventType]
    }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<CustomerLifecycle>) throws {
        let at = event.occurredAt
        switch event.type {
        case CustomerRegistered.eventType:
            let e = try event.decode(CustomerRegistered.self)
            var record = CustomerLifecycle(customerId: e.customerId, stage: e.lifecycleStage, registeredAt: at)
            if e.lifecycleStage == CustomerLifecycle.customerStage { record.becameCustomerAt = at }
            records.set(record, forKey: "c:" + e.customerId)
        case LifecycleStageChanged.eventType:
            let e = try event.decode(LifecycleStageChanged.self)
            try records.updateIfPresent("c:" + e.customerId) { record in
                record.moves.append(
                    LifecycleMove(
                        fromStage: e.fromStage, toStage: e.toStage, at: at, direction: e.direction, trigger: e.trigger,
                        reason: e.reason))
                record.stage = e.toStage
                if e.toStage == CustomerLifecycle.customerStage, record.becameCustomerAt == nil { record.becameCustomerAt = at }
            }
        case RecordAbsorbed.eventType:
            let e = try event.decode(RecordAbsorbed.self)
            guard e.entityKind == .customer else { return }
            try records.update("c:" + e.absorbedId, default: CustomerLifecycle(customerId: e.absorbedId, stage: "", registeredAt: at)) {
                $0.absorbed = true
            }
        case MergeReverted.eventType:
            let e = try event.decode(MergeReverted.self)
            guard e.entityKind == .customer, event.stream.rawValue != "customer-" + e.survivorId else { return }
            for id in e.restoredIds {
                guard var record = try records.value(forKey: "c:" + id) else { continue }
                record.absorbed = false
                records.set(record, forKey: "c:" + id)
            }
        default: break
        }
    }
}

/// One customer's lifecycle: the stage now and every move.
public struct CustomerLifecycle: Codable, Sendable, Hashable {
    /// The stage that counts as having become a customer.
    public static let customerStage = "customer"

    /// The customer.
    public var customerId: String
    /// The current stage.
    public var stage: String
    /// When the customer was registered (business time), in the registration's stage.
    public var registeredAt: Timestamp
    /// Every stage change, in order.
    public var moves: [LifecycleMove] = []
    /// When the customer first reached the stage `customer`.
    public var becameCustomerAt: Timestamp?
    /// Whether it is absorbed into another customer by a merge (then it is left out of the counts).
    public var absorbed = false

    /// A customer as registered.
    public init(customerId: String, stage: String, registeredAt: Timestamp) {
        (self.customerId, self.stage, self.registeredAt) = (customerId, stage, registeredAt)
    }

    /// When it entered its current stage.
    public var stageEnteredAt: Timestamp { moves.last?.at ?? registeredAt }

    /// The time spent in `stage` over every stay, at `now`, in whole seconds (the current stay counts up to `now`).
    public func secondsIn(_ stage: String, at now: Timestamp) -> Int64 {
        var total: Int64 = 0
        var current = moves.first?.fromStage ?? self.stage
        var since = registeredAt
        for move in moves {
            if current == stage { total += max(0, move.at.rawValue - since.rawValue) }
            (current, since) = (move.toStage, move.at)
        }
        if current == stage { total += max(0, now.rawValue - since.rawValue) }
        return total / 1_000_000
    }
}

/// One lifecycle stage change.
public struct LifecycleMove: Codable, Sendable, Hashable {
    /// The stage before.
    public var fromStage: String
    /// The stage after.
    public var toStage: String
    /// When (business time).
    public var at: Timestamp
    /// Forward or backward.
    public var direction: LifecycleDirection
    /// Manual, rule or system.
    public var trigger: LifecycleChangeTrigger
    /// Why (given for backward moves).
    public var reason: String?

    /// A move.
    public init(
        fromStage: String, toStage: String, at: Timestamp, direction: LifecycleDirection, trigger: LifecycleChangeTrigger,
        reason: String?
    ) {
        (self.fromStage, self.toStage, self.at, self.direction, self.trigger, self.reason) =
            (fromStage, toStage, at, direction, trigger, reason)
    }
}

/// A customer's lifecycle move, for the period queries.
public struct CustomerLifecycleMove: Sendable, Hashable {
    /// The customer.
    public var customerId: String
    /// The move.
    public var move: LifecycleMove
}

/// The lifecycle view at one point. Absorbed customers are left out of every figure.
public struct LifecycleSnapshot: Sendable, Hashable {
    /// Every customer not absorbed, sorted by id.
    public var customers: [CustomerLifecycle]

    /// A snapshot of these customers.
    public init(customers: [CustomerLifecycle]) {
        self.customers = customers.filter { !$0.absorbed && !$0.stage.isEmpty }.sorted { $0.customerId < $1.customerId }
    }

    /// The customer `id`'s lifecycle.
    public func customer(_ id: String) -> CustomerLifecycle? { customers.first { $0.customerId == id } }

    /// The number of customers in each stage.
    public func countsByStage() -> [String: Int] {
        var counts: [String: Int] = [:]
        for customer in customers { counts[customer.stage, default: 0] += 1 }
        return counts
    }

    /// The moves made from `first` through `last` (calendar days in `timeZone`, both included), in time order
    /// (then by customer).
    public func moves(from first: LocalDate, through last: LocalDate, in timeZone: TimeZone) -> [CustomerLifecycleMove] {
        var found: [CustomerLifecycleMove] = []
        for customer in customers {
            for move in customer.moves {
                let day = LocalDate(move.at, in: timeZone)
                if day >= first && day <= last { found.append(CustomerLifecycleMove(customerId: customer.customerId, move: move)) }
            }
        }
        return found.sorted { ($0.move.at, $0.customerId) < ($1.move.at, $1.customerId) }
    }

    /// The backward moves from `first` through `last` in `timeZone`, with their reasons.
    public func backwardMoves(from first: LocalDate, through last: LocalDate, in timeZone: TimeZone) -> [CustomerLifecycleMove] {
        moves(from: first, through: last, in: timeZone).filter { $0.move.direction == .backward }
    }

    /// The average time the customers now in `stage` have been in it, at `now`, in whole seconds (`nil` if none).
    public func averageSecondsInCurrentStage(_ stage: String, at now: Timestamp) -> Int64? {
        let ages = customers.filter { $0.stage == stage }.map { max(0, (now.rawValue - $0.stageEnteredAt.rawValue) / 1_000_000) }
        return ages.isEmpty ? nil : ages.reduce(0, +) / Int64(ages.count)
    }

    /// The customers who became customers from `first` through `last` in `timeZone`, with the date, by date then id.
    public func becameCustomers(from first: LocalDate, through last: LocalDate, in timeZone: TimeZone) -> [(customerId: String, date: LocalDate)] {
        customers.compactMap { customer in
            guard let at = customer.becameCustomerAt else { return nil }
            let day = LocalDate(at, in: timeZone)
            return day >= first && day <= last ? (customer.customerId, day) : nil
        }.sorted { ($0.date, $0.customerId) < ($1.date, $1.customerId) }
    }
}

extension CRMViews {
    /// The lifecycle view now, or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func lifecycle(asOf point: AsOf? = nil) async throws(CRMError) -> LifecycleSnapshot {
        var customers: [CustomerLifecycle] = []
        try await forEachRecord(of: LifecycleProjection(), prefix: "c:", asOf: point) { _, record in customers.append(record) }
        return LifecycleSnapshot(customers: customers)
    }
}

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension CustomerLifecycle: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the lifecycle's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.string("stage", stage)
        try fields.timestamp("registeredAt", registeredAt)
        try fields.array("moves", moves)
        try fields.timestampIfPresent("becameCustomerAt", becameCustomerAt)
        try fields.bool("absorbed", absorbed)
    }

    /// Reads the lifecycle from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        stage = try fields.string("stage")
        registeredAt = try fields.timestamp("registeredAt")
        moves = try fields.array(of: LifecycleMove.self, "moves")
        becameCustomerAt = try fields.timestampIfPresent("becameCustomerAt")
        absorbed = try fields.bool("absorbed")
    }
}

extension LifecycleMove: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the move's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("fromStage", fromStage)
        try fields.string("toStage", toStage)
        try fields.timestamp("at", at)
        try fields.value("direction", direction)
        try fields.value("trigger", trigger)
        try fields.stringIfPresent("reason", reason)
    }

    /// Reads the move from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        fromStage = try fields.string("fromStage")
        toStage = try fields.string("toStage")
        at = try fields.timestamp("at")
        direction = try fields.value(LifecycleDirection.self, "direction")
        trigger = try fields.value(LifecycleChangeTrigger.self, "trigger")
        reason = try fields.stringIfPresent("reason")
    }
}
