import EventSourcing
import PropertyBased
import Testing

/// The keys of the generated objects: of several lengths, some sharing first or last letters; "accent" has the same
/// bit in the reader's summary as "amount" (same length, first and last letters), so a look before the cursor can be
/// due and find nothing.
private let lookupKeys = ["a", "id", "kind", "amount", "stage", "ownerId", "occurredAt", "summary", "zz", "accent"]

/// Asks for every key of ``lookupKeys`` through ``BinaryPayloadFields``: in declaration order, then again in
/// reverse (a key asked twice, a key before the reader's position), then the first ones once more.
private struct AskedInOrderAndAgain: Decodable, BinaryPayloadDecodable {
    var inOrder: [Int?] = []
    var reversed: [Int?] = []
    var onceMore: [Int?] = []

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        inOrder = [
            try fields.intIfPresent("a"), try fields.intIfPresent("id"), try fields.intIfPresent("kind"),
            try fields.intIfPresent("amount"), try fields.intIfPresent("stage"), try fields.intIfPresent("ownerId"),
            try fields.intIfPresent("occurredAt"), try fields.intIfPresent("summary"), try fields.intIfPresent("zz"),
            try fields.intIfPresent("accent"),
        ]
        reversed = [
            try fields.intIfPresent("accent"), try fields.intIfPresent("zz"), try fields.intIfPresent("summary"), try fields.intIfPresent("occurredAt"),
            try fields.intIfPresent("ownerId"), try fields.intIfPresent("stage"), try fields.intIfPresent("amount"),
            try fields.intIfPresent("kind"), try fields.intIfPresent("id"), try fields.intIfPresent("a"),
        ]
        onceMore = [try fields.intIfPresent("a"), try fields.intIfPresent("id"), try fields.intIfPresent("kind")]
    }
}

/// The same keys as optional properties, read by the `Codable` decoder (which asks whether a key is there before
/// decoding it).
private struct AskedThroughCodable: Decodable {
    var a: Int?
    var id: Int?
    var kind: Int?
    var amount: Int?
    var stage: Int?
    var ownerId: Int?
    var occurredAt: Int?
    var summary: Int?
    var zz: Int?
    var accent: Int?

    var values: [Int?] { [a, id, kind, amount, stage, ownerId, occurredAt, summary, zz, accent] }
}

/// A field is found wherever it stands in its object, and a field that is not there reads as absent, however the
/// reader's look-ups are ordered: the reader looks before its position only when a key there may match, so this
/// checks that it never misses one.
@Suite("Binary payload field look-up (property-based)")
struct BinaryFieldLookupPropertyTests {
    @Test func everyFieldIsFoundAndEveryAbsentOneReadsAsAbsentInAnyOrder() async throws {
        let entries = zip(Gen.int(in: 0...(lookupKeys.count - 1)), Gen.int(in: -1_000_000...1_000_000)).array(of: 0...16)
        await propertyCheck(count: 400, input: entries) { entries in await recordingErrors {
            // The generated entries in their order, each key once (the first wins): any subset in any order.
            var expected: [String: Int] = [:]
            var fields: [PayloadField] = []
            for (index, value) in entries where expected[lookupKeys[index]] == nil {
                expected[lookupKeys[index]] = value
                fields.append(PayloadField(key: lookupKeys[index], value: .int(Int64(value))))
            }
            // A nested object in front, so field values are not all the same size.
            fields.insert(PayloadField(key: "nested", value: .object(fields)), at: 0)
            let wanted = lookupKeys.map { expected[$0] }
            do {
                let payload = try BinaryPayloadCodec().encode(value: .object(fields))
                let asked = try payload.withUnsafeBytes { bytes in
                    try BinaryPayloadCodec().decode(AskedInOrderAndAgain.self, from: bytes)
                }
                #expect(asked.inOrder == wanted)
                #expect(asked.reversed == wanted.reversed())
                #expect(asked.onceMore == Array(wanted.prefix(3)))
                let viaCodable = try BinaryPayloadCodec().decodeWithCodable(AskedThroughCodable.self, from: payload)
                #expect(viaCodable.values == wanted)
            } catch {
                Issue.record("the payload did not round-trip: \(error)")
            }
        } }
    }
}
