import EventSourcing
import Foundation
import PropertyBased
import Testing

/// Each event is an operation on the records: its type says which, its payload (as text) is the key; a record holds
/// the positions of the events that made it.
private struct RecordOperations: Projection {
    var name = "record-operations"
    var version: UInt32 = 1

    struct Inconsistent: Error, CustomStringConvertible {
        var description: String
    }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<[UInt64]>) throws {
        let key = String(decoding: event.payload, as: UTF8.self)
        let position = event.position.rawValue
        // Every way of reading a record says the same of it.
        let read = try records.value(forKey: key)
        guard try records.withValue(forKey: key, { $0 }) == read else { throw Inconsistent(description: "withValue") }
        switch event.type {
        case "Set": records.set([position], forKey: key)
        case "Remove": records.removeValue(forKey: key)
        case "Append": try records.update(key, default: []) { $0.append(position) }
        case "AppendIfPresent":
            let found = try records.updateIfPresent(key) { $0.append(position) }
            guard found == (read != nil) else { throw Inconsistent(description: "updateIfPresent found \(found)") }
        default: break
        }
    }
}

/// The records a projection keeps in memory while it applies a batch (a hash table over the keys' bytes, carried
/// from batch to batch while small) against a model folded here: for any sequence of sets, removals, updates and
/// conditional updates over keys that are short and long, share long prefixes, or spell the same text with
/// different code points (which LMDB stores as two keys, and so must the records), the stored records are the
/// model's, after batches of any size and after a rebuild.
@Suite("Projection records (property-based)")
struct ProjectionRecordsPropertyTests {
    static let keys = [
        "a", "b", "é", "e\u{301}", "opp-000123-001", "o:opp-000123-001", "o:opp-000123-002", "t:tkt-000123-001",
        String(repeating: "x", count: 15), String(repeating: "x", count: 16), String(repeating: "long-key-", count: 40),
        "\u{0}", "日本",
    ]
    static let operations = ["Set", "Remove", "Append", "AppendIfPresent"]

    @Test func anyOperationsOverAnyKeysStoreWhatTheModelFolds() async throws {
        let step = zip(Gen.int(in: 0...(Self.operations.count - 1)), Gen.int(in: 0...(Self.keys.count - 1)))
        await propertyCheck(count: 30, input: step.array(of: 1...120), Gen.int(in: 1...9)) { steps, batch in await recordingErrors {
            let fixture = try StoreFixture {
                $0.projectionBatchSize = batch
                $0.projectionRebuildBatchSize = batch
            }
            let store = fixture.store
            let events = steps.map { NewEvent(type: Self.operations[$0.0], payload: Array(Self.keys[$0.1].utf8)) }
            let last = try await store.append(events, to: try StreamName("operations-1")).lastPosition
            // The model: records by key bytes.
            var model: [[UInt8]: [UInt64]] = [:]
            for (offset, (operation, keyIndex)) in steps.enumerated() {
                let key = Array(Self.keys[keyIndex].utf8)
                let position = UInt64(offset + 1)
                switch Self.operations[operation] {
                case "Set": model[key] = [position]
                case "Remove": model[key] = nil
                case "Append": model[key, default: []].append(position)
                default: if model[key] != nil { model[key]?.append(position) }
                }
            }
            try await store.addProjection(RecordOperations(), mode: .async)
            try await store.waitForProjection("record-operations", toReach: last)
            #expect(try store.projectionStatus("record-operations").failure == nil)
            #expect(try Self.stored(in: store) == model)
            try await store.rebuildProjection("record-operations")
            #expect(try Self.stored(in: store) == model)
        } }
    }

    /// The stored records, by key bytes.
    static func stored(in store: EventStore) throws -> [[UInt8]: [UInt64]] {
        try store.read { snapshot in
            var values: [[UInt8]: [UInt64]] = [:]
            try snapshot.forEachValue(of: RecordOperations()) { key, value in
                values[Array(key.utf8)] = value
                return true
            }
            return values
        }
    }
}
