import EventSourcing
import Foundation
import LMDB
import PropertyBased
import Synchronization
import Testing

/// The record format round-trips every envelope: whatever is appended reads back field for field.
@Suite("Record format (property-based)")
struct RecordFormatPropertyTests {
    private static let text = Gen.character(in: "\u{1}"..."\u{24F}").string(of: 1...40)
    private static let typeName = Gen.character(in: " "..."~").string(of: 1...40)
    private static let bytes = Gen.uint8(in: 0...255).array(of: 0...400)
    private static let metadata = zip(Gen.letterOrNumber.string(of: 1...12), text).array(of: 0...4)
    private static let numbers = zip(Gen.uint32(in: 0...UInt32.max), Gen.int64(in: Int64.min / 2...Int64.max / 2))

    @Test func appendedEnvelopesReadBackExactly() async throws {
        let fixture = try StoreFixture { $0.indexMergeThreshold = 50 }
        let store = fixture.store
        let counter = Counter()
        await propertyCheck(count: 150, input: Self.typeName, Self.text.optional(), Self.bytes, Self.metadata, Self.numbers) {
            type, actor, payload, pairs, numbers in await recordingErrors {
            let name = "prop-\(counter.next())"
            let original = NewEvent(
                type: type, schemaVersion: numbers.0, payload: payload, occurredAt: Timestamp(rawValue: numbers.1),
                actor: actor, correlationID: actor == nil ? nil : .make(), causationID: .make(),
                metadata: Dictionary(pairs, uniquingKeysWith: { first, _ in first }))
            do {
                let streamName = try StreamName(name)
                let result = try await store.append([original], to: streamName, expecting: .noStream)
                let read = try await store.readStream(streamName)
                #expect(read.count == 1)
                guard let event = read.first else { return }
                #expect(event.id == original.id)
                #expect(event.type == original.type)
                #expect(event.schemaVersion == original.schemaVersion)
                #expect(event.payload == original.payload)
                #expect(event.occurredAt == original.occurredAt)
                #expect(event.actor == original.actor)
                #expect(event.correlationID == original.correlationID)
                #expect(event.causationID == original.causationID)
                #expect(event.metadata == original.metadata)
                #expect(event.stream == streamName)
                #expect(event.streamVersion == 1)
                #expect(event.position == result.positions[0])
            } catch {
                Issue.record("append or read failed: \(error)")
            }
        } }
        // Every appended event is found again after the tail index is rebuilt from the log.
        let before = try await store.readAll()
        try fixture.reopen()
        #expect(try await fixture.store.readAll() == before)
    }
}

/// A thread-safe counter for unique names.
final class Counter: Sendable {
    private let value = Mutex(0)
    func next() -> Int { value.withLock { $0 += 1; return $0 } }
}

@Suite("Record decoding of damaged bytes (property-based)")
struct DamagedRecordTests {
    @Test func truncatedOrFlippedRecordsNeverCrash() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.append(
            [NewEvent(type: "CustomerRegistered", payload: Array("Ada Lovelace".utf8), actor: "user-1",
                      correlationID: .make(), metadata: ["k": "v"])],
            to: stream("customer-1"))
        let raw = try #require(try rawRecord(fixture.store, at: 1))
        // Every truncation is rejected with a typed error.
        for length in 0..<raw.count {
            let prefix = Array(raw[0..<length])
            let outcome = prefix.withUnsafeBytes { bytes in
                Result { () throws(EventStoreError) in try RecordView(position: 1, bytes: bytes).recordedEvent() }
            }
            guard case .failure(.corruptRecord(let position, _)) = outcome else {
                Issue.record("length \(length) was accepted")
                continue
            }
            #expect(position == 1)
        }
        // Random byte flips give a typed error or a record, never a crash.
        await propertyCheck(count: 500, input: Gen.int(in: 0...(raw.count - 1)), Gen.uint8(in: 1...255)) { index, mask in await recordingErrors {
            var damaged = raw
            damaged[index] ^= mask
            let outcome = damaged.withUnsafeBytes { bytes in
                Result { () throws(EventStoreError) in try RecordView(position: 1, bytes: bytes).recordedEvent() }
            }
            if case .failure(let error) = outcome {
                guard case .corruptRecord = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
            }
        } }
    }
}
