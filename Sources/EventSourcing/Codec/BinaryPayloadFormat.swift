import Foundation

/// The default payload format: compact, self-describing binary.
///
/// A payload is the format byte `0x01` followed by one value; a value is a one-byte tag and its data
/// (`Documentation/RecordFormat.md` has the table). Field names are stored, so any payload can be read back as a
/// ``PayloadValue`` without the Swift type that wrote it.
///
/// | tag | value | data |
/// | --- | --- | --- |
/// | `0x00` | null | — |
/// | `0x01`, `0x02` | false, true | — |
/// | `0x03` | signed integer | zigzag LEB128 |
/// | `0x04` | unsigned integer | LEB128 |
/// | `0x05` | double | 8 bytes little-endian |
/// | `0x06` | string | LEB128 length, UTF-8 |
/// | `0x07` | bytes | LEB128 length, bytes |
/// | `0x08` | timestamp | zigzag LEB128 microseconds since 1970 |
/// | `0x09` | UUID | 16 bytes |
/// | `0x0A` | array | LEB128 count, values |
/// | `0x0B` | object | LEB128 count, then per field a LEB128 key length, the UTF-8 key and the value |
/// | `0x0C` | sealed | LEB128 length + subject, LEB128 key version, LEB128 length + ciphertext |
enum BinaryPayloadFormat {
    static let version: UInt8 = 0x01
    static let maximumDepth = 64

    enum Tag {
        static let null: UInt8 = 0x00
        static let `false`: UInt8 = 0x01
        static let `true`: UInt8 = 0x02
        static let int: UInt8 = 0x03
        static let uint: UInt8 = 0x04
        static let double: UInt8 = 0x05
        static let string: UInt8 = 0x06
        static let bytes: UInt8 = 0x07
        static let timestamp: UInt8 = 0x08
        static let uuid: UInt8 = 0x09
        static let array: UInt8 = 0x0A
        static let object: UInt8 = 0x0B
        static let sealed: UInt8 = 0x0C

        static func name(_ tag: UInt8) -> String {
            switch tag {
            case null: return "null"
            case `false`, `true`: return "a boolean"
            case int, uint: return "an integer"
            case double: return "a double"
            case string: return "a string"
            case bytes: return "bytes"
            case timestamp: return "a timestamp"
            case uuid: return "a UUID"
            case array: return "an array"
            case object: return "an object"
            case sealed: return "a sealed value"
            default: return "unknown tag \(tag)"
            }
        }
    }

    // MARK: - Writing

    /// The bytes of a payload holding `value`.
    static func encode(_ value: PayloadValue) -> [UInt8] {
        var out: [UInt8] = [version]
        out.reserveCapacity(256)
        write(value, into: &out)
        return out
    }

