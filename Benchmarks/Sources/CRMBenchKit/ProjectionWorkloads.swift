import CRM
import CRawLMDB
import EventSourcing
import Foundation
import Synchronization

/// W6's projection: each customer's workload state (events, open opportunity amount, open tickets, stage), folded
/// from the typed events and kept under the customer's stream name.
struct CustomerStateProjection: Projection {
    let name = "customer-state"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<WorkloadCustomerState>) throws {
        guard let (type, amount) = try WorkloadPayloads.decoded(event, codec: BinaryPayloadCodec()) else { return }
        try records.update(event.stream.rawValue, default: WorkloadCustomerState()) { $0.apply(type, amountCents: amount) }
    }
}

/// What a projection workload measured.
public struct ProjectionRun: Sendable {
    /// Events applied.
    public var events: Int
    /// The totals of the stored per-customer states.
    public var totals: WorkloadTotals
    /// Seconds it took.
    public var seconds: Double
    /// Peak resident memory during the run, in MiB (the process's, dataset included).
    public var peakResidentMiB: Double
}

extension RapportRunner {
    /// W6, first half: adds the per-customer projection to the loaded store (asynchronous) and waits until the
    /// projection runner has caught up with the whole log.
    public func projectionCatchUp() async throws -> ProjectionRun {
        Measure.resetPeakResident()
        let head = try store.head()
        let (_, seconds) = try await Measure.time {
            try await store.addProjection(CustomerStateProjection(), mode: .async)
            try await store.waitForProjection("customer-state", toReach: head)
        }
        return ProjectionRun(
            events: Int(head.rawValue), totals: try customerStateTotals(), seconds: seconds,
            peakResidentMiB: Measure.peakResidentMiB())
    }

    /// W6, second half: rebuilds the projection from the first event into its second database and swaps it in.
    public func projectionRebuild() async throws -> ProjectionRun {
        Measure.resetPeakResident()
        let head = try store.head()
        let (_, seconds) = try await Measure.time { try await store.rebuildProjection("customer-state") }
        return ProjectionRun(
            events: Int(head.rawValue), totals: try customerStateTotals(), seconds: seconds,
            peakResidentMiB: Measure.peakResidentMiB())
    }

    private func customerStateTotals() throws -> WorkloadTotals {
        try store.read { snapshot in
            var totals = WorkloadTotals()
            try snapshot.forEachValue(of: CustomerStateProjection()) { _, state in
                totals.add(state)
                return true
            }
            return totals
        }
    }

    /// Subscription latency: a subscription from the head, then one durable append after another; each event's
    /// latency is from its append's acknowledgement (durable) to its delivery to the subscriber (0 when it was
    /// delivered first).
    public func subscriptionLatencies(_ events: [PreparedEvent]) async throws -> [Duration] {
        let start = try store.head()
        let subscription = try store.subscribe(from: .after(start))
        let delivered = Mutex<[UInt64: ContinuousClock.Instant]>([:])
        let expected = events.count
        let consumer = Task {
            var count = 0
            for try await event in subscription {
                let now = ContinuousClock.now
                delivered.withLock { $0[event.position.rawValue] = now }
                count += 1
                if count == expected { break }
            }
        }
        var acknowledged: [(UInt64, ContinuousClock.Instant)] = []
        for event in events {
            let result = try await store.append(Self.writes([event][0...0]))
            acknowledged.append((result.lastPosition.rawValue, ContinuousClock.now))
        }
        try await consumer.value
        let times = delivered.withLock { $0 }
        return acknowledged.map { position, ack in
            guard let delivery = times[position], delivery > ack else { return .zero }
            return delivery - ack
        }
    }
}

extension BaselineRunner {
    /// W6 on the baseline: scans the log in one read transaction, decodes and folds each record per customer, and
    /// every `batchSize` events writes the customers changed and a checkpoint in one durable commit.
    public func projectionRebuild(customers: Int, batchSize: Int) throws -> ProjectionRun {
        Measure.resetPeakResident()
        let (result, seconds) = try Measure.time { try baseline.rebuildCustomerStates(customers: customers, batchSize: batchSize) }
        return ProjectionRun(
            events: result.events, totals: result.totals, seconds: seconds, peakResidentMiB: Measure.peakResidentMiB())
    }

