import EventSourcing
import Foundation
import Testing

@Suite("Binary codec edge cases")
struct BinaryCodecEdgeTests {
    struct Lists: Codable, Equatable {
        var names: [String]
        var numbers: [Int]
        var nested: [[String]]
        var bytes: [UInt8]
        var noBytes: [UInt8]
    }

    @Test func emptyArraysOfAnyElementTypeRoundTrip() throws {
        let codec = BinaryPayloadCodec()
        let value = Lists(names: [], numbers: [], nested: [[]], bytes: [1, 2, 3], noBytes: [])
        let decoded = try codec.decode(Lists.self, from: try codec.encode(value))
        #expect(decoded == value)
        let generic = try codec.decodeValue(from: try codec.encode(value))
        #expect(generic["names"] == .array([]))
        #expect(generic["bytes"] == .bytes([1, 2, 3]))
        #expect(generic["noBytes"] == .bytes([]))
    }
}
