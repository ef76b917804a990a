import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes a `Decodable` value straight from binary payload bytes, without building a ``PayloadValue`` tree.
///
/// Keyed containers keep a cursor: encoders write fields in declaration order, so the field under the cursor is
/// almost always the one asked for next, and a lookup costs one key comparison. Other orders still work (the
/// container then scans its fields), and unknown fields are skipped.
struct BytesDecoder: Decoder {
    let bytes: UnsafeRawBufferPointer
    /// Where this decoder's value (its tag) starts.
    let offset: Int
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        let reader = try BinaryPayloadFormat.payloadReader(bytes)
        do {
            return try ValueDecoding(bytes: bytes, codingPath: []).decode(T.self, at: reader.offset)
        } catch {
            throw PayloadCodingError.wrap(error)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedBytesContainer<Key>(bytes: bytes, offset: offset, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedBytesContainer(bytes: bytes, offset: offset, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleBytesContainer(bytes: bytes, offset: offset, codingPath: codingPath)
    }
}

/// Reads typed values at offsets of a payload, with errors that name the offset and the coding path.
struct ValueDecoding {
    let bytes: UnsafeRawBufferPointer
    let parentPath: [any CodingKey]
    /// The key of the value within its parent; the full path is only built when it is needed (an error, a nested
    /// container), since decoding a field must not allocate.
    let key: (any CodingKey)?

    init(bytes: UnsafeRawBufferPointer, codingPath: [any CodingKey]) {
        self.bytes = bytes
        self.parentPath = codingPath
        self.key = nil
    }

    /// A reader that reports errors without a coding path; the caller adds it when an error is thrown.
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.parentPath = []
        self.key = nil
    }

    init(bytes: UnsafeRawBufferPointer, parentPath: [any CodingKey], key: any CodingKey) {
        self.bytes = bytes
        self.parentPath = parentPath
        self.key = key
    }

    var codingPath: [any CodingKey] {
        if let key { return parentPath + [key] }
        return parentPath
    }

    func mismatch(_ expected: String, at offset: Int) -> PayloadCodingError {
        let found = offset < bytes.count ? BinaryPayloadFormat.Tag.name(bytes[offset]) : "the end of the payload"
        return PayloadCodingError(
            .typeMismatch, offset: offset, codingPath: PayloadCodingError.path(codingPath),
            message: "expected \(expected) but found \(found)")
    }

    @inline(__always)
    func tag(at offset: Int) throws(PayloadCodingError) -> UInt8 {
        guard offset < bytes.count else {
            throw PayloadCodingError(.truncated, offset: offset, codingPath: PayloadCodingError.path(codingPath), message: "the payload ends too early")
        }
        return bytes[offset]
    }

    /// The element count and the offset of the first element of the array or object at `offset`.
    func container(_ tag: UInt8, _ expected: String, at offset: Int) throws(PayloadCodingError) -> (count: Int, start: Int) {
        guard try self.tag(at: offset) == tag else { throw mismatch(expected, at: offset) }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        return (try reader.length(), reader.offset)
    }

    func isNil(at offset: Int) throws(PayloadCodingError) -> Bool { try tag(at: offset) == BinaryPayloadFormat.Tag.null }

    func bool(at offset: Int) throws(PayloadCodingError) -> Bool {
        switch try tag(at: offset) {
        case BinaryPayloadFormat.Tag.true: return true
        case BinaryPayloadFormat.Tag.false: return false
        default: throw mismatch("a boolean", at: offset)
        }
    }

    @inline(__always)
    func string(at offset: Int) throws(PayloadCodingError) -> String {
        guard try tag(at: offset) == BinaryPayloadFormat.Tag.string else { throw mismatch("a string", at: offset) }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        return try reader.text()
    }

    func double(at offset: Int) throws(PayloadCodingError) -> Double {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        switch try tag(at: offset) {
        case BinaryPayloadFormat.Tag.double:
            return Double(bitPattern: UInt64(littleEndian: try reader.slice(8).loadUnaligned(as: UInt64.self)))
        case BinaryPayloadFormat.Tag.int: return Double(try reader.zigzag())
        case BinaryPayloadFormat.Tag.uint: return Double(try reader.varint())
        default: throw mismatch("a number", at: offset)
        }
    }

    @inline(__always)
    func integer<T: FixedWidthInteger>(_: T.Type, at offset: Int) throws(PayloadCodingError) -> T {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let result: T?
        switch try tag(at: offset) {
        case BinaryPayloadFormat.Tag.int: result = T(exactly: try reader.zigzag())
        case BinaryPayloadFormat.Tag.uint: result = T(exactly: try reader.varint())
        default: throw mismatch("an integer", at: offset)
        }
        guard let result else {
            throw PayloadCodingError(
                .typeMismatch, offset: offset, codingPath: PayloadCodingError.path(codingPath),
                message: "the number does not fit \(T.self)")
        }
        return result
    }

    /// Decodes `T` at `offset`, with the special forms the encoder writes.
    func decode<T: Decodable>(_ type: T.Type, at offset: Int) throws -> T {
        if T.self == String.self, let value = try string(at: offset) as? T { return value }
        if T.self == Int.self, let value = try integer(Int.self, at: offset) as? T { return value }
        if let special = try special(type, at: offset) { return special }
        return try T(from: BytesDecoder(bytes: bytes, offset: offset, codingPath: codingPath))
    }

    private func special<T: Decodable>(_ type: T.Type, at offset: Int) throws(PayloadCodingError) -> T? {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let tag = try tag(at: offset)
        if T.self == Date.self || T.self == Timestamp.self {
            guard tag == BinaryPayloadFormat.Tag.timestamp else { throw mismatch("a timestamp", at: offset) }
            let micros = try reader.zigzag()
            return (T.self == Date.self ? Timestamp(rawValue: micros).date as? T : Timestamp(rawValue: micros) as? T)
        }
        if T.self == UUID.self {
            guard tag == BinaryPayloadFormat.Tag.uuid else { throw mismatch("a UUID", at: offset) }
            return try reader.uuid() as? T
        }
        if T.self == Data.self || T.self == [UInt8].self {
            guard tag == BinaryPayloadFormat.Tag.bytes else { throw mismatch("bytes", at: offset) }
            let raw = try reader.slice(try reader.length())
            return T.self == Data.self ? Data(raw) as? T : Array(raw) as? T
        }
        if T.self == Decimal.self {
            let text = try string(at: offset)
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw PayloadCodingError(
                    .typeMismatch, offset: offset, codingPath: PayloadCodingError.path(codingPath),
                    message: "\(text.debugDescription) is not a decimal number")
            }
            return decimal as? T
        }
        if T.self == SealedValue.self {
            guard tag == BinaryPayloadFormat.Tag.sealed else { throw mismatch("a sealed value", at: offset) }
            return try reader.sealed() as? T
        }
        return nil
    }
}

