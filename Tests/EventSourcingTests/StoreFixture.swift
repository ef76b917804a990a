import EventSourcing
import Foundation
import LMDB
import Testing

/// A store in a fresh temporary directory, removed when the fixture goes away.
final class StoreFixture {
    let directory: String
    private(set) var store: EventStore
    let configuration: EventStoreConfiguration

    init(configure: (inout EventStoreConfiguration) -> Void = { _ in }) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(UUID().uuidString)").path
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        configure(&configuration)
        self.configuration = configuration
        store = try EventStore(path: directory, configuration: configuration)
    }

    /// Closes the store and opens it again from its files.
    func reopen() throws {
        store.close()
        store = try EventStore(path: directory, configuration: configuration)
    }

    deinit {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A raw event with a text payload.
func event(_ type: String, _ text: String = "", id: EventID = .make(), actor: String? = nil) -> NewEvent {
    NewEvent(id: id, type: type, payload: Array(text.utf8), actor: actor)
}

/// A stream name written in a test; an invalid one fails the test that uses it (and names a fallback stream).
func stream(_ name: String) -> StreamName {
    if let valid = try? StreamName(name) { return valid }
    Issue.record("invalid stream name in a test: \(name.debugDescription)")
    return fallbackStream
}

private let fallbackStream: StreamName = {
    guard let name = try? StreamName("invalid-test-name") else { preconditionFailure("a constant, valid name") }
    return name
}()

func text(_ event: RecordedEvent) -> String { String(decoding: event.payload, as: UTF8.self) }

/// The stored bytes of the record at `position`, read with the LMDB layer directly.
func rawRecord(_ store: EventStore, at position: UInt64) throws -> [UInt8]? {
    let events = try store.environment.openDatabase("events")
    return try store.environment.read { txn in
        try txn.value(events, forKey: withUnsafeBytes(of: position.bigEndian) { Array($0) })
    }
}
