import Crypto
import EventSourcing
import Foundation
import LMDB
import Testing

@Suite("Verification")
struct VerificationTests {
    /// A store of `count` events over five streams, indexed (merged) up to `merged` when given.
    func store(count: Int = 120, mergeThreshold: Int = 50) async throws -> StoreFixture {
        let fixture = try StoreFixture { $0.indexMergeThreshold = mergeThreshold }
        for number in 1...count {
            try await fixture.store.append([event("Counted", "event \(number)")], to: stream("stream-\(number % 5)"))
        }
        return fixture
    }

    @Test func aCleanStoreVerifiesAndMatchesItsCheckpoint() async throws {
        let fixture = try await store()
        let checkpoint = try fixture.store.checkpoint()
        #expect(checkpoint.position == 120)
        let report = try fixture.store.verify(from: checkpoint)
        #expect(report.isIntact)
        #expect(report.eventsChecked == 120)
        #expect(report.checkpointMatched == true)
        #expect(report.chainHead == checkpoint.chainHash)
        // The log grows: an old checkpoint still verifies.
        try await fixture.store.append([event("Later")], to: stream("stream-9"))
        let later = try fixture.store.verify(from: checkpoint)
        #expect(later.isIntact && later.checkpointMatched == true && later.eventsChecked == 121)
        // After a reopen (the tail index rebuilt, indexes merged) too.
        try fixture.reopen()
        #expect(try fixture.store.verify(from: checkpoint).isIntact)
    }

    @Test func aStoreOpenedReadOnlyVerifies() async throws {
        let fixture = try await store(count: 60)
        let checkpoint = try fixture.store.checkpoint()
        fixture.store.close()
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        let readOnly = try EventStore(path: fixture.directory, configuration: configuration)
        defer { readOnly.close() }
        let report = try readOnly.verify(from: checkpoint)
        #expect(report.isIntact && report.eventsChecked == 60 && report.checkpointMatched == true)
    }

    @Test(arguments: [10, 60, 97, 120])
    func aFlippedByteIsFoundAtItsPosition(position: UInt64) async throws {
        let fixture = try await store()
        try tamper(fixture.store, position: position) { record in record[record.count - 3] ^= 0x20 }
        let report = try fixture.store.verify()
        #expect(report.problem?.position == LogPosition(position))
        #expect(report.problem?.kind == .chainMismatch)
    }

