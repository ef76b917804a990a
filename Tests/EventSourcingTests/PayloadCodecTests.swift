import EventSourcing
import Foundation
import PropertyBased
import Testing

private struct Line: Codable, Hashable {
    var sku: String
    var quantity: Int
    var price: Decimal
}

private enum Channel: String, Codable, Hashable { case email, phone }

private enum Contact: Codable, Hashable {
    case email(String)
    case phone(number: String, mobile: Bool)
}

private struct Order: Codable, Hashable {
    var id: UUID
    var placedAt: Date
    var customer: String
    var note: String?
    var discount: Int?
    var lines: [Line]
    var channel: Channel
    var contact: Contact
    var attachment: Data
    var tags: [String: Int]
    var extremes: [Int64]
    var unsigned: UInt64
    var small: Int8
    var ratio: Double
    var flag: Bool
}

private let sample = Order(
    id: UUID(uuidString: "0191E5A2-7B3C-7DEF-8123-456789ABCDEF") ?? UUID(), placedAt: Date(timeIntervalSince1970: 1_735_689_600.25),
    customer: "Ada Lovelace", note: nil, discount: 5,
    lines: [Line(sku: "CRM-PRO", quantity: 3, price: Decimal(string: "1234.56") ?? 0), Line(sku: "SUP", quantity: 1, price: 0)],
    channel: .email, contact: .phone(number: "+49 30 1234567", mobile: true), attachment: Data([0, 1, 2, 255]),
    tags: ["vip": 1], extremes: [.min, -1, 0, 1, .max], unsigned: .max, small: -128, ratio: 0.1, flag: true)

@Suite("Payload codecs")
struct PayloadCodecTests {
    @Test(arguments: [PayloadCodecID.binary, .json])
    func realisticValuesRoundTrip(codecID: PayloadCodecID) throws {
        let codec = try #require(PayloadCodecRegistry.standard.codec(for: codecID))
        let bytes = try codec.encode(sample)
        let back = try codec.decode(Order.self, from: bytes)
        if codecID == .binary {
            #expect(back == sample)
        } else {
            // JSON's ISO 8601 dates keep whole seconds only.
            var expected = sample
            expected.placedAt = Date(timeIntervalSince1970: 1_735_689_600)
            #expect(back == expected)
        }
    }

    @Test func binaryBytesAreAsDocumented() throws {
        struct A: Codable { var a: Int }
        struct S: Codable { var s: String; var t: Bool; var n: Int }
        let codec = BinaryPayloadCodec()
        #expect(try codec.encode(A(a: 1)) == [0x01, 0x0B, 0x01, 0x01, 0x61, 0x03, 0x02])
        #expect(try codec.encode(A(a: -1)) == [0x01, 0x0B, 0x01, 0x01, 0x61, 0x03, 0x01])
        #expect(try codec.encode(A(a: 300)) == [0x01, 0x0B, 0x01, 0x01, 0x61, 0x03, 0xD8, 0x04])
        #expect(
            try codec.encode(S(s: "hi", t: true, n: 0))
                == [0x01, 0x0B, 0x03, 0x01, 0x73, 0x06, 0x02, 0x68, 0x69, 0x01, 0x74, 0x02, 0x01, 0x6E, 0x03, 0x00])
        #expect(try codec.encode(value: .array([.null, .double(1.0)])) == [0x01, 0x0A, 0x02, 0x00, 0x05, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    }

    @Test func fieldOrderDoesNotMatterAndUnknownFieldsAreIgnored() throws {
        struct Person: Codable, Equatable { var name: String; var age: Int; var email: String? }
        let codec = BinaryPayloadCodec()
        let reordered = try codec.encode(
            value: .object([
                PayloadField(key: "extra", value: .array([.int(1), .object([PayloadField(key: "x", value: .null)])])),
                PayloadField(key: "age", value: .int(36)), PayloadField(key: "name", value: .string("Ada")),
            ]))
        #expect(try codec.decode(Person.self, from: reordered) == Person(name: "Ada", age: 36, email: nil))
    }

