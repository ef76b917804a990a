import EventSourcing
import Foundation
import LMDB
import Testing

@Suite("Rotating one data subject's key")
struct SubjectKeyRotationTests {
    static let masterKey = CryptoShreddingTests.masterKey

    /// The stored entry of `subject`'s retired key `version`, read with the LMDB layer directly (key `01` ‖
    /// subject ‖ `00` ‖ version, big-endian, as RecordFormat.md gives it).
    private func retiredEntry(_ store: EventStore, _ subject: String, _ version: UInt32) throws -> [UInt8]? {
        let keys = try store.environment.openDatabase("subject-keys")
        let key = [1] + Array(subject.utf8) + [0, 0, 0, 0, UInt8(version)]
        return try store.environment.read { txn in try txn.value(keys, forKey: key) }
    }

    /// The key versions the stored (sealed) payloads name, in log order, read from an export.
    private func sealedVersions(_ store: EventStore) throws -> [[Int]] {
        var text = ""
        try store.exportJSONLines { text += $0 }
        return text.split(separator: "\n").map { line in
            line.components(separatedBy: "\"keyVersion\":").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
        }
    }

    /// Person 1 registered under key 1, the key rotated, person 1 registered again (a second event) under key 2.
    private func rotated() async throws -> StoreFixture {
        let fixture = try CryptoShreddingTests.fixture()
        let store = fixture.store
        try await CryptoShreddingTests.register(1, in: store)
        #expect(try store.rotateKey(ofSubject: "person-p1") == 2)
        try await store.append([try NewEvent(CryptoShreddingTests.person(2))], to: stream("person-p1"), expecting: .exactly(1))
        return fixture
    }

    @Test func newEventsAreSealedUnderTheNewVersionAndOldOnesStillOpen() async throws {
        let fixture = try await rotated()
        let store = fixture.store
        guard case .active(let version) = try store.dataSubjectStatus("person-p1") else {
            Issue.record("person-p1 has no live key")
            return
        }
        #expect(version == 2)
        // Each event names the version it was sealed under: six texts each (name, two e-mails, street, city, note).
        #expect(try sealedVersions(store) == [Array(repeating: 1, count: 6), Array(repeating: 2, count: 6)])
        let events = try await store.readStream(stream("person-p1"))
        #expect(try events.map { try $0.decode(PersonRegistered.self) } == [CryptoShreddingTests.person(1), CryptoShreddingTests.person(2)])
        #expect(try retiredEntry(store, "person-p1", 1)?.prefix(2) == [1, 4])
        #expect(try store.verify().isIntact)
        // A second rotation keeps both older versions.
        #expect(try store.rotateKey(ofSubject: "person-p1") == 3)
        #expect(try await store.readStream(stream("person-p1")).map { try $0.decode(PersonRegistered.self).name }
            == ["Ada Lovelace-0001", "Ada Lovelace-0002"])
    }

    @Test func erasureDestroysEveryVersion() async throws {
        let fixture = try await rotated()
        let store = fixture.store
        let retired = try #require(try retiredEntry(store, "person-p1", 1))
        try await store.erase(subject: "person-p1")
        #expect(try retiredEntry(store, "person-p1", 1) == nil)
        #expect(try await store.readStream(stream("person-p1")).map { try $0.decode(PersonRegistered.self).name } == ["[erased]", "[erased]"])
        let erased = try await store.readStream(EventStore.erasureStream)
        #expect(try erased.map { try $0.decode(SubjectErased.self) } == [SubjectErased(subject: "person-p1", keyVersion: 2)])
        // A compacting copy holds neither version's wrapped key.
        let copy = fixture.directory + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try store.environment.copy(to: copy, compacting: true)
        let bytes = try fileBytes(copy)
        #expect(!contains(bytes, Array(retired.suffix(60))))
    }

    @Test func rotationsSurviveAMasterKeyRotationAndAKeyExport() async throws {
        let fixture = try await rotated()
        try await CryptoShreddingTests.register(3, in: fixture.store)
        // Keys carried to a store that imports the events: both versions open there.
        let copy = try CryptoShreddingTests.fixture()
        var text = ""
        try fixture.store.exportJSONLines { text += $0 }
        try await copy.store.importJSONLines(text.split(separator: "\n").map(String.init))
        #expect(try copy.store.importSubjectKeys(try fixture.store.exportSubjectKeys()) == 3)
        #expect(try await copy.store.readStream(stream("person-p1")).map { try $0.decode(PersonRegistered.self).name }
            == ["Ada Lovelace-0001", "Ada Lovelace-0002"])
        // A new master key re-encrypts the live and the retired keys.
        fixture.store.close()
        let newKey = MasterKey.generate()
        #expect(try EventStore.rotateMasterKey(at: fixture.directory, from: Self.masterKey, to: newKey) == 2)
        var configuration = EventStoreConfiguration()
        configuration.masterKey = newKey
        let reopened = try EventStore(path: fixture.directory, configuration: configuration)
        defer { reopened.close() }
        #expect(try await reopened.readAll().map { try $0.decode(PersonRegistered.self) }
            == [1, 2, 3].map(CryptoShreddingTests.person))
    }

    @Test func onlyALiveKeyRotates() async throws {
        let fixture = try CryptoShreddingTests.fixture()
        let store = fixture.store
        #expect(throws: EventStoreError.invalidInput("data subject \"person-p9\" has no key to rotate")) {
            try store.rotateKey(ofSubject: "person-p9")
        }
        try await CryptoShreddingTests.register(1, in: store)
        try await store.erase(subject: "person-p1")
        #expect(throws: EventStoreError.self) { try store.rotateKey(ofSubject: "person-p1") }
        #expect(throws: EventStoreError.self) { try store.rotateKey(ofSubject: "") }
        try await CryptoShreddingTests.register(2, in: store)
        let path = fixture.directory
        store.close()
        let keyless = try EventStore(path: path)
        defer { keyless.close() }
        #expect(throws: EventStoreError.self) { try keyless.rotateKey(ofSubject: "person-p2") }
        #expect(try await keyless.readAll().last?.decode(PersonRegistered.self).name == "[redacted]")
    }
}
