import EventSourcing
import Foundation
import PropertyBased
import Testing

/// Which initialiser produced a value: not encoded, so two decodes of the same bytes differ only here.
private enum DecodedBy: String, Hashable, Sendable { case codable, fields }

private struct SampleAddress: Codable, Hashable, Sendable, BinaryPayloadDecodable {
    var street: String
    var city: String
    var postcode: String?

    init(street: String, city: String, postcode: String?) {
        self.street = street
        self.city = city
        self.postcode = postcode
    }

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        street = try fields.string("street")
        city = try fields.string("city")
        postcode = try fields.stringIfPresent("postcode")
    }
}

private enum SampleTier: String, Codable, Hashable, Sendable { case bronze, silver, gold }

/// A value stored as its text (`day-<n>`), as dates are.
private struct SampleDay: Codable, Hashable, Sendable, LosslessStringConvertible {
    var number: Int
    init(number: Int) { self.number = number }
    init?(_ description: String) {
        guard description.hasPrefix("day-"), let number = Int(description.dropFirst(4)) else { return nil }
        self.number = number
    }
    var description: String { "day-\(number)" }
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = SampleDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not a day")
        }
        self = day
    }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

private struct SampleProfile: Event, Hashable, BinaryPayloadDecodable {
    static let eventType = "ProfileRecorded"
    var name: String
    var age: Int
    var balance: Int64
    var vip: Bool
    var score: Double
    var tier: SampleTier
    var nickname: String?
    var visits: Int?
    var address: SampleAddress
    var previous: [SampleAddress]
    var joined: Timestamp
    var tags: [String]
    var manager: SampleAddress?
    var badges: [SampleTier] = []
    var since = SampleDay(number: 1)
    var days: [SampleDay] = []
    var lastSeen: Timestamp?
    var decodedBy = DecodedBy.codable

    enum CodingKeys: String, CodingKey {
        case name, age, balance, vip, score, tier, nickname, visits, address, previous, joined, tags, manager, badges,
            since, days, lastSeen
    }

    init(
        name: String, age: Int, balance: Int64, vip: Bool, score: Double, tier: SampleTier, nickname: String?, visits: Int?,
        address: SampleAddress, previous: [SampleAddress], joined: Timestamp, tags: [String], manager: SampleAddress?
    ) {
        (self.name, self.age, self.balance, self.vip, self.score, self.tier) = (name, age, balance, vip, score, tier)
        (self.nickname, self.visits, self.address, self.previous) = (nickname, visits, address, previous)
        (self.joined, self.tags, self.manager) = (joined, tags, manager)
    }

    /// Reads the fields in another order than they are stored, to exercise the reader's scan.
    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        tier = try fields.value(SampleTier.self, "tier")
        name = try fields.string("name")
        age = try fields.int("age")
        balance = try fields.int64("balance")
        vip = try fields.bool("vip")
        score = try fields.double("score")
        nickname = try fields.stringIfPresent("nickname")
        visits = try fields.intIfPresent("visits")
        address = try fields.decode(SampleAddress.self, "address")
        previous = try fields.array(of: SampleAddress.self, "previous")
        joined = try fields.timestamp("joined")
        tags = try fields.strings("tags")
        manager = try fields.decodeIfPresent(SampleAddress.self, "manager")
        badges = try fields.values(SampleTier.self, "badges")
        since = try fields.text(SampleDay.self, "since")
        days = try fields.texts(SampleDay.self, "days")
        lastSeen = try fields.timestampIfPresent("lastSeen")
        decodedBy = .fields
    }

    /// The value with `decodedBy` set to `.codable`, to compare the encoded fields only.
    var encodedFields: SampleProfile {
        var copy = self
        copy.decodedBy = .codable
        return copy
    }
}

private let sampleAddress = SampleAddress(street: "Unter den Linden 1", city: "Berlin", postcode: nil)
private let sample = SampleProfile(
    name: "Ada Lovelace", age: 36, balance: -12_345_678_901, vip: true, score: 0.5, tier: .gold, nickname: nil, visits: 3,
    address: sampleAddress, previous: [SampleAddress(street: "St James's Square", city: "London", postcode: "SW1Y")],
    joined: Timestamp(rawValue: 1_735_689_600_250_000), tags: ["a", "b"], manager: nil)