    @Test func missingKeysAndWrongTypesAreNamed() throws {
        struct Person: Codable { var name: String; var age: Int }
        let codec = BinaryPayloadCodec()
        let missing = try codec.encode(value: .object([PayloadField(key: "name", value: .string("Ada"))]))
        do {
            _ = try codec.decode(Person.self, from: missing)
            Issue.record("expected keyNotFound")
        } catch {
            #expect(error.code == .keyNotFound)
            #expect(error.codingPath == "age")
        }
        let wrong = try codec.encode(value: .object([
            PayloadField(key: "name", value: .int(7)), PayloadField(key: "age", value: .int(36)),
        ]))
        do {
            _ = try codec.decode(Person.self, from: wrong)
            Issue.record("expected typeMismatch")
        } catch {
            #expect(error.code == .typeMismatch)
            #expect(error.description.contains("expected a string but found an integer"))
            #expect(error.codingPath == "name")
        }
        struct Small: Codable { var n: Int8 }
        let big = try codec.encode(value: .object([PayloadField(key: "n", value: .int(1_000))]))
        #expect(throws: PayloadCodingError.self) { try codec.decode(Small.self, from: big) }
    }

    @Test func deeplyNestedTypedValuesAreATypedError() throws {
        final class Chain: Codable { let next: Chain? }
        let codec = BinaryPayloadCodec()
        var value = PayloadValue.object([])
        for _ in 0..<100 { value = .object([PayloadField(key: "next", value: value)]) }
        let bytes = try codec.encode(value: value)
        #expect(throws: PayloadCodingError.self) { try codec.decode(Chain.self, from: bytes) }
        var shallow = PayloadValue.object([])
        for _ in 0..<10 { shallow = .object([PayloadField(key: "next", value: shallow)]) }
        var depth = 0
        var chain: Chain? = try codec.decode(Chain.self, from: try codec.encode(value: shallow))
        while let link = chain { depth += 1; chain = link.next }
        #expect(depth == 11)
    }

    @Test func everyTruncationIsATypedError() throws {
        let codec = BinaryPayloadCodec()
        let bytes = try codec.encode(sample)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            #expect(throws: PayloadCodingError.self) { try codec.decodeValue(from: prefix) }
            #expect(throws: PayloadCodingError.self) { try codec.decode(Order.self, from: prefix) }
        }
        #expect(throws: PayloadCodingError.self) { try codec.decodeValue(from: [0x02, 0x00]) }
        #expect(throws: PayloadCodingError.self) { try codec.decodeValue(from: [0x01, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) }
        #expect(throws: PayloadCodingError.self) { try codec.decodeValue(from: [0x01, 0x06, 0x02, 0xC3, 0x28]) }
        let deep = [UInt8](repeating: 0x0A, count: 1) + Array(repeating: [0x01, 0x0A], count: 100).flatMap { $0 }
        #expect(throws: PayloadCodingError.self) { try codec.decodeValue(from: [0x01] + deep) }
    }

    @Test func typedEventsGoThroughTheStore() async throws {
        struct TicketOpened: Event, Equatable {
            static let eventType = "TicketOpened"
            static let schemaVersion: UInt32 = 2
            var subject: String
            var priority: Int
        }
        let fixture = try StoreFixture()
        let event = try NewEvent(TicketOpened(subject: "Cannot log in", priority: 2), actor: "agent-1")
        #expect(event.type == "TicketOpened" && event.schemaVersion == 2)
        try await fixture.store.append([event], to: stream("ticket-1"))
        let read = try await fixture.store.readStream(stream("ticket-1"))
        #expect(try read[0].decode(TicketOpened.self) == TicketOpened(subject: "Cannot log in", priority: 2))
        #expect(
            try read[0].payloadValue()
                == .object([PayloadField(key: "subject", value: .string("Cannot log in")), PayloadField(key: "priority", value: .int(2))]))
        struct Other: Event { static let eventType = "Other" }
        #expect(throws: EventStoreError.eventTypeMismatch(expected: "Other", found: "TicketOpened")) {
            try read[0].decode(Other.self)
        }
        // The same, zero-copy, from a record view inside a snapshot.
        let fromView = try fixture.store.read { snapshot in
            var decoded: [TicketOpened] = []
            try snapshot.forEach { view in
                decoded.append(try view.decode(TicketOpened.self))
                #expect(throws: EventStoreError.eventTypeMismatch(expected: "Other", found: "TicketOpened")) {
                    try view.decode(Other.self)
                }
                return true
            }
            return decoded
        }
        #expect(fromView == [TicketOpened(subject: "Cannot log in", priority: 2)])
    }
}

