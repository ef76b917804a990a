import CRM
import EventSourcing
import Foundation
import Synchronization
import Testing

/// A store for view tests whose clock moves one minute per reading, from 2026-01-01T00:00:00Z, so recorded times
/// are known and distinct; removed when it goes away.
final class ViewStore {
    let directory: String
    let store: EventStore
    var views: CRMViews { CRMViews(store: store) }
    /// How the events are stored: as JSON (which the views decode through `Codable`), in the binary format (what the
    /// CRM's commands write, read straight from the bytes by the views), or in the binary format with the CRM's
    /// personal fields sealed (a store with a master key, as a CRM store is by default).
    enum Storage: Sendable, CaseIterable { case json, binary, sealed }

    let storage: Storage
    var binary: Bool { storage != .json }

    init(_ storage: Storage = .json) throws {
        self.storage = storage
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-views-\(UUID().uuidString)").path
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let ticks = Mutex<Int64>(0)
        configuration.clock = {
            let minute = ticks.withLock { value in
                value += 1
                return value
            }
            return Timestamp(secondsSince1970: 1_767_225_600 + minute * 60)
        }
        if storage == .sealed {
            configuration.masterKey = CRMFixture.masterKey
            configuration.personalData.register(EventCatalogue.eventTypes)
        }
        store = try EventStore(path: directory, configuration: configuration)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Appends `event` to `stream` with business time `at` (ISO 8601) and returns its position.
    @discardableResult
    func append<E: Event>(
        _ event: E, to stream: String, at: String, actor: String? = "usr-7", metadata: [String: String] = [:]
    ) async throws -> LogPosition {
        let new = binary
            ? try NewEvent(event, occurredAt: moment(at), actor: actor, metadata: metadata, codec: BinaryPayloadCodec())
            : try NewEvent(event, occurredAt: moment(at), actor: actor, metadata: metadata, codec: JSONPayloadCodec())
        return try await store.append([new], to: try StreamName(stream)).lastPosition
    }

    /// Every event of the log.
    func events() async throws -> [RecordedEvent] { try await store.readAll() }
}

/// A fresh store holding only the first `count` events of `events` (same ids, streams, types, payloads, times and
/// actors), with the CRM views added and caught up: an independent replay cut at that point.
func replayCut(_ events: [RecordedEvent], first count: Int, _ body: (CRMViews) async throws -> Void) async throws {
    let cut = ViewStoreCopy()
    defer { cut.close() }
    for event in events.prefix(count) {
        let new = NewEvent(
            id: event.id, type: event.type, schemaVersion: event.schemaVersion, payloadCodec: event.payloadCodec,
            payload: event.payload, occurredAt: event.occurredAt, actor: event.actor, correlationID: event.correlationID,
            causationID: event.causationID, metadata: event.metadata)
        try await cut.store.append([new], to: event.stream)
    }
    let views = CRMViews(store: cut.store)
    try await views.addAll()
    try await views.waitForAll(toReach: try cut.store.head())
    try await body(views)
}

/// A throw-away store in a temporary directory.
final class ViewStoreCopy {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-cut-\(UUID().uuidString)").path
    let store: EventStore

    init() {
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        do { store = try EventStore(path: directory, configuration: configuration) } catch {
            preconditionFailure("a temporary store opens: \(error)")
        }
    }

    func close() {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The standard stages as their snapshots.
enum Stages {
    static let qualification = StageSnapshot(
        stageId: "qualification", name: "Qualification", order: 1, probability: 10, category: .open, forecastCategory: .pipeline)
    static let needsAnalysis = StageSnapshot(
        stageId: "needs-analysis", name: "Needs analysis", order: 2, probability: 30, category: .open, forecastCategory: .pipeline)
    static let proposal = StageSnapshot(
        stageId: "proposal", name: "Proposal", order: 3, probability: 60, category: .open, forecastCategory: .bestCase)
    static let negotiation = StageSnapshot(
        stageId: "negotiation", name: "Negotiation", order: 4, probability: 80, category: .open, forecastCategory: .commit)
    static let won = StageSnapshot(
        stageId: "won", name: "Closed won", order: 5, probability: 100, category: .won, forecastCategory: .closed)
    static let lost = StageSnapshot(
        stageId: "lost", name: "Closed lost", order: 6, probability: 0, category: .lost, forecastCategory: .omitted)
}

/// Event builders with the fields view tests do not care about filled in.
enum Make {
    static func customer(_ id: String, name: String = "Initech Oy", owner: String? = "usr-7", stage: String = "lead")
        -> CustomerRegistered
    {
        CustomerRegistered(
            customerId: id, kind: .organization, name: name, email: "info@\(id).example", interests: [], source: .website,
            ownerId: owner, lifecycleStage: stage, lifecyclePolicyVersion: 1)
    }

    static func opportunity(
        _ id: String, customer: String, amount: Money, stage: StageSnapshot = Stages.qualification,
        close: String = "2026-03-31", owner: String? = "usr-7", source: AcquisitionChannel? = .website,
        campaign: String? = nil, lead: String? = nil
    ) -> OpportunityOpened {
        OpportunityOpened(
            opportunityId: id, customerId: customer, name: "Deal \(id)", pipelineId: "sales", pipelineVersion: 1,
            stage: stage, amount: amount, expectedCloseDate: date(close), ownerId: owner, type: .newBusiness,
            source: source, sourceLeadId: lead, primaryCampaignId: campaign)
    }

    static func move(_ id: String, from: String, to stage: StageSnapshot, backward: Bool = false) -> OpportunityStageChanged {
        OpportunityStageChanged(
            opportunityId: id, fromStageId: from, pipelineId: "sales", pipelineVersion: 1, stage: stage,
            direction: backward ? .backward : .forward)
    }

    static func won(_ id: String, amount: Money, close: String, from: String) -> OpportunityWon {
        OpportunityWon(
            opportunityId: id, pipelineId: "sales", pipelineVersion: 1, stage: Stages.won, wonAmount: amount,
            closeDate: date(close), lastOpenStageId: from)
    }

    static func lost(_ id: String, reason: String, close: String, from: String) -> OpportunityLost {
        OpportunityLost(
            opportunityId: id, pipelineId: "sales", pipelineVersion: 1, stage: Stages.lost, lostReasonCode: reason,
            lostReasonLabel: reason.capitalized, lostReasonsVersion: 1, closeDate: date(close), lastOpenStageId: from)
    }

    static func ticket(_ id: String, customer: String, priority: TicketPriority = .normal) -> TicketOpened {
        TicketOpened(
            ticketId: id, customerId: customer, channel: .email, type: .question, priority: priority, subject: "Help",
            description: "Something broke")
    }

    static func order(_ id: String, customer: String, total: Money) -> OrderPlaced {
        OrderPlaced(orderId: id, customerId: customer, lines: [], total: total, paymentMethod: .invoice, orderedOn: date("2026-01-10"))
    }

    static func interaction(_ id: String, subjects: [EntityRef], at: String, channel: InteractionChannel) -> InteractionLogged {
        InteractionLogged(
            interactionId: id, subjects: subjects, channel: channel, direction: .outbound, occurredAt: moment(at),
            summary: "Talked", participants: [])
    }
}

/// An amount written in a test, in `currency` (EUR unless given); an invalid one fails the test.
func money(_ text: String, _ currency: String = "EUR", sourceLocation: SourceLocation = #_sourceLocation) -> Money {
    do { return try Money(text, currency: currency) } catch {
        Issue.record("invalid amount in a test: \(text) \(currency)", sourceLocation: sourceLocation)
        return Money(minorUnits: 0, currency: currency)
    }
}