/// Per stream, the profile's name and how it was decoded: `event.decode(SampleProfile.self)` in a projection picks
/// the overload for `BinaryPayloadDecodable` events.
private struct ProfileNames: Projection {
    var name = "profile-names"
    var version: UInt32 = 1
    var eventTypes: Set<String> { [SampleProfile.eventType] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        let profile = try event.decode(SampleProfile.self)
        records.set("\(profile.name) \(profile.decodedBy.rawValue)", forKey: event.stream.rawValue)
    }
}

/// Decodes every event as a profile, whatever its type.
private struct EverythingAsProfile: Projection {
    var name = "everything-as-profile"
    var version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        records.set(try event.decode(SampleProfile.self).name, forKey: event.stream.rawValue)
    }
}

@Suite("BinaryPayloadDecodable")
struct BinaryPayloadDecodableTests {
    @Test func projectionsDecodeThroughTheInitialiserAlsoWhenTheyShareTheDecode() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var last = LogPosition.start
        for number in 1...3 {
            var profile = sample
            profile.name = "profile \(number)"
            last = try await store.append([try NewEvent(profile)], to: try StreamName("profile-\(number)")).lastPosition
        }
        // Two projections in one group share each decoded payload.
        try await store.addProjection(ProfileNames(), mode: .async)
        try await store.addProjection(ProfileNames(name: "profile-names-again"), mode: .async)
        for name in ["profile-names", "profile-names-again"] { try await store.waitForProjection(name, toReach: last) }
        let expected = ["profile-1": "profile 1 fields", "profile-2": "profile 2 fields", "profile-3": "profile 3 fields"]
        #expect(try allValues(of: ProfileNames(), in: store) == expected)
        #expect(try allValues(of: ProfileNames(name: "profile-names-again"), in: store) == expected)