    @Test func aDamagedHeaderIsACorruptRecordAtItsPosition() async throws {
        let fixture = try await store()
        try tamper(fixture.store, position: 33) { record in record[0] = 0 }
        #expect(try fixture.store.verify().problem == VerificationProblem(
            position: 33, kind: .corruptRecord, reason: "the record does not parse: the record at position 33 is corrupt (bad magic byte 0); run a verification and restore from a backup"))
        let fresh = try await store()
        try tamper(fresh.store, position: 34) { record in record.removeLast(5) }
        #expect(try fresh.store.verify().problem?.kind == .corruptRecord)
        #expect(try fresh.store.verify().problem?.position == 34)
    }

    @Test func aDeletedRecordIsAMissingPosition() async throws {
        let fixture = try await store()
        try delete(fixture.store, position: 77)
        let report = try fixture.store.verify()
        #expect(report.problem?.position == 77)
        #expect(report.problem?.kind == .missingRecord)
    }

    @Test func swappedRecordsAreFoundAtTheFirstOfThem() async throws {
        let fixture = try await store()
        let a = try #require(try rawRecord(fixture.store, at: 40))
        let b = try #require(try rawRecord(fixture.store, at: 41))
        try tamper(fixture.store, position: 40) { $0 = b }
        try tamper(fixture.store, position: 41) { $0 = a }
        let report = try fixture.store.verify()
        #expect(report.problem?.position == 40)
        #expect(report.problem?.kind == .chainMismatch)
    }

    @Test func aTruncatedLogIsCaughtByTheCheckpoint() async throws {
        let fixture = try await store()
        let checkpoint = try fixture.store.checkpoint()
        for position in UInt64(111)...120 { try delete(fixture.store, position: position) }
        try fixture.reopen()
        // On its own the shorter log is consistent; against the checkpoint it is not.
        #expect(try fixture.store.verify().isIntact)
        let report = try fixture.store.verify(from: checkpoint)
        #expect(report.problem?.kind == .logShorterThanCheckpoint)
        #expect(report.problem?.position == 111)
        #expect(report.checkpointMatched == false)
    }

    @Test func aRewrittenHistoryWithARecomputedChainIsCaughtByTheCheckpoint() async throws {
        let original = try await store(count: 30)
        let checkpoint = try original.store.checkpoint()
        // Build the same history with one event changed: a consistent chain, but another one.
        let forged = try StoreFixture()
        for number in 1...30 {
            let text = number == 12 ? "event 12, altered" : "event \(number)"
            try await forged.store.append([event("Counted", text)], to: stream("stream-\(number % 5)"))
        }
        #expect(try forged.store.verify().isIntact)
        var claimed = checkpoint
        claimed.store = try forged.store.checkpoint().store
        let report = try forged.store.verify(from: claimed)
        #expect(report.problem?.kind == .checkpointMismatch)
        #expect(report.problem?.position == 30)
        #expect(try forged.store.verify(from: checkpoint).problem?.kind == .otherStore)
    }

    @Test func indexesThatDisagreeWithTheLogAreReported() async throws {
        let fixture = try await store(count: 120, mergeThreshold: 50)
        try fixture.reopen()  // merges the tail: everything indexed
        let first = try #require(try fixture.store.read { try $0.event(at: 5) })
        try pointID(first.id, to: 6, in: fixture.store)
        let report = try fixture.store.verify()
        #expect(report.problem?.kind == .idIndex)
        #expect(report.problem?.position == 5)
    }

    @Test func checkpointsTravelAsSignedJSON() async throws {
        let fixture = try await store(count: 10)
        let key = SymmetricKey(size: .bits256)
        let checkpoint = try fixture.store.checkpoint().signed(with: key)
        let text = checkpoint.jsonText
        let read = try LogCheckpoint(jsonText: text)
        #expect(read == checkpoint)
        #expect(read.hasValidSignature(under: key))
        #expect(!read.hasValidSignature(under: SymmetricKey(size: .bits256)))
        var altered = read
        altered.position = 9
        #expect(!altered.hasValidSignature(under: key))
        #expect(throws: EventStoreError.self) { try LogCheckpoint(jsonText: "{\"format\":\"other\"}") }
        #expect(try fixture.store.verify(from: read).checkpointMatched == true)
    }
}

/// Replaces the stored record at `position` with what `change` makes of it, through the LMDB layer.
func tamper(_ store: EventStore, position: UInt64, _ change: (inout [UInt8]) -> Void) throws {
    let events = try store.environment.openDatabase("events")
    let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
    guard var record = try rawRecord(store, at: position) else { throw VerificationTestError.noRecord }
    change(&record)
    try writeSync(store.environment) { txn in try txn.put(events, key: key, value: record) }
}

/// Deletes the stored record at `position`.
func delete(_ store: EventStore, position: UInt64) throws {
    let events = try store.environment.openDatabase("events")
    let key = withUnsafeBytes(of: position.bigEndian) { Array($0) }
    try writeSync(store.environment) { txn in _ = try txn.delete(events, key: key) }
}

/// Makes the id index point `id` at `position`.
func pointID(_ id: EventID, to position: UInt64, in store: EventStore) throws {
    let ids = try store.environment.openDatabase("event-ids")
    try writeSync(store.environment) { txn in
        try txn.put(ids, key: withUnsafeBytes(of: id.uuid.uuid) { Array($0) }, value: withUnsafeBytes(of: position.bigEndian) { Array($0) })
    }
}

func writeSync(_ environment: Environment, _ body: (borrowing WriteTransaction) throws -> Void) throws {
    try environment.write(body)
}

enum VerificationTestError: Error { case noRecord }
