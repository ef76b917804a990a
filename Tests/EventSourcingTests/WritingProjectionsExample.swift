import EventSourcing

struct DealOpened: Event {
    static let eventType = "DealOpened"
    var owner: String
    var amountCents: Int64
}

struct DealWon: Event {
    static let eventType = "DealWon"
    var owner: String
    var amountCents: Int64
}

/// Per owner: open deals and won revenue.
struct SalesByOwner: Projection {
    struct Totals: Codable, Sendable, Equatable {
        var openDeals = 0
        var wonCents: Int64 = 0
    }

    let name = "sales-by-owner"
    let version: UInt32 = 1
    var eventTypes: Set<String> { [DealOpened.eventType, DealWon.eventType] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<Totals>) throws {
        switch event.type {
        case DealOpened.eventType:
            let opened = try event.decode(DealOpened.self)
            try records.update(opened.owner, default: Totals()) { $0.openDeals += 1 }
        default:
            let won = try event.decode(DealWon.self)
            try records.update(won.owner, default: Totals()) { totals in
                totals.openDeals -= 1
                totals.wonCents += won.amountCents
            }
        }
    }
}

func salesExample(storeAt path: String) async throws -> (now: SalesByOwner.Totals?, before: SalesByOwner.Totals?) {
    let store = try EventStore(path: path)
    defer { store.close() }
    try await store.addProjection(SalesByOwner(), mode: .async)

    let deal = try StreamName("deal-1")
    try await store.append([try NewEvent(DealOpened(owner: "ada", amountCents: 120_000))], to: deal)
    let won = try await store.append([try NewEvent(DealWon(owner: "ada", amountCents: 120_000))], to: deal)

    // An asynchronous projection: wait until it has applied the append before reading it.
    try await store.waitForProjection("sales-by-owner", toReach: won.lastPosition)
    let now = try store.value(of: SalesByOwner(), forKey: "ada")

    // Time travel: the same projection as it was after the first event, from the log alone.
    let before = try await store.state(of: SalesByOwner(), asOf: .position(1))["ada"]
    return (now, before)
}
