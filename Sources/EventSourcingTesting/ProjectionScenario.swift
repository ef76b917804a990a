public import EventSourcing
import Foundation
public import Testing

/// Given these events, when these happen, then the projection holds this: a test of a projection in a few lines,
/// for Swift Testing.
///
/// ```swift
/// import EventSourcingTesting
/// import Testing
///
/// @Test func closingATicketLowersTheCount() async throws {
///     try await ProjectionScenario(OpenTickets())
///         .given(TicketOpened(customer: "customer-1"), in: "ticket-1")
///         .given(TicketOpened(customer: "customer-1"), in: "ticket-2")
///         .when(TicketClosed(customer: "customer-1"), in: "ticket-1")
///         .then("customer-1", equals: 1)
/// }
/// ```
///
/// The scenario runs the projection the way a store does: in a temporary store, applied inline as each event is
/// appended. It then folds the same events again from scratch in memory (as a rebuild or a time-travel read
/// would) and records an issue when the two disagree, which catches projections that depend on anything but
/// their events.
public struct ProjectionScenario<P: Projection>: Sendable {
    /// The projection under test.
    public let projection: P
    private var history: [(stream: String, event: NewEvent)] = []
    private var encodingFailure: String?

    /// A scenario without events yet.
    public init(_ projection: P) {
        self.projection = projection
    }

    /// Adds an event that happened before (the context).
    public func given<E: Event>(_ event: E, in stream: String, actor: String? = nil) -> ProjectionScenario {
        adding(event, in: stream, actor: actor)
    }

    /// Adds an already encoded event that happened before.
    public func given(_ event: NewEvent, in stream: String) -> ProjectionScenario {
        var copy = self
        copy.history.append((stream, event))
        return copy
    }

    /// Adds the event under test (after every ``given(_:in:actor:)``).
    public func when<E: Event>(_ event: E, in stream: String, actor: String? = nil) -> ProjectionScenario {
        adding(event, in: stream, actor: actor)
    }

    /// Adds the already encoded event under test.
    public func when(_ event: NewEvent, in stream: String) -> ProjectionScenario {
        given(event, in: stream)
    }

    private func adding<E: Event>(_ event: E, in stream: String, actor: String?) -> ProjectionScenario {
        var copy = self
        do {
            copy.history.append((stream, try NewEvent(event, actor: actor)))
        } catch {
            copy.encodingFailure = "\(E.eventType) could not be encoded: \(error)"
        }
        return copy
    }

    /// Runs the events through the projection and returns every record it holds afterwards.
    /// - Throws: ``EventStoreError`` when an event cannot be appended or the projection throws.
    public func state(sourceLocation: SourceLocation = #_sourceLocation) async throws -> ProjectionState<P.Value>
    where P.Value: Equatable {
        if let encodingFailure { throw EventStoreError.invalidInput(encodingFailure) }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("rapport-scenario-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        let store = try EventStore(path: directory, configuration: configuration)
        defer { store.close() }
        try await store.addProjection(projection, mode: .inline)
        for (stream, event) in history {
            try await store.append([event], to: try StreamName(stream))
        }
        var values: [String: P.Value] = [:]
        try store.read { snapshot in
            try snapshot.forEachValue(of: projection) { key, value in
                values[key] = value
                return true
            }
        }
        let head = try store.head()
        let replayed = try await store.state(of: projection, asOf: .position(head))
        if replayed.values != values {
            Issue.record(
                "the projection '\(projection.name)' gave different records when replayed from scratch; it must depend only on its events",
                sourceLocation: sourceLocation)
        }
        return ProjectionState(position: head, values: values)
    }

    /// Checks that, after the events, the projection holds `expected` under `key` (`nil`: nothing).
    /// - Throws: ``EventStoreError`` when an event cannot be appended or the projection throws.
    public func then(_ key: String, equals expected: P.Value?, sourceLocation: SourceLocation = #_sourceLocation)
        async throws where P.Value: Equatable
    {
        let actual = try await state(sourceLocation: sourceLocation)[key]
        if actual != expected {
            Issue.record(
                "projection '\(projection.name)' holds \(actual.map { "\($0)" } ?? "nothing") under '\(key)'; expected \(expected.map { "\($0)" } ?? "nothing")",
                sourceLocation: sourceLocation)
        }
    }

    /// Checks that, after the events, the projection holds exactly `expected` (every key).
    /// - Throws: ``EventStoreError`` when an event cannot be appended or the projection throws.
    public func then(records expected: [String: P.Value], sourceLocation: SourceLocation = #_sourceLocation)
        async throws where P.Value: Equatable
    {
        let actual = try await state(sourceLocation: sourceLocation).values
        if actual != expected {
            Issue.record(
                "projection '\(projection.name)' holds \(actual); expected \(expected)", sourceLocation: sourceLocation)
        }
    }

    /// Checks that the projection throws on the event at `position` (1 for the first event of the scenario).
    public func thenFails(atEvent position: UInt64, sourceLocation: SourceLocation = #_sourceLocation) async
    where P.Value: Equatable {
        do {
            _ = try await state(sourceLocation: sourceLocation)
            Issue.record("projection '\(projection.name)' did not throw", sourceLocation: sourceLocation)
        } catch EventStoreError.projectionFailed(_, let failed, _) {
            if failed != LogPosition(position) {
                Issue.record(
                    "projection '\(projection.name)' threw on event \(failed), not \(position)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("the scenario failed otherwise: \(error)", sourceLocation: sourceLocation)
        }
    }
}

extension ProjectionScenario where P: FoldProjection, P.State: Equatable {
    /// Checks that, after the events, the fold projection's state is `expected`.
    /// - Throws: ``EventStoreError`` when an event cannot be appended or the projection throws.
    public func then(state expected: P.State, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let actual = try await state(sourceLocation: sourceLocation)[P.stateKey] ?? projection.initialState
        if actual != expected {
            Issue.record(
                "projection '\(projection.name)' has state \(actual); expected \(expected)", sourceLocation: sourceLocation)
        }
    }
}