    /// Subscription latency on the baseline: a writer thread commits one event at a time durably and signals a
    /// reader thread, which opens a read transaction and reads the new records; each latency is from the commit's
    /// return to the record read (0 when read first).
    public func subscriptionLatencies(_ events: [PreparedEvent]) throws -> [Duration] {
        let baseline = self.baseline
        let start = try baseline.read { txn in try baseline.lastPosition(txn) }
        let signal = NSCondition()
        let state = Mutex<(committed: UInt64, acknowledged: [UInt64: ContinuousClock.Instant], delivered: [UInt64: ContinuousClock.Instant], failure: String?)>(
            (start, [:], [:], nil))
        let last = start + UInt64(events.count)
        let reader = Thread {
            var seen = start
            while seen < last {
                signal.lock()
                while state.withLock({ $0.committed <= seen && $0.failure == nil }) { signal.wait() }
                signal.unlock()
                let committed = state.withLock { $0.committed }
                if state.withLock({ $0.failure }) != nil { return }
                do {
                    try baseline.read { txn in
                        for position in (seen + 1)...committed { _ = try baseline.record(at: position, txn) }
                    }
                } catch {
                    state.withLock { $0.failure = "\(error)" }
                    return
                }
                let now = ContinuousClock.now
                state.withLock { for position in (seen + 1)...committed { $0.delivered[position] = now } }
                seen = committed
            }
        }
        reader.start()
        for (offset, event) in events.enumerated() {
            do {
                try baseline.append([event][0...0])
            } catch {
                state.withLock { $0.failure = "\(error)" }
                signal.lock()
                signal.broadcast()
                signal.unlock()
                throw error
            }
            let now = ContinuousClock.now
            let position = start + UInt64(offset) + 1
            state.withLock {
                $0.acknowledged[position] = now
                $0.committed = position
            }
            signal.lock()
            signal.broadcast()
            signal.unlock()
        }
        while state.withLock({ $0.delivered.count < events.count && $0.failure == nil }) { usleep(100) }
        let result = state.withLock { $0 }
        if let failure = result.failure { throw RawLMDBBaseline.Failure(description: failure) }
        return (start + 1...last).map { position in
            guard let ack = result.acknowledged[position], let delivery = result.delivered[position], delivery > ack else {
                return .zero
            }
            return delivery - ack
        }
    }
}

extension RawLMDBBaseline {
    /// Decodes the record at `position` inside `txn`.
    func record(at position: UInt64, _ txn: OpaquePointer?) throws -> RawRecord.Decoded {
        var key = position.bigEndian
        return try withUnsafeMutableBytes(of: &key) { k in
            var mk = MDB_val(mv_size: 8, mv_data: k.baseAddress)
            var mv = MDB_val()
            try Self.check(mdb_get(txn, events, &mk, &mv), "get \(position)")
            return try RawRecord.decode(UnsafeRawBufferPointer(start: mv.mv_data, count: mv.mv_size))
        }
    }