/// Random payload values, nested up to three levels.
private enum Values {
    static let scalar = Gen.oneOf(
        Gen.int64(in: Int64.min...Int64.max).map { PayloadValue.int($0) },
        Gen.uint64(in: UInt64(Int64.max) + 1...UInt64.max).map { PayloadValue.uint($0) },
        Gen.double(in: -1e12...1e12).map { PayloadValue.double($0) },
        Gen.character(in: "\u{0}"..."\u{2FF}").string(of: 0...12).map { PayloadValue.string($0) },
        Gen.uint8(in: 0...255).array(of: 0...8).map { PayloadValue.bytes($0) },
        Gen.int64(in: -4_000_000_000_000_000...4_000_000_000_000_000).map { PayloadValue.timestamp($0) },
        Gen.bool.map { PayloadValue.bool($0) },
        Gen.bool.map { _ in PayloadValue.null }
    )
    static let level1 = Gen.oneOf(
        scalar, scalar.array(of: 0...4).map { PayloadValue.array($0) },
        zip(Gen.letterOrNumber.string(of: 1...6), scalar).array(of: 0...4).map { pairs in
            PayloadValue.object(pairs.map { PayloadField(key: $0.0, value: $0.1) })
        })
    static let tree = zip(Gen.letterOrNumber.string(of: 1...6), level1).array(of: 0...5).map { pairs in
        PayloadValue.object(pairs.map { PayloadField(key: $0.0, value: $0.1) })
    }
}

@Suite("Payload values (property-based)")
struct PayloadValuePropertyTests {
    @Test func binaryAndJSONRoundTripsAreExact() async {
        await propertyCheck(count: 300, input: Values.tree) { value in await recordingErrors {
            let binary = BinaryPayloadCodec()
            #expect((try? binary.decodeValue(from: try binary.encode(value: value))) == value)
            let json = value.jsonText()
            #expect((try? PayloadValue(jsonText: json)) == value)
        } }
    }

    @Test func damagedBytesNeverCrash() async throws {
        let bytes = try BinaryPayloadCodec().encode(sample)
        await propertyCheck(count: 500, input: Gen.int(in: 0...(bytes.count - 1)), Gen.uint8(in: 1...255)) { index, mask in await recordingErrors {
            var damaged = bytes
            damaged[index] ^= mask
            _ = try? BinaryPayloadCodec().decodeValue(from: damaged)
            _ = try? BinaryPayloadCodec().decode(Order.self, from: damaged)
        } }
    }
}

@Suite("Payload JSON")
struct PayloadJSONTests {
    @Test func specialValuesUseDollarObjects() throws {
        let value = PayloadValue.object([
            PayloadField(key: "b", value: .bytes([1, 2, 3])), PayloadField(key: "t", value: .timestamp(1_735_689_600_000_000)),
            PayloadField(key: "d", value: .double(.infinity)), PayloadField(key: "n", value: .double(2)),
            PayloadField(key: "s", value: .string("quote \" and \\ and \n and \u{1}")),
        ])
        let text = value.jsonText()
        #expect(
            text == #"{"b":{"$bytes":"AQID"},"t":{"$timestamp":"2025-01-01T00:00:00.000000Z"},"d":{"$double":"inf"},"n":2.0,"s":"quote \" and \\ and \n and \u0001"}"#
        )
        #expect(try PayloadValue(jsonText: text) == value)
        #expect(try PayloadValue(jsonText: #" { "a" : [1, -2, 3.5e2, 18446744073709551615, "\ud83d\ude00"] } "#)
            == .object([PayloadField(key: "a", value: .array([.int(1), .int(-2), .double(350), .uint(.max), .string("😀")]))]))
    }

    @Test(arguments: [
        ("{\"a\":1,}", 1, 8), ("[1,\n 2,\n ]", 3, 2), ("{\"a\" 1}", 1, 6), ("\"abc", 1, 5), ("01", 1, 1), ("[1] x", 1, 5),
    ])
    func malformedJSONNamesLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try PayloadValue(jsonText: text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.message.contains("JSON line \(line), column \(column)"), "\(error.message)")
        }
    }
}