        // A record of another type is still a typed mismatch, not a decode of the wrong bytes.
        let other = try await store.append([NewEvent(type: "Other", payload: [1, 2, 3])], to: try StreamName("other-1")).lastPosition
        try await store.addProjection(EverythingAsProfile(), mode: .async)
        await #expect {
            try await store.waitForProjection("everything-as-profile", toReach: other)
        } throws: { error in
            guard case .projectionFailed(_, let position, let reason)? = error as? EventStoreError else { return false }
            return position == other && reason.contains("Other")
        }
    }

    private let codec = BinaryPayloadCodec()

    private static let text = Gen.character(in: "\u{1}"..."\u{24F}").string(of: 0...30)
    private static let address = zip(text, text, text.optional()).map { SampleAddress(street: $0, city: $1, postcode: $2) }
    private static let profile = zip(
        zip(text, Gen.int(in: -1_000_000...1_000_000), Gen.int64(in: Int64.min...Int64.max), Gen.bool),
        zip(Gen.double(in: -1e12...1e12), Gen.element(of: [SampleTier.bronze, .silver, .gold]), text.optional(), Gen.int(in: 0...99).optional()),
        zip(address, address.array(of: 0...3), Gen.int64(in: -4_000_000_000_000_000...4_000_000_000_000_000), text.array(of: 0...3)),
        zip(
            address.optional(), Gen.element(of: [SampleTier.bronze, .silver, .gold]).compactMap { $0 }.array(of: 0...3),
            Gen.int(in: -50...50).map { SampleDay(number: $0) }.array(of: 0...3),
            Gen.int64(in: -4_000_000_000_000_000...4_000_000_000_000_000).map { Timestamp(rawValue: $0) }.optional())
    ).map { first, second, third, fourth in
        var profile = SampleProfile(
            name: first.0, age: first.1, balance: first.2, vip: first.3, score: second.0, tier: second.1 ?? .bronze,
            nickname: second.2, visits: second.3, address: third.0, previous: third.1,
            joined: Timestamp(rawValue: third.2), tags: third.3, manager: fourth.0)
        (profile.badges, profile.days, profile.lastSeen) = (fourth.1, fourth.2, fourth.3)
        profile.since = fourth.2.first ?? SampleDay(number: 0)
        return profile
    }

    @Test func itsInitialiserIsUsedAndAgreesWithCodable() throws {
        let bytes = try codec.encode(sample)
        let fast = try codec.decode(SampleProfile.self, from: bytes)
        let slow = try codec.decodeWithCodable(SampleProfile.self, from: bytes)
        #expect(fast.decodedBy == .fields)
        #expect(slow.decodedBy == .codable)
        #expect(fast.encodedFields == slow)
        #expect(slow == sample)
    }

    @Test func theGenericEntryPointFindsTheInitialiser() throws {
        func decodeGenerically<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
            try (codec as any PayloadCodec).decode(T.self, from: bytes)
        }
        let decoded = try decodeGenerically(SampleProfile.self, try codec.encode(sample))
        #expect(decoded.decodedBy == .fields)
        #expect(decoded.encodedFields == sample)
    }

    @Test func storeReadsUseIt() async throws {
        let fixture = try StoreFixture()
        let stream = try StreamName("profile-1")
        try await fixture.store.append([try NewEvent(sample)], to: stream, expecting: .noStream)
        let read = try await fixture.store.readStream(stream)
        let event = try #require(read.first)
        let decoded = try event.decode(SampleProfile.self)
        #expect(decoded.decodedBy == .fields)
        #expect(decoded.encodedFields == sample)
    }

    @Test func generatedValuesDecodeAlikeBothWays() async {
        let codec = self.codec
        await propertyCheck(count: 300, input: Self.profile) { profile in await recordingErrors {
            do {
                let bytes = try codec.encode(profile)
                let fast = try codec.decode(SampleProfile.self, from: bytes)
                #expect(fast.decodedBy == .fields)
                #expect(fast.encodedFields == profile)
                #expect(try codec.decodeWithCodable(SampleProfile.self, from: bytes) == profile)
            } catch {
                Issue.record("round trip failed: \(error)")
            }
        } }
    }

    /// Text decodes exactly when its bytes are well-formed UTF-8, by every reader; Swift's own validating
    /// initialiser is the independent judge.
    @Test func textIsAcceptedExactlyWhenItIsValidUTF8() async {
        let codec = self.codec
        let anyBytes = Gen.uint8(in: 0...255).array(of: 0...24)
        let mostlyText = zip(
            Gen.character(in: "\u{0}"..."\u{D7FF}").string(of: 0...4), Gen.character(in: "\u{E000}"..."\u{10FFFF}").string(of: 0...4)
        ).map { Array(($0 + $1).utf8) }
        let damagedText = zip(mostlyText, Gen.int(in: 0...64), Gen.uint8(in: 0x80...0xFF)).map { bytes, index, byte in
            var copy = bytes
            if !copy.isEmpty { copy[index % copy.count] = byte }
            return copy
        }
        await propertyCheck(count: 400, input: anyBytes) { raw in await recordingErrors { Self.checkText(raw, codec: codec) } }
        await propertyCheck(count: 400, input: mostlyText) { raw in await recordingErrors { Self.checkText(raw, codec: codec) } }
        await propertyCheck(count: 400, input: damagedText) { raw in await recordingErrors { Self.checkText(raw, codec: codec) } }
    }

    private struct Text: Codable, Equatable, BinaryPayloadDecodable {
        var street: String
        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            street = try fields.string("street")
        }
    }

    /// Decodes `{"street": <raw>}`, written by hand, with every reader.
    private static func checkText(_ raw: [UInt8], codec: BinaryPayloadCodec) {
        let header: [UInt8] = [0x01, 0x0B, 0x01, 0x06]
        let key: [UInt8] = Array("street".utf8)
        let tagAndLength: [UInt8] = [0x06, UInt8(raw.count)]
        let bytes: [UInt8] = header + key + tagAndLength + raw
        let expected: String? = String(validating: raw, as: UTF8.self)
        let fast: String? = (try? codec.decode(Text.self, from: bytes))?.street
        let slow: String? = (try? codec.decodeWithCodable(Text.self, from: bytes))?.street
        let generic: String? = (try? codec.decodeValue(from: bytes))?["street"]?.stringValue
        #expect(fast == expected)
        #expect(slow == expected)
        #expect(generic == expected)
    }

    @Test func unknownFieldsAreSkippedAndNullIsAbsent() throws {
        let bytes = try codec.encode(
            value: .object([
                PayloadField(key: "extra", value: .array([.int(1), .object([PayloadField(key: "x", value: .null)])])),
                PayloadField(key: "city", value: .string("Paris")),
                PayloadField(key: "postcode", value: .null),
                PayloadField(key: "street", value: .string("Rue de Rivoli")),
                PayloadField(key: "more", value: .string("ignored")),
            ]))
        let address = try codec.decode(SampleAddress.self, from: bytes)
        #expect(address == SampleAddress(street: "Rue de Rivoli", city: "Paris", postcode: nil))
    }

    @Test func shortAndLongKeysAreFound() throws {
        struct Keys: Codable, Hashable, BinaryPayloadDecodable {
            var x: Int
            var é: String
            var aVeryLongKeyNameThatTakesMoreThanOneHundredAndTwentySevenBytesToWriteDownInUTF8SoThatItsLengthNeedsTwoBytesOfLEB128ToBeStored: Bool

            init(x: Int, é: String, long: Bool) {
                (self.x, self.é) = (x, é)
                aVeryLongKeyNameThatTakesMoreThanOneHundredAndTwentySevenBytesToWriteDownInUTF8SoThatItsLengthNeedsTwoBytesOfLEB128ToBeStored = long
            }

            init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
                aVeryLongKeyNameThatTakesMoreThanOneHundredAndTwentySevenBytesToWriteDownInUTF8SoThatItsLengthNeedsTwoBytesOfLEB128ToBeStored =
                    try fields.bool(
                        "aVeryLongKeyNameThatTakesMoreThanOneHundredAndTwentySevenBytesToWriteDownInUTF8SoThatItsLengthNeedsTwoBytesOfLEB128ToBeStored")
                x = try fields.int("x")
                é = try fields.string("é")
            }
        }
        let value = Keys(x: 7, é: "accent", long: true)
        let bytes = try codec.encode(value)
        #expect(try codec.decode(Keys.self, from: bytes) == value)
        #expect(try codec.decodeWithCodable(Keys.self, from: bytes) == value)
    }

    @Test func errorsNameTheFieldAndItsPath() throws {
        func error(_ value: PayloadValue) throws -> PayloadCodingError? {
            let bytes = try codec.encode(value: value)
            do {
                _ = try codec.decode(SampleProfile.self, from: bytes)
                return nil
            } catch {
                return error
            }
        }
        var fields = try #require(try codec.decodeValue(from: try codec.encode(sample)).objectFields)

        func replacing(_ key: String, with value: PayloadValue?) -> PayloadValue {
            var copy = fields
            if let index = copy.firstIndex(where: { $0.key == key }) {
                if let value { copy[index].value = value } else { copy.remove(at: index) }
            }
            return .object(copy)
        }
        let missing = try #require(try error(replacing("age", with: nil)))
        #expect(missing.code == .keyNotFound)
        #expect(missing.codingPath == "age")

        let wrongType = try #require(try error(replacing("vip", with: .string("yes"))))
        #expect(wrongType.code == .typeMismatch)
        #expect(wrongType.codingPath == "vip")

        let badTier = try #require(try error(replacing("tier", with: .string("platinum"))))
        #expect(badTier.code == .typeMismatch)
        #expect(badTier.codingPath == "tier")
        #expect(badTier.message == "\"platinum\" is not a valid SampleTier")

        let nested = try #require(
            try error(replacing("address", with: .object([PayloadField(key: "street", value: .string("x"))]))))
        #expect(nested.code == .keyNotFound)
        #expect(nested.codingPath == "address.city")

        let inArray = try #require(
            try error(replacing("previous", with: .array([.object([PayloadField(key: "street", value: .int(1))])]))))
        #expect(inArray.code == .typeMismatch)
        #expect(inArray.codingPath == "previous[0].street")

        let tooLarge = try #require(try error(replacing("age", with: .uint(UInt64.max))))
        #expect(tooLarge.code == .typeMismatch)
        fields.removeAll()
        let notAnObject = try #require(try error(.array([])))
        #expect(notAnObject.code == .typeMismatch)
    }

    /// Every prefix and every single-byte change of a valid payload gives a value or a typed error, never a crash
    /// (both readers agree on which).
    @Test func damagedBytesGiveErrorsNotCrashes() throws {
        let bytes = try codec.encode(sample)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[0..<length])
            #expect(throws: PayloadCodingError.self) { try codec.decode(SampleProfile.self, from: prefix) }
        }
        var changed = 0
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x06, 0x0B, 0x7F, 0x80, 0xFF] where replacement != bytes[index] {
                var damaged = bytes
                damaged[index] = replacement
                let fast = Result { () throws(PayloadCodingError) in try codec.decode(SampleProfile.self, from: damaged).encodedFields }
                let slow = Result { () throws(PayloadCodingError) in try codec.decodeWithCodable(SampleProfile.self, from: damaged) }
                switch (fast, slow) {
                case (.success(let a), .success(let b)): #expect(a == b)
                case (.failure, .failure): break
                default: changed += 1
                }
            }
        }
        // The readers may disagree only where one reads a field the other skips (the fast reader skips values it
        // is not asked for; Codable's synthesised init asks for every key too, so there are none here).
        #expect(changed == 0)
    }
}

extension PayloadValue {
    /// The fields of an object.
    fileprivate var objectFields: [PayloadField]? {
        if case .object(let fields) = self { return fields }
        return nil
    }
}
