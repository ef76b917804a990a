import Crypto
import EventSourcing
import Foundation
import Testing

/// The stored bytes are exactly what `Documentation/RecordFormat.md` describes.
@Suite("Record layout")
struct RecordLayoutTests {
    @Test func theDocumentedExampleIsWhatIsStored() async throws {
        let clock = TestClock(start: 1_735_689_600_000_000)
        let fixture = try StoreFixture { $0.clock = { clock.now() } }
        let id = try #require(EventID("0191e5a2-7b3c-7def-8123-456789abcdef"))
        let payload = try BinaryPayloadCodec().encode(value: .string("hi"))
        #expect(payload == [0x01, 0x06, 0x02, 0x68, 0x69])
        let occurred = Timestamp(rawValue: 1_700_000_000_000_000)
        try await fixture.store.append(
            [NewEvent(id: id, type: "A", payload: payload, occurredAt: occurred)], to: stream("s-1"))
        let record = try #require(try rawRecord(fixture.store, at: 1))

        func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        let body: [UInt8] =
            littleEndian(UInt64(1)) + littleEndian(Int64(1_735_689_600_000_000)) + littleEndian(occurred.rawValue)
            + withUnsafeBytes(of: id.uuid.uuid) { Array($0) } + littleEndian(UInt32(1)) + [0x01, 0x00]
            + [0x03, 0x73, 0x2D, 0x31] + [0x01, 0x41] + [0x05, 0x01, 0x06, 0x02, 0x68, 0x69]
        var hasher = SHA256()
        hasher.update(data: [UInt8](repeating: 0, count: 32))
        hasher.update(data: [0, 0, 0, 0, 0, 0, 0, 1])
        hasher.update(data: body)
        let hash = Array(hasher.finalize())
        #expect(record == [0x52, 0x01] + hash + body)

        let head = try fixture.store.read { try $0.chainHead() }
        #expect(head.position == 1)
        #expect(head.hash.bytes == hash)
    }
}