/// Where a keyed container expects its next field; a class (not generic) so that the container can be a struct.
private final class FieldCursor {
    var offset: Int
    var index = 0
    init(offset: Int) { self.offset = offset }
}

private struct KeyedBytesContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let bytes: UnsafeRawBufferPointer
    let codingPath: [any CodingKey]
    private let count: Int
    private let fieldsStart: Int
    private let next: FieldCursor

    init(bytes: UnsafeRawBufferPointer, offset: Int, codingPath: [any CodingKey]) throws(PayloadCodingError) {
        self.bytes = bytes
        self.codingPath = codingPath
        (count, fieldsStart) = try ValueDecoding(bytes: bytes, codingPath: codingPath)
            .container(BinaryPayloadFormat.Tag.object, "an object", at: offset)
        next = FieldCursor(offset: fieldsStart)
    }

    @inline(__always)
    private static func matches(_ raw: UnsafeRawBufferPointer, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { utf8 in
            guard utf8.count == raw.count else { return false }
            guard let a = utf8.baseAddress, let b = raw.baseAddress else { return utf8.count == 0 }
            return memcmp(a, b, utf8.count) == 0
        }
    }

    /// The offset of the value stored under `key`, or `nil`.
    private func locate(_ key: Key) throws(PayloadCodingError) -> Int? {
        let name = key.stringValue
        if next.index < count {
            var reader = BinaryPayloadFormat.Reader(bytes, offset: next.offset)
            let raw = try reader.slice(try reader.length())
            if Self.matches(raw, name) {
                let valueOffset = reader.offset
                try reader.skipValue()
                next.offset = reader.offset
                next.index += 1
                return valueOffset
            }
        }
        return try locateName(name)
    }

    private func require(_ key: Key) throws -> Int {
        guard let offset = try locate(key) else {
            throw PayloadCodingError(
                .keyNotFound, codingPath: PayloadCodingError.path(codingPath + [key]),
                message: "no value for key '\(key.stringValue)'")
        }
        return offset
    }

    @inline(__always)
    private func values(_ key: Key) -> ValueDecoding { ValueDecoding(bytes: bytes, parentPath: codingPath, key: key) }

    var allKeys: [Key] {
        var keys: [Key] = []
        var reader = BinaryPayloadFormat.Reader(bytes, offset: fieldsStart)
        for _ in 0..<count {
            guard let length = try? reader.length(), let raw = try? reader.slice(length) else { break }
            if let key = Key(stringValue: String(decoding: raw, as: UTF8.self)) { keys.append(key) }
            guard (try? reader.skipValue()) != nil else { break }
        }
        return keys
    }

    func contains(_ key: Key) -> Bool { ((try? locate(key)) ?? nil) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let offset = try locate(key) else { return true }
        return try values(key).isNil(at: offset)
    }

    /// Reads a primitive value under `key`; the coding path is only built when an error is thrown.
    @inline(__always)
    private func primitive<T>(_ key: Key, _ read: (ValueDecoding, Int) throws(PayloadCodingError) -> T) throws -> T {
        let offset = try require(key)
        do {
            return try read(ValueDecoding(bytes: bytes), offset)
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try primitive(key) { v, o throws(PayloadCodingError) in try v.bool(at: o) } }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try primitive(key) { v, o throws(PayloadCodingError) in try v.string(at: o) } }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try primitive(key) { v, o throws(PayloadCodingError) in try v.double(at: o) } }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try primitive(key) { v, o throws(PayloadCodingError) in try v.double(at: o) }) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(Int.self, at: o) } }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(Int8.self, at: o) } }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(Int16.self, at: o) } }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(Int32.self, at: o) } }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(Int64.self, at: o) } }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(UInt.self, at: o) } }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(UInt8.self, at: o) } }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(UInt16.self, at: o) } }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(UInt32.self, at: o) } }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try primitive(key) { v, o throws(PayloadCodingError) in try v.integer(UInt64.self, at: o) } }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try values(key).decode(T.self, at: try require(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = try locate(key), try !values(key).isNil(at: offset) else { return nil }
        return try values(key).decode(T.self, at: offset)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let offset = try locate(key), try !ValueDecoding(bytes: bytes).isNil(at: offset) else { return nil }
        do { return try ValueDecoding(bytes: bytes).string(at: offset) } catch { throw error.at(codingPath + [key]) }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let offset = try locate(key), try !ValueDecoding(bytes: bytes).isNil(at: offset) else { return nil }
        do { return try ValueDecoding(bytes: bytes).integer(Int.self, at: offset) } catch { throw error.at(codingPath + [key]) }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        KeyedDecodingContainer(try KeyedBytesContainer<NestedKey>(bytes: bytes, offset: try require(key), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedBytesContainer(bytes: bytes, offset: try require(key), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        let key = AnyCodingKey("super")
        guard let offset = try locateName("super") else {
            throw PayloadCodingError(.keyNotFound, codingPath: PayloadCodingError.path(codingPath + [key]), message: "no value for key 'super'")
        }
        return BytesDecoder(bytes: bytes, offset: offset, codingPath: codingPath + [key])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        BytesDecoder(bytes: bytes, offset: try require(key), codingPath: codingPath + [key])
    }

    private func locateName(_ name: String) throws(PayloadCodingError) -> Int? {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: fieldsStart)
        for _ in 0..<count {
            let raw = try reader.slice(try reader.length())
            if Self.matches(raw, name) { return reader.offset }
            try reader.skipValue()
        }
        return nil
    }
}

private final class UnkeyedBytesContainer: UnkeyedDecodingContainer {
    let bytes: UnsafeRawBufferPointer
    let codingPath: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    private var cursor: Int

    init(bytes: UnsafeRawBufferPointer, offset: Int, codingPath: [any CodingKey]) throws(PayloadCodingError) {
        self.bytes = bytes
        self.codingPath = codingPath
        let (count, start) = try ValueDecoding(bytes: bytes, codingPath: codingPath)
            .container(BinaryPayloadFormat.Tag.array, "an array", at: offset)
        self.count = count
        cursor = start
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    /// The offset of the next element, moving past it.
    private func next() throws -> (Int, ValueDecoding) {
        let key = AnyCodingKey(index: currentIndex)
        guard !isAtEnd else {
            throw PayloadCodingError(
                .valueNotFound, codingPath: PayloadCodingError.path(codingPath + [key]), message: "the array has no more elements")
        }
        let offset = cursor
        var reader = BinaryPayloadFormat.Reader(bytes, offset: cursor)
        try reader.skipValue()
        cursor = reader.offset
        currentIndex += 1
        return (offset, ValueDecoding(bytes: bytes, parentPath: codingPath, key: key))
    }

    func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if try ValueDecoding(bytes: bytes, codingPath: codingPath).isNil(at: cursor) {
            _ = try next()
            return true
        }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool { let (o, v) = try next(); return try v.bool(at: o) }
    func decode(_ type: String.Type) throws -> String { let (o, v) = try next(); return try v.string(at: o) }
    func decode(_ type: Double.Type) throws -> Double { let (o, v) = try next(); return try v.double(at: o) }
    func decode(_ type: Float.Type) throws -> Float { let (o, v) = try next(); return Float(try v.double(at: o)) }
    func decode(_ type: Int.Type) throws -> Int { let (o, v) = try next(); return try v.integer(Int.self, at: o) }
    func decode(_ type: Int8.Type) throws -> Int8 { let (o, v) = try next(); return try v.integer(Int8.self, at: o) }
    func decode(_ type: Int16.Type) throws -> Int16 { let (o, v) = try next(); return try v.integer(Int16.self, at: o) }
    func decode(_ type: Int32.Type) throws -> Int32 { let (o, v) = try next(); return try v.integer(Int32.self, at: o) }
    func decode(_ type: Int64.Type) throws -> Int64 { let (o, v) = try next(); return try v.integer(Int64.self, at: o) }
    func decode(_ type: UInt.Type) throws -> UInt { let (o, v) = try next(); return try v.integer(UInt.self, at: o) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { let (o, v) = try next(); return try v.integer(UInt8.self, at: o) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { let (o, v) = try next(); return try v.integer(UInt16.self, at: o) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { let (o, v) = try next(); return try v.integer(UInt32.self, at: o) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { let (o, v) = try next(); return try v.integer(UInt64.self, at: o) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { let (o, v) = try next(); return try v.decode(T.self, at: o) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (offset, values) = try next()
        return KeyedDecodingContainer(try KeyedBytesContainer<NestedKey>(bytes: bytes, offset: offset, codingPath: values.codingPath))
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (offset, values) = try next()
        return try UnkeyedBytesContainer(bytes: bytes, offset: offset, codingPath: values.codingPath)
    }

    func superDecoder() throws -> any Decoder {
        let (offset, values) = try next()
        return BytesDecoder(bytes: bytes, offset: offset, codingPath: values.codingPath)
    }
}

private struct SingleBytesContainer: SingleValueDecodingContainer {
    let bytes: UnsafeRawBufferPointer
    let offset: Int
    let codingPath: [any CodingKey]
    private var values: ValueDecoding { ValueDecoding(bytes: bytes, codingPath: codingPath) }

    func decodeNil() -> Bool { (try? values.isNil(at: offset)) ?? false }
    func decode(_ type: Bool.Type) throws -> Bool { try values.bool(at: offset) }
    func decode(_ type: String.Type) throws -> String { try values.string(at: offset) }
    func decode(_ type: Double.Type) throws -> Double { try values.double(at: offset) }
    func decode(_ type: Float.Type) throws -> Float { Float(try values.double(at: offset)) }
    func decode(_ type: Int.Type) throws -> Int { try values.integer(Int.self, at: offset) }
    func decode(_ type: Int8.Type) throws -> Int8 { try values.integer(Int8.self, at: offset) }
    func decode(_ type: Int16.Type) throws -> Int16 { try values.integer(Int16.self, at: offset) }
    func decode(_ type: Int32.Type) throws -> Int32 { try values.integer(Int32.self, at: offset) }
    func decode(_ type: Int64.Type) throws -> Int64 { try values.integer(Int64.self, at: offset) }
    func decode(_ type: UInt.Type) throws -> UInt { try values.integer(UInt.self, at: offset) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try values.integer(UInt8.self, at: offset) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try values.integer(UInt16.self, at: offset) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try values.integer(UInt32.self, at: offset) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try values.integer(UInt64.self, at: offset) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try values.decode(T.self, at: offset) }
}
