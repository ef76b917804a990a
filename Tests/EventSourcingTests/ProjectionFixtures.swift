import EventSourcing
import Foundation
import Testing

/// A ticket opened for a customer.
struct TicketOpened: Event {
    static let eventType = "TicketOpened"
    var customer: String
}

/// A ticket closed for a customer.
struct TicketClosed: Event {
    static let eventType = "TicketClosed"
    var customer: String
}

/// Open tickets per customer: a keyed projection.
struct OpenTickets: Projection {
    var name = "open-tickets"
    var version: UInt32 = 1
    var eventTypes: Set<String> { ["TicketOpened", "TicketClosed"] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        if event.type == TicketOpened.eventType {
            let opened = try event.decode(TicketOpened.self)
            try records.update(opened.customer, default: 0) { $0 += 1 }
        } else {
            let closed = try event.decode(TicketClosed.self)
            try records.update(closed.customer, default: 0) { $0 -= 1 }
        }
    }
}

/// Events counted by type, times `weight`: a fold projection whose version changes what it computes.
struct WeightedCount: FoldProjection {
    var name = "weighted-count"
    var version: UInt32 = 1
    var weight = 1

    var initialState: [String: Int] { [:] }

    func fold(_ state: [String: Int], _ event: RecordView) throws -> [String: Int] {
        var state = state
        state[event.type, default: 0] += weight
        return state
    }
}

/// Counts events per stream, but throws on an event whose payload is the text "poison".
struct PoisonSensitive: Projection {
    var name = "poison-sensitive"
    var version: UInt32 = 1

    struct Poisoned: Error, CustomStringConvertible {
        var description: String { "poisoned payload" }
    }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Int>) throws {
        if Array(event.payload) == Array("poison".utf8) { throw Poisoned() }
        try records.update(event.stream.rawValue, default: 0) { $0 += 1 }
    }
}

/// A deterministic mix of ticket events over `customers` customers; returns the events with their streams.
func ticketHistory(count: Int, customers: Int, seed: UInt64 = 7) throws -> [(StreamName, NewEvent)] {
    var generator = SeededGenerator(seed: seed)
    var open = [Int](repeating: 0, count: customers)
    var history: [(StreamName, NewEvent)] = []
    for _ in 0..<count {
        let customer = Int.random(in: 0..<customers, using: &generator)
        let name = "customer-\(customer)"
        let stream = try StreamName("ticket-\(customer)")
        if open[customer] > 0 && Bool.random(using: &generator) {
            open[customer] -= 1
            history.append((stream, try NewEvent(TicketClosed(customer: name))))
        } else {
            open[customer] += 1
            history.append((stream, try NewEvent(TicketOpened(customer: name))))
        }
    }
    return history
}

/// Open tickets per customer computed straight from the history (the independent method the tests check
/// projections against).
func expectedOpenTickets(_ history: some Sequence<(StreamName, NewEvent)>) -> [String: Int] {
    var open: [String: Int] = [:]
    for (_, event) in history {
        let customer: String
        if event.type == TicketOpened.eventType, let decoded = try? BinaryPayloadCodec().decode(TicketOpened.self, from: event.payload) {
            customer = decoded.customer
            open[customer, default: 0] += 1
        } else if let decoded = try? BinaryPayloadCodec().decode(TicketClosed.self, from: event.payload) {
            customer = decoded.customer
            open[customer, default: 0] -= 1
        }
    }
    return open
}

/// Appends the history one event per append, in order.
func appendEach(_ history: some Sequence<(StreamName, NewEvent)>, to store: EventStore) async throws -> LogPosition {
    var last = LogPosition.start
    for (stream, event) in history { last = try await store.append([event], to: stream).lastPosition }
    return last
}

/// Appends the history in appends of `size` events (grouped by stream inside each append).
func appendInChunks(_ history: [(StreamName, NewEvent)], size: Int, to store: EventStore) async throws -> LogPosition {
    var last = LogPosition.start
    var start = 0
    while start < history.count {
        let chunk = history[start..<min(start + size, history.count)]
        var order: [StreamName] = []
        var byStream: [StreamName: [NewEvent]] = [:]
        for (stream, event) in chunk {
            if byStream[stream] == nil { order.append(stream) }
            byStream[stream, default: []].append(event)
        }
        let writes = order.map { StreamWrite(stream: $0, events: byStream[$0] ?? []) }
        last = try await store.append(writes).lastPosition
        start += size
    }
    return last
}

/// Every value of a projection, read through a snapshot.
func allValues<P: Projection>(of projection: P, in store: EventStore) throws -> [String: P.Value] {
    try store.read { snapshot in
        var values: [String: P.Value] = [:]
        try snapshot.forEachValue(of: projection) { key, value in
            values[key] = value
            return true
        }
        return values
    }
}

/// SplitMix64, so histories are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
