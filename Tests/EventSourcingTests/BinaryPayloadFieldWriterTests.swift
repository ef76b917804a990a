import EventSourcing
import Foundation
import PropertyBased
import Testing

/// `BinaryPayloadFieldWriter` writes the bytes `Codable` encoding writes, for every kind of field.
@Suite("Binary payload field writer")
struct BinaryPayloadFieldWriterTests {
    enum Colour: String, Codable, Hashable { case red, green }

    /// A value stored as its text, like a calendar date.
    struct Code: Codable, Hashable, LosslessStringConvertible {
        var text: String
        init(text: String) { self.text = text }
        init?(_ description: String) { text = description }
        var description: String { text }
        init(from decoder: any Decoder) throws { text = try decoder.singleValueContainer().decode(String.self) }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(text)
        }
    }

    /// A value with only a `Codable` conformance, written through the writer's fallback.
    struct Plain: Codable, Hashable {
        var words: [String: [Int]]
        var when: Date
    }

    struct Inner: Codable, Hashable, BinaryPayloadEncodable, BinaryPayloadDecodable {
        var name: String
        var note: String?

        func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
            try fields.string("name", name)
            try fields.stringIfPresent("note", note)
        }

        init(name: String, note: String?) { (self.name, self.note) = (name, note) }

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            name = try fields.string("name")
            note = try fields.stringIfPresent("note")
        }
    }

    /// Every kind of field the writer has, with a renamed key.
    struct Everything: Codable, Hashable, BinaryPayloadEncodable {
        var text: String
        var maybeText: String?
        var number: Int
        var maybeNumber: Int?
        var wide: Int64
        var maybeWide: Int64?
        var unsigned: UInt
        var maybeUnsigned: UInt?
        var flag: Bool
        var maybeFlag: Bool?
        var real: Double
        var maybeReal: Double?
        var at: Timestamp
        var maybeAt: Timestamp?
        var date: Date
        var maybeDate: Date?
        var id: UUID
        var maybeId: UUID?
        var amount: Decimal
        var maybeAmount: Decimal?
        var colour: Colour
        var maybeColour: Colour?
        var code: Code
        var maybeCode: Code?
        var inner: Inner
        var maybeInner: Inner?
        var plain: Plain
        var maybePlain: Plain?
        var inners: [Inner]
        var texts: [String]
        var colours: [Colour]
        var codes: [Code]
        var numbers: [Int]
        var counts: [String: Int]

        enum CodingKeys: String, CodingKey {
            case text = "t", maybeText, number, maybeNumber, wide, maybeWide, unsigned, maybeUnsigned, flag, maybeFlag
            case real, maybeReal, at, maybeAt, date, maybeDate, id, maybeId, amount, maybeAmount, colour, maybeColour
            case code, maybeCode, inner, maybeInner, plain, maybePlain, inners, texts, colours, codes, numbers, counts
        }

        func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
            try fields.string("t", text)
            try fields.stringIfPresent("maybeText", maybeText)
            try fields.int("number", number)
            try fields.intIfPresent("maybeNumber", maybeNumber)
            try fields.int64("wide", wide)
            try fields.int64IfPresent("maybeWide", maybeWide)
            try fields.uint("unsigned", unsigned)
            try fields.uintIfPresent("maybeUnsigned", maybeUnsigned)
            try fields.bool("flag", flag)
            try fields.boolIfPresent("maybeFlag", maybeFlag)
            try fields.double("real", real)
            try fields.doubleIfPresent("maybeReal", maybeReal)
            try fields.timestamp("at", at)
            try fields.timestampIfPresent("maybeAt", maybeAt)
            try fields.date("date", date)
            try fields.dateIfPresent("maybeDate", maybeDate)
            try fields.uuid("id", id)
            try fields.uuidIfPresent("maybeId", maybeId)
            try fields.decimal("amount", amount)
            try fields.decimalIfPresent("maybeAmount", maybeAmount)
            try fields.value("colour", colour)
            try fields.valueIfPresent("maybeColour", maybeColour)
            try fields.text("code", code)
            try fields.textIfPresent("maybeCode", maybeCode)
            try fields.encode("inner", inner)
            try fields.encodeIfPresent("maybeInner", maybeInner)
            try fields.encode("plain", plain)
            try fields.encodeIfPresent("maybePlain", maybePlain)
            try fields.array("inners", inners)
            try fields.strings("texts", texts)
            try fields.values("colours", colours)
            try fields.texts("codes", codes)
            try fields.ints("numbers", numbers)
            try fields.intsByKey("counts", counts)
        }
    }

    private static func everything(present: Bool, number: Int64 = -70_000, unsigned: UInt = .max, text: String = "Grüße, 世界")
        -> Everything
    {
        let date = Date(timeIntervalSince1970: 1_764_000_000.123456)
        let id = UUID(uuidString: "7D444840-9DC0-11D1-B245-5FFDCE74FAD2") ?? UUID()
        let inner = Inner(name: "inner", note: present ? "note" : nil)
        let plain = Plain(words: ["a": [1, 2]], when: date)
        return Everything(
            text: text, maybeText: present ? "" : nil, number: Int(number), maybeNumber: present ? 0 : nil,
            wide: number * 1000, maybeWide: present ? .min : nil, unsigned: unsigned, maybeUnsigned: present ? 5 : nil,
            flag: true, maybeFlag: present ? false : nil, real: -0.5, maybeReal: present ? .infinity : nil,
            at: Timestamp(rawValue: number), maybeAt: present ? Timestamp(rawValue: -1) : nil, date: date,
            maybeDate: present ? date : nil, id: id, maybeId: present ? id : nil,
            amount: Decimal(string: "1250.50") ?? 0, maybeAmount: present ? Decimal(-3) : nil, colour: .red,
            maybeColour: present ? .green : nil, code: Code(text: "A-1"),
            maybeCode: present ? Code(text: "B-2") : nil, inner: inner, maybeInner: present ? inner : nil, plain: plain,
            maybePlain: present ? plain : nil, inners: present ? [inner, Inner(name: "", note: nil)] : [],
            texts: present ? ["x", ""] : [], colours: present ? [.green, .red] : [],
            codes: present ? [Code(text: "c")] : [], numbers: present ? [0, -1, .max, .min] : [],
            counts: present ? ["sent": 3, "opened": 1, "clicked": 0] : [:])
    }

    @Test func everyKindOfFieldWritesTheCodableBytes() throws {
        let codec = BinaryPayloadCodec()
        for present in [true, false] {
            let value = Self.everything(present: present)
            let fast = try codec.encode(value)
            #expect(fast == (try codec.encodeWithCodable(value)), "present: \(present)")
            #expect(try codec.decode(Everything.self, from: fast) == value)
        }
    }

    @Test func nilOptionalsAreLeftOutAsCodableDoes() throws {
        let bytes = try BinaryPayloadCodec().encode(Self.everything(present: false))
        let generic = try BinaryPayloadCodec().decodeValue(from: bytes)
        guard case .object(let fields) = generic else {
            Issue.record("not an object: \(generic)")
            return
        }
        #expect(fields.count == 20)
        #expect(!fields.contains { $0.key.hasPrefix("maybe") })
        #expect(fields.first?.key == "t")
    }

    @Test func theGenericEncodeDispatchesToTheFastPath() throws {
        // Through an `Encodable` generic (as projection records are written), the bytes are the same.
        func encode<T: Encodable>(_ value: T) throws -> [UInt8] { try BinaryPayloadCodec().encode(value) }
        let value = Self.everything(present: true)
        #expect(try encode(value) == (try BinaryPayloadCodec().encodeWithCodable(value)))
        #expect(try encode(Inner(name: "n", note: nil)) == [0x01, 0x0B, 0x01, 0x04] + Array("name".utf8) + [0x06, 0x01, 0x6E])
    }

    @Test func randomValuesWriteTheCodableBytes() async {
        let word = Gen.character(in: "\u{20}"..."\u{24F}").string(of: 0...20)
        await propertyCheck(count: 300, input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), Gen.uint(), word, Gen.bool) {
            number, unsigned, text, present in await recordingErrors {
            let value = Self.everything(present: present, number: number, unsigned: unsigned, text: text)
            let codec = BinaryPayloadCodec()
            let fast = try codec.encode(value)
            #expect(fast == (try codec.encodeWithCodable(value)))
            #expect(try codec.decode(Everything.self, from: fast) == value)
        } }
    }

    /// A value of 200 fields: the count takes two bytes, which the writer makes room for at the end.
    struct Wide: Encodable, BinaryPayloadEncodable {
        static let keys: [StaticString] = [
        "f000", "f001", "f002", "f003", "f004", "f005", "f006", "f007",
        "f008", "f009", "f010", "f011", "f012", "f013", "f014", "f015",
        "f016", "f017", "f018", "f019", "f020", "f021", "f022", "f023",
        "f024", "f025", "f026", "f027", "f028", "f029", "f030", "f031",
        "f032", "f033", "f034", "f035", "f036", "f037", "f038", "f039",
        "f040", "f041", "f042", "f043", "f044", "f045", "f046", "f047",
        "f048", "f049", "f050", "f051", "f052", "f053", "f054", "f055",
        "f056", "f057", "f058", "f059", "f060", "f061", "f062", "f063",
        "f064", "f065", "f066", "f067", "f068", "f069", "f070", "f071",
        "f072", "f073", "f074", "f075", "f076", "f077", "f078", "f079",
        "f080", "f081", "f082", "f083", "f084", "f085", "f086", "f087",
        "f088", "f089", "f090", "f091", "f092", "f093", "f094", "f095",
        "f096", "f097", "f098", "f099", "f100", "f101", "f102", "f103",
        "f104", "f105", "f106", "f107", "f108", "f109", "f110", "f111",
        "f112", "f113", "f114", "f115", "f116", "f117", "f118", "f119",
        "f120", "f121", "f122", "f123", "f124", "f125", "f126", "f127",
        "f128", "f129", "f130", "f131", "f132", "f133", "f134", "f135",
        "f136", "f137", "f138", "f139", "f140", "f141", "f142", "f143",
        "f144", "f145", "f146", "f147", "f148", "f149", "f150", "f151",
        "f152", "f153", "f154", "f155", "f156", "f157", "f158", "f159",
        "f160", "f161", "f162", "f163", "f164", "f165", "f166", "f167",
        "f168", "f169", "f170", "f171", "f172", "f173", "f174", "f175",
        "f176", "f177", "f178", "f179", "f180", "f181", "f182", "f183",
        "f184", "f185", "f186", "f187", "f188", "f189", "f190", "f191",
        "f192", "f193", "f194", "f195", "f196", "f197", "f198", "f199"
        ]
        var values: [Int]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in zip(Self.keys, values) { try container.encode(value, forKey: Key(stringValue: key.description)) }
        }

        func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
            for (key, value) in zip(Self.keys, values) { try fields.int(key, value) }
        }
    }

    @Test(arguments: [0, 1, 127, 128, 129, 200])
    func objectsOfManyFieldsWriteTheCodableBytes(count: Int) throws {
        let value = Wide(values: Array(0..<count))
        let codec = BinaryPayloadCodec()
        let fast = try codec.encode(value)
        #expect(fast == (try codec.encodeWithCodable(value)))
        guard case .object(let fields) = try codec.decodeValue(from: fast) else {
            Issue.record("not an object")
            return
        }
        #expect(fields.count == count)
        #expect(fields.last.map { $0.value } == (count == 0 ? nil : .int(Int64(count - 1))))
    }

    /// Nested objects, one level per link (an array and an object).
    struct Chain: Codable, Hashable, BinaryPayloadEncodable, BinaryPayloadDecodable {
        var next: [Chain]

        static func of(_ links: Int) -> Chain { links == 0 ? Chain(next: []) : Chain(next: [of(links - 1)]) }

        init(next: [Chain]) { self.next = next }

        func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
            try fields.array("next", next)
        }

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            next = try fields.array(of: Chain.self, "next")
        }
    }

    /// The writer accepts exactly the nesting the reader accepts, and refuses deeper values with `nestingTooDeep`
    /// (where `Codable` encoding writes bytes no reader takes).
    @Test func nestingIsLimitedWhereTheReaderLimitsIt() throws {
        let codec = BinaryPayloadCodec()
        var deepestWritten = -1
        for links in 25...40 {
            let value = Chain.of(links)
            let slow = try codec.encodeWithCodable(value)
            let readable = (try? codec.decodeValue(from: slow)) != nil
            do {
                let fast = try codec.encode(value)
                #expect(readable, "\(links) links written but not readable")
                #expect(fast == slow)
                #expect(try codec.decode(Chain.self, from: fast) == value)
                deepestWritten = links
            } catch {
                #expect(error.code == .nestingTooDeep)
                #expect(!readable, "\(links) links readable but refused")
            }
        }
        // Each link is two levels (the array and its object): 31 links reach level 62, 32 would put a value at 64.
        #expect(deepestWritten == 31)
    }
}