    /// W6's baseline: see ``BaselineRunner/projectionRebuild(customers:batchSize:)``.
    func rebuildCustomerStates(customers: Int, batchSize: Int) throws -> (events: Int, totals: WorkloadTotals) {
        var txn: OpaquePointer?
        try Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
        var states: MDB_dbi = 0
        try Self.check(mdb_dbi_open(txn, "customer-state", UInt32(MDB_CREATE), &states), "dbi customer-state")
        try Self.check(mdb_drop(txn, states, 0), "empty customer-state")
        try Self.check(mdb_txn_commit(txn), "commit")
        var fold = WorkloadFold(customers: customers)
        var dirty = Set<Int>()
        var count = 0
        func flush(through position: UInt64) throws {
            var txn: OpaquePointer?
            try Self.check(mdb_txn_begin(env, nil, 0, &txn), "begin")
            do {
                for customer in dirty.sorted() {
                    let state = fold.customers[customer]
                    var value: [UInt8] = []
                    withUnsafeBytes(of: Int64(state.events).littleEndian) { value.append(contentsOf: $0) }
                    withUnsafeBytes(of: state.openAmountCents.littleEndian) { value.append(contentsOf: $0) }
                    withUnsafeBytes(of: Int64(state.openTickets).littleEndian) { value.append(contentsOf: $0) }
                    value.append(state.stage.rawValue)
                    var key = Array(PreparedWorkload.streamName(customer).utf8)
                    try key.withUnsafeMutableBytes { k in
                        try value.withUnsafeMutableBytes { v in
                            var mk = MDB_val(mv_size: k.count, mv_data: k.baseAddress)
                            var mv = MDB_val(mv_size: v.count, mv_data: v.baseAddress)
                            try Self.check(mdb_put(txn, states, &mk, &mv, 0), "put state")
                        }
                    }
                }
                var checkpointKey = Array("checkpoint".utf8)
                var checkpoint = position.bigEndian
                try checkpointKey.withUnsafeMutableBytes { k in
                    try withUnsafeMutableBytes(of: &checkpoint) { v in
                        var mk = MDB_val(mv_size: k.count, mv_data: k.baseAddress)
                        var mv = MDB_val(mv_size: 8, mv_data: v.baseAddress)
                        try Self.check(mdb_put(txn, states, &mk, &mv, 0), "put checkpoint")
                    }
                }
            } catch {
                mdb_txn_abort(txn)
                throw error
            }
            try Self.check(mdb_txn_commit(txn), "commit")
            dirty.removeAll(keepingCapacity: true)
        }
        try read { txn in
            var cursor: OpaquePointer?
            try Self.check(mdb_cursor_open(txn, events, &cursor), "cursor")
            defer { mdb_cursor_close(cursor) }
            var k = MDB_val()
            var v = MDB_val()
            var rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
            while rc == 0 {
                let record = try RawRecord.decode(UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                fold.apply(customer: record.customer, type: record.type, amountCents: record.amountCents)
                dirty.insert(record.customer)
                count += 1
                if count % batchSize == 0 { try flush(through: UInt64(count)) }
                rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
            }
            if rc != MDB_NOTFOUND { try Self.check(rc, "scan") }
        }
        if !dirty.isEmpty { try flush(through: UInt64(count)) }
        return (count, fold.totals)
    }
}

extension WorkloadComparison {
    /// W6: the per-customer projection caught up from nothing by the asynchronous runner, then rebuilt on request,
    /// against the baseline's scan-fold-and-write; both must store the W4 totals.
    static func projectionWorkloads(
        into report: inout ComparisonReport, rapport: RapportRunner, raw: BaselineRunner,
        configuration: WorkloadConfiguration
    ) async throws {
        let rawRun = try raw.projectionRebuild(customers: configuration.customers, batchSize: 20_000)
        let catchUp = try await rapport.projectionCatchUp()
        let rebuild = try await rapport.projectionRebuild()
        for (name, run) in [("raw LMDB", rawRun), ("Rapport catch-up", catchUp), ("Rapport rebuild", rebuild)]
        where run.totals != report.rapportTotals {
            throw Mismatch(description: "W6 \(name) stored totals \(run.totals), W4 folded \(report.rapportTotals)")
        }
        let rawRate = Double(rawRun.events) / rawRun.seconds
        report.figures.append(
            Figure(id: "W6", workload: "W6 projection rebuild", unit: "events/s", rapport: Double(rebuild.events) / rebuild.seconds,
                   baseline: rawRate, target: "≥ ½ W4 replay rate"))
        report.figures.append(
            Figure(id: "W6 catch-up", workload: "W6 async catch-up from position 0", unit: "events/s",
                   rapport: Double(catchUp.events) / catchUp.seconds, baseline: rawRate, target: "(runner throughput)"))
        report.figures.append(
            Figure(id: "W6 peak", workload: "W6 peak resident memory (process, dataset included)", unit: "MiB",
                   rapport: max(catchUp.peakResidentMiB, rebuild.peakResidentMiB), baseline: rawRun.peakResidentMiB,
                   target: "bounded"))
    }

    /// Subscription latency: 2,000 durable single appends (to fresh streams), each from its acknowledgement to
    /// its delivery to a subscriber.
    static func subscriptionWorkload(
        into report: inout ComparisonReport, rapport: RapportRunner, raw: BaselineRunner, workload: PreparedWorkload
    ) async throws {
        var events: [PreparedEvent] = []
        for (offset, event) in workload.w2.prefix(2_000).enumerated() {
            var fresh = event
            fresh.streamName = "latency-\(offset)"
            fresh.streamBytes = Array(fresh.streamName.utf8)
            fresh.stream = try StreamName(fresh.streamName)
            fresh.version = 1
            fresh.newEvent.id = .make()
            events.append(fresh)
        }
        let rawLatencies = try raw.subscriptionLatencies(events)
        let ourLatencies = try await rapport.subscriptionLatencies(events)
        report.figures.append(
            Figure(id: "Sub p50", workload: "subscription delivery after durable append, p50", unit: "ms",
                   rapport: Measure.quantileMilliseconds(ourLatencies, 0.5),
                   baseline: Measure.quantileMilliseconds(rawLatencies, 0.5), target: "lower is better"))
        report.figures.append(
            Figure(id: "Sub p99", workload: "subscription delivery after durable append, p99", unit: "ms",
                   rapport: Measure.quantileMilliseconds(ourLatencies, 0.99),
                   baseline: Measure.quantileMilliseconds(rawLatencies, 0.99), target: "p99 < 5 ms"))
    }
}