    static func write(_ value: PayloadValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(Tag.null)
        case .bool(let flag): out.append(flag ? Tag.true : Tag.false)
        case .int(let number):
            out.append(Tag.int)
            out.appendVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
        case .uint(let number):
            out.append(Tag.uint)
            out.appendVarint(number)
        case .double(let number):
            out.append(Tag.double)
            out.appendLittleEndian(number.bitPattern)
        case .string(let text):
            out.append(Tag.string)
            out.appendString(text)
        case .bytes(let bytes):
            out.append(Tag.bytes)
            out.appendVarint(UInt64(bytes.count))
            out.append(contentsOf: bytes)
        case .timestamp(let micros):
            out.append(Tag.timestamp)
            out.appendVarint(UInt64(bitPattern: (micros << 1) ^ (micros >> 63)))
        case .uuid(let uuid):
            out.append(Tag.uuid)
            withUnsafeBytes(of: uuid.uuid) { out.append(contentsOf: $0) }
        case .array(let elements):
            out.append(Tag.array)
            out.appendVarint(UInt64(elements.count))
            for element in elements { write(element, into: &out) }
        case .object(let fields):
            out.append(Tag.object)
            out.appendVarint(UInt64(fields.count))
            for field in fields {
                out.appendString(field.key)
                write(field.value, into: &out)
            }
        case .sealed(let sealed):
            out.append(Tag.sealed)
            out.appendString(sealed.subject)
            out.appendVarint(UInt64(sealed.keyVersion))
            out.appendVarint(UInt64(sealed.ciphertext.count))
            out.append(contentsOf: sealed.ciphertext)
        }
    }

    // MARK: - Reading

    /// A bounds-checked cursor over payload bytes whose failures are ``PayloadCodingError``s.
    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        init(_ bytes: UnsafeRawBufferPointer, offset: Int) {
            self.bytes = bytes
            self.offset = offset
        }

        func fail(_ code: PayloadCodingError.Code, _ message: String, at position: Int? = nil) -> PayloadCodingError {
            PayloadCodingError(code, offset: position ?? offset, message: message)
        }

        @inline(__always)
        mutating func byte() throws(PayloadCodingError) -> UInt8 {
            guard offset < bytes.count else { throw fail(.truncated, "the payload ends too early") }
            defer { offset += 1 }
            return bytes[offset]
        }

        @inline(__always)
        mutating func varint() throws(PayloadCodingError) -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            let start = offset
            while true {
                guard offset < bytes.count else { throw fail(.truncated, "the payload ends inside a number", at: start) }
                let b = bytes[offset]
                offset += 1
                guard shift < 64, shift < 63 || b <= 1 else {
                    throw fail(.malformed, "a variable-length number is longer than 10 bytes", at: start)
                }
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        @inline(__always)
        mutating func zigzag() throws(PayloadCodingError) -> Int64 {
            let raw = try varint()
            return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
        }

        @inline(__always)
        mutating func length() throws(PayloadCodingError) -> Int {
            let start = offset
            let value = try varint()
            guard value <= UInt64(bytes.count - offset) else {
                throw fail(.truncated, "a length of \(value) runs past the end of the payload", at: start)
            }
            return Int(value)
        }

        @inline(__always)
        mutating func slice(_ count: Int) throws(PayloadCodingError) -> UnsafeRawBufferPointer {
            guard count >= 0, count <= bytes.count - offset else { throw fail(.truncated, "the payload ends too early") }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }

        @inline(__always)
        mutating func text() throws(PayloadCodingError) -> String {
            let start = offset
            let raw = try slice(try length())
            guard let text = validatedString(raw) else {
                throw fail(.invalidUTF8, "text is not valid UTF-8", at: start)
            }
            return text
        }

        /// Reads past one value without building it; returns the offset after it.
        mutating func skipValue(depth: Int = 0) throws(PayloadCodingError) {
            guard depth < maximumDepth else { throw fail(.nestingTooDeep, "values are nested more than \(maximumDepth) deep") }
            let tag = try byte()
            switch tag {
            case Tag.null, Tag.false, Tag.true: return
            case Tag.int, Tag.uint, Tag.timestamp: _ = try varint()
            case Tag.double: _ = try slice(8)
            case Tag.string, Tag.bytes: _ = try slice(try length())
            case Tag.uuid: _ = try slice(16)
            case Tag.array:
                let count = try length()
                for _ in 0..<count { try skipValue(depth: depth + 1) }
            case Tag.object:
                let count = try length()
                for _ in 0..<count {
                    _ = try slice(try length())
                    try skipValue(depth: depth + 1)
                }
            case Tag.sealed:
                _ = try slice(try length())
                _ = try varint()
                _ = try slice(try length())
            default:
                throw fail(.malformed, "unknown value tag \(tag)", at: offset - 1)
            }
        }

        /// Reads past one value without building it, like ``skipValue(depth:)``; returns whether it holds a sealed
        /// value.
        mutating func skipFindingSealed(depth: Int = 0) throws(PayloadCodingError) -> Bool {
            guard depth < maximumDepth else { throw fail(.nestingTooDeep, "values are nested more than \(maximumDepth) deep") }
            guard let tag = bytes.count > offset ? bytes[offset] : nil else { throw fail(.truncated, "the value is cut short") }
            switch tag {
            case Tag.sealed: return true
            case Tag.array:
                offset += 1
                let count = try length()
                for _ in 0..<count where try skipFindingSealed(depth: depth + 1) { return true }
                return false
            case Tag.object:
                offset += 1
                let count = try length()
                for _ in 0..<count {
                    _ = try slice(try length())
                    if try skipFindingSealed(depth: depth + 1) { return true }
                }
                return false
            default:
                try skipValue(depth: depth)
                return false
            }
        }

        /// Reads one value as a ``PayloadValue``.
        mutating func value(depth: Int = 0) throws(PayloadCodingError) -> PayloadValue {
            guard depth < maximumDepth else { throw fail(.nestingTooDeep, "values are nested more than \(maximumDepth) deep") }
            let tag = try byte()
            switch tag {
            case Tag.null: return .null
            case Tag.false: return .bool(false)
            case Tag.true: return .bool(true)
            case Tag.int: return .int(try zigzag())
            case Tag.uint: return .uint(try varint())
            case Tag.double: return .double(Double(bitPattern: UInt64(littleEndian: try slice(8).loadUnaligned(as: UInt64.self))))
            case Tag.string: return .string(try text())
            case Tag.bytes: return .bytes(Array(try slice(try length())))
            case Tag.timestamp: return .timestamp(try zigzag())
            case Tag.uuid: return .uuid(try uuid())
            case Tag.array:
                let count = try length()
                var elements: [PayloadValue] = []
                elements.reserveCapacity(count)
                for _ in 0..<count { elements.append(try value(depth: depth + 1)) }
                return .array(elements)
            case Tag.object:
                let count = try length()
                var fields: [PayloadField] = []
                fields.reserveCapacity(count)
                for _ in 0..<count {
                    let key = try text()
                    fields.append(PayloadField(key: key, value: try value(depth: depth + 1)))
                }
                return .object(fields)
            case Tag.sealed:
                return .sealed(try sealed())
            default:
                throw fail(.malformed, "unknown value tag \(tag)", at: offset - 1)
            }
        }

        mutating func uuid() throws(PayloadCodingError) -> UUID {
            let raw = try slice(16)
            var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: raw) }
            return UUID(uuid: value)
        }

        mutating func sealed() throws(PayloadCodingError) -> SealedValue {
            let subject = try text()
            let version = try varint()
            guard version <= UInt64(UInt32.max) else { throw fail(.malformed, "key version \(version) is out of range") }
            let ciphertext = Array(try slice(try length()))
            return SealedValue(subject: subject, keyVersion: UInt32(version), ciphertext: ciphertext)
        }
    }

    /// Reads a whole payload as a ``PayloadValue``.
    static func decodeValue(_ bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue {
        var reader = try payloadReader(bytes)
        let value = try reader.value()
        guard reader.offset == bytes.count else {
            throw reader.fail(.malformed, "\(bytes.count - reader.offset) bytes follow the payload's value")
        }
        return value
    }

    /// Whether a payload holds a sealed value anywhere, found without building it; `false` for bytes that are not
    /// a valid payload.
    static func containsSealed(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard var reader = try? payloadReader(bytes) else { return false }
        return (try? reader.skipFindingSealed()) ?? false
    }

    /// A reader positioned after the format byte.
    static func payloadReader(_ bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> Reader {
        guard let first = bytes.first else { throw PayloadCodingError(.truncated, offset: 0, message: "the payload is empty") }
        guard first == version else {
            throw PayloadCodingError(
                .unsupportedFormatVersion, offset: 0, message: "payload format version \(first) is not supported (expected \(version))")
        }
        return Reader(bytes, offset: 1)
    }
}
