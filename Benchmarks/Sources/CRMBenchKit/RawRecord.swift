import CRM

/// The raw-LMDB baseline's compact record: a short binary header and tagged fields.
///
/// `type (1) · customer (u32 LE) · version (u32 LE) · occurredAt (i64 LE) · field count (1)`, then per field:
/// `name tag (1) · kind (1: 0 string, 1 integer) · value` (strings as LEB128 length + UTF-8, integers zigzag LEB128).
public enum RawRecord {
    /// The field names of the workload, by tag.
    static let fieldNames: [String] = [
        "name", "email", "company", "phone", "segment", "channel", "agent", "durationMinutes", "note",
        "opportunityId", "title", "amount", "currency", "stage", "probability", "reason", "ticketId", "subject",
        "priority", "responseMinutes", "resolution", "satisfaction", "campaignId", "response",
    ]
    static let tags: [String: UInt8] = Dictionary(
        uniqueKeysWithValues: fieldNames.enumerated().map { ($1, UInt8($0)) })
    static let amountTag = tags["amount"] ?? 0
    static let types = WorkloadEventType.allCases

    /// A record that does not decode.
    public struct Failure: Error {}

    /// Encodes a generated event.
    public static func encode(_ event: WorkloadEvent) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(200)
        out.append(UInt8(types.firstIndex(of: event.type) ?? 0))
        withUnsafeBytes(of: UInt32(event.customer).littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(event.version).littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: Int64(event.occurredAt).littleEndian) { out.append(contentsOf: $0) }
        out.append(UInt8(event.fields.count))
        for field in event.fields {
            out.append(tags[field.name] ?? 255)
            switch field.value {
            case .string(let text):
                out.append(0)
                varint(UInt64(text.utf8.count), into: &out)
                out.append(contentsOf: text.utf8)
            case .int(let value):
                out.append(1)
                varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63))), into: &out)
            }
        }
        return out
    }

    static func varint(_ value: UInt64, into out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// What the fold needs of a decoded record.
    public struct Decoded {
        /// The customer number.
        public var customer: Int
        /// The event type.
        public var type: WorkloadEventType
        /// The amount of an opportunity event.
        public var amountCents: Int64?
    }

    /// Decodes a record, walking every field.
    @inline(__always)
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Decoded {
        guard bytes.count >= 18, Int(bytes[0]) < types.count else { throw Failure() }
        let type = types[Int(bytes[0])]
        let customer = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 1, as: UInt32.self)))
        let count = Int(bytes[17])
        var offset = 18
        var amount: Int64?
        func readVarint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else { throw Failure() }
                let b = bytes[offset]
                offset += 1
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }
        for _ in 0..<count {
            guard offset + 2 <= bytes.count else { throw Failure() }
            let tag = bytes[offset]
            let kind = bytes[offset + 1]
            offset += 2
            if kind == 0 {
                let length = Int(try readVarint())
                guard offset + length <= bytes.count else { throw Failure() }
                if tag == amountTag {
                    amount = cents(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]))
                }
                offset += length
            } else {
                _ = try readVarint()
            }
        }
        return Decoded(customer: customer, type: type, amountCents: amount)
    }

    /// `"12345.67"` → 1234567.
    @inline(__always)
    public static func cents(_ text: UnsafeRawBufferPointer) -> Int64 {
        var value: Int64 = 0
        for byte in text where byte != UInt8(ascii: ".") { value = value &* 10 &+ Int64(byte &- 0x30) }
        return value
    }
}
