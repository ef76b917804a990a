import Foundation

/// Decodes a `Decodable` value straight from binary payload bytes, without building a ``PayloadValue`` tree.
///
/// Keyed containers read their object through a ``BinaryObjectCursor``: fields in declaration order cost one key
/// comparison each, other orders still work, and unknown fields are skipped.
///
/// The decoder is a class that also holds its keyed container's cursor, so one allocation serves both (a struct
/// decoder of this size would be boxed when passed as `any Decoder`, and the cursor would need a box of its own).
/// Primitive fields are read by the non-generic ``PayloadScalars`` functions, which return the offset after the
/// value, so the cursor moves on without skipping the value a second time; the coding path is only built when an
/// error is thrown or a nested value needs it.
final class BytesDecoder: Decoder {
    let bytes: UnsafeRawBufferPointer
    /// Where this decoder's value (its tag) starts.
    let offset: Int
    private let parentPath: [any CodingKey]
    private let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The cursor of the keyed container over this decoder's object.
    private var cursor: BinaryObjectCursor

    init(bytes: UnsafeRawBufferPointer, offset: Int, parentPath: [any CodingKey], key: (any CodingKey)?) {
        self.bytes = bytes
        self.offset = offset
        self.parentPath = parentPath
        self.key = key
        cursor = BinaryObjectCursor(empty: bytes)
    }

    var codingPath: [any CodingKey] {
        if let key { return parentPath + [key] }
        return parentPath
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        let reader = try BinaryPayloadFormat.payloadReader(bytes)
        do {
            return try decodeValue(T.self, bytes: bytes, at: reader.offset, parentPath: [], key: nil)
        } catch {
            throw PayloadCodingError.wrap(error)
        }
    }

    /// Decodes `T` at `offset`, with the special forms the encoder writes.
    ///
    /// Strings and integers, the most common fields, are read without a dynamic cast; an ordinary `Decodable` goes
    /// straight to `init(from:)` (no optional of the generic type, whose metadata would be looked up each time).
    static func decodeValue<T: Decodable>(
        _ type: T.Type, bytes: UnsafeRawBufferPointer, at offset: Int, parentPath: [any CodingKey], key: (any CodingKey)?
    ) throws -> T {
        if T.self == String.self {
            do throws(PayloadCodingError) {
                return unsafeBitCast(try PayloadScalars.string(bytes, at: offset).value, to: T.self)
            } catch {
                throw error.at(key.map { parentPath + [$0] } ?? parentPath)
            }
        }
        if T.self == Int.self {
            do throws(PayloadCodingError) {
                return unsafeBitCast(try PayloadScalars.integer(Int.self, bytes, at: offset).value, to: T.self)
            } catch {
                throw error.at(key.map { parentPath + [$0] } ?? parentPath)
            }
        }
        if isSpecial(T.self) {
            do throws(PayloadCodingError) {
                return try special(T.self, bytes: bytes, at: offset)
            } catch {
                throw error.at(key.map { parentPath + [$0] } ?? parentPath)
            }
        }
        guard parentPath.count < BinaryPayloadFormat.maximumDepth else {
            throw PayloadCodingError(
                .nestingTooDeep, offset: offset, codingPath: PayloadCodingError.path(parentPath),
                message: "values are nested more than \(BinaryPayloadFormat.maximumDepth) deep")
        }
        return try T(from: BytesDecoder(bytes: bytes, offset: offset, parentPath: parentPath, key: key))
    }

    /// Whether `T` is one of the types the encoder writes in a form of its own.
    @inline(__always)
    private static func isSpecial<T>(_ type: T.Type) -> Bool {
        T.self == Date.self || T.self == Timestamp.self || T.self == UUID.self || T.self == Data.self
            || T.self == [UInt8].self || T.self == Decimal.self || T.self == SealedValue.self
    }

    /// Reads one of the ``isSpecial(_:)`` types. Kept out of line: its optionals of `T` would otherwise make every
    /// call of ``decodeValue(_:bytes:at:parentPath:key:)`` look up the metadata of `T?`.
    @inline(never)
    private static func special<T: Decodable>(_ type: T.Type, bytes: UnsafeRawBufferPointer, at offset: Int)
        throws(PayloadCodingError) -> T
    {
        guard let value = try specialValue(T.self, bytes: bytes, at: offset) else {
            throw PayloadCodingError(.typeMismatch, offset: offset, message: "\(T.self) has no special form")
        }
        return value
    }

    private static func specialValue<T: Decodable>(_ type: T.Type, bytes: UnsafeRawBufferPointer, at offset: Int)
        throws(PayloadCodingError) -> T?
    {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let tag = try PayloadScalars.tag(bytes, at: offset)
        if T.self == Date.self || T.self == Timestamp.self {
            guard tag == BinaryPayloadFormat.Tag.timestamp else { throw PayloadScalars.mismatch("a timestamp", bytes, at: offset) }
            let micros = try reader.zigzag()
            return (T.self == Date.self ? Timestamp(rawValue: micros).date as? T : Timestamp(rawValue: micros) as? T)
        }
        if T.self == UUID.self {
            guard tag == BinaryPayloadFormat.Tag.uuid else { throw PayloadScalars.mismatch("a UUID", bytes, at: offset) }
            return try reader.uuid() as? T
        }
        if T.self == Data.self || T.self == [UInt8].self {
            guard tag == BinaryPayloadFormat.Tag.bytes else { throw PayloadScalars.mismatch("bytes", bytes, at: offset) }
            let raw = try reader.slice(try reader.length())
            return T.self == Data.self ? Data(raw) as? T : Array(raw) as? T
        }
        if T.self == Decimal.self {
            let text = try PayloadScalars.string(bytes, at: offset).value
            guard let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw PayloadCodingError(.typeMismatch, offset: offset, message: "\(text.debugDescription) is not a decimal number")
            }
            return decimal as? T
        }
        if T.self == SealedValue.self {
            guard tag == BinaryPayloadFormat.Tag.sealed else { throw PayloadScalars.mismatch("a sealed value", bytes, at: offset) }
            return try reader.sealed() as? T
        }
        return nil
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedBytesContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedBytesContainer(bytes: bytes, offset: offset, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleBytesContainer(decoder: self)
    }

    // MARK: - The keyed container's cursor

    /// Reads the object header and puts the cursor on its first field.
    fileprivate func openObject() throws(PayloadCodingError) {
        do throws(PayloadCodingError) {
            cursor = try BinaryObjectCursor(bytes: bytes, at: offset)
        } catch {
            throw error.at(codingPath)
        }
    }

    /// The offset of the value stored under `name`, or `nil`. The cursor stays on that value until the caller
    /// reports its end (``consumed(through:)``) or the next look-up skips it.
    fileprivate func locate(_ name: String) throws(PayloadCodingError) -> Int? {
        var name = name
        // `withUTF8` rethrows untyped errors: the result comes out as a `Result`.
        return try name.withUTF8 { utf8 in
            Result { () throws(PayloadCodingError) in try cursor.locate(UnsafeRawBufferPointer(utf8)) }
        }.get()
    }

    /// Tells the cursor that the value it located ends at `end`.
    @inline(__always)
    fileprivate func consumed(through end: Int) {
        cursor.consumed(through: end)
    }

    /// The keys of the object's fields, in stored order.
    fileprivate func fieldNames() -> [String] {
        cursor.fieldNames()
    }
}

/// Reads primitive values at offsets of a payload; each returns the value and the offset after it. Errors carry
/// the offset but no coding path, which the caller adds.
enum PayloadScalars {
    static func mismatch(_ expected: String, _ bytes: UnsafeRawBufferPointer, at offset: Int) -> PayloadCodingError {
        let found = offset < bytes.count ? BinaryPayloadFormat.Tag.name(bytes[offset]) : "the end of the payload"
        return PayloadCodingError(.typeMismatch, offset: offset, message: "expected \(expected) but found \(found)")
    }

    @inline(__always)
    static func tag(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> UInt8 {
        guard offset >= 0, offset < bytes.count else {
            throw PayloadCodingError(.truncated, offset: offset, message: "the payload ends too early")
        }
        return bytes[offset]
    }

    @inline(__always)
    static func isNil(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> Bool {
        try tag(bytes, at: offset) == BinaryPayloadFormat.Tag.null
    }

    static func bool(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> (value: Bool, end: Int) {
        switch try tag(bytes, at: offset) {
        case BinaryPayloadFormat.Tag.true: return (true, offset + 1)
        case BinaryPayloadFormat.Tag.false: return (false, offset + 1)
        default: throw mismatch("a boolean", bytes, at: offset)
        }
    }

    @inline(__always)
    static func string(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> (value: String, end: Int) {
        guard try tag(bytes, at: offset) == BinaryPayloadFormat.Tag.string else { throw mismatch("a string", bytes, at: offset) }
        // Most strings are shorter than 128 bytes: their length is one byte, read in place.
        let start = offset + 2
        if start <= bytes.count, bytes[offset + 1] < 0x80, Int(bytes[offset + 1]) <= bytes.count - start {
            let end = start + Int(bytes[offset + 1])
            guard let text = validatedString(UnsafeRawBufferPointer(rebasing: bytes[start..<end])) else {
                throw PayloadCodingError(.invalidUTF8, offset: offset + 1, message: "text is not valid UTF-8")
            }
            return (text, end)
        }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let text = try reader.text()
        return (text, reader.offset)
    }

    static func timestamp(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> (value: Timestamp, end: Int) {
        guard try tag(bytes, at: offset) == BinaryPayloadFormat.Tag.timestamp else { throw mismatch("a timestamp", bytes, at: offset) }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let micros = try reader.zigzag()
        return (Timestamp(rawValue: micros), reader.offset)
    }

    static func double(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) -> (value: Double, end: Int) {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let value: Double
        switch try tag(bytes, at: offset) {
        case BinaryPayloadFormat.Tag.double:
            value = Double(bitPattern: UInt64(littleEndian: try reader.slice(8).loadUnaligned(as: UInt64.self)))
        case BinaryPayloadFormat.Tag.int: value = Double(try reader.zigzag())
        case BinaryPayloadFormat.Tag.uint: value = Double(try reader.varint())
        default: throw mismatch("a number", bytes, at: offset)
        }
        return (value, reader.offset)
    }

    /// ``integer(_:_:at:)`` as a reader function, for the containers' `decode` methods.
    @inline(__always)
    static func integers<T: FixedWidthInteger>(_: T.Type)
        -> (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)
    {
        { bytes, offset throws(PayloadCodingError) in try integer(T.self, bytes, at: offset) }
    }

    @inline(__always)
    static func integer<T: FixedWidthInteger>(_: T.Type, _ bytes: UnsafeRawBufferPointer, at offset: Int)
        throws(PayloadCodingError) -> (value: T, end: Int)
    {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        let result: T?
        switch try tag(bytes, at: offset) {
        case BinaryPayloadFormat.Tag.int: result = T(exactly: try reader.zigzag())
        case BinaryPayloadFormat.Tag.uint: result = T(exactly: try reader.varint())
        default: throw mismatch("an integer", bytes, at: offset)
        }
        guard let result else {
            throw PayloadCodingError(.typeMismatch, offset: offset, message: "the number does not fit \(T.self)")
        }
        return (result, reader.offset)
    }
}

private struct KeyedBytesContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BytesDecoder

    init(decoder: BytesDecoder) throws(PayloadCodingError) {
        self.decoder = decoder
        try decoder.openObject()
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    private func require(_ key: Key) throws(PayloadCodingError) -> Int {
        guard let offset = try decoder.locate(key.stringValue) else {
            throw PayloadCodingError(
                .keyNotFound, codingPath: PayloadCodingError.path(codingPath + [key]),
                message: "no value for key '\(key.stringValue)'")
        }
        return offset
    }

    var allKeys: [Key] { decoder.fieldNames().compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { ((try? decoder.locate(key.stringValue)) ?? nil) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        do throws(PayloadCodingError) {
            guard let offset = try decoder.locate(key.stringValue) else { return true }
            return try PayloadScalars.isNil(decoder.bytes, at: offset)
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    /// Reads a primitive value under `key` and moves the cursor past it; the coding path is only built when an
    /// error is thrown.
    @inline(__always)
    private func primitive<T>(
        _ key: Key, _ read: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)
    ) throws -> T {
        do throws(PayloadCodingError) {
            let (value, end) = try read(decoder.bytes, try require(key))
            decoder.consumed(through: end)
            return value
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try primitive(key, PayloadScalars.bool) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try primitive(key, PayloadScalars.string) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try primitive(key, PayloadScalars.double) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try primitive(key, PayloadScalars.double)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try primitive(key, PayloadScalars.integers(Int.self)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try primitive(key, PayloadScalars.integers(Int8.self)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try primitive(key, PayloadScalars.integers(Int16.self)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try primitive(key, PayloadScalars.integers(Int32.self)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try primitive(key, PayloadScalars.integers(Int64.self)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try primitive(key, PayloadScalars.integers(UInt.self)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try primitive(key, PayloadScalars.integers(UInt8.self)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try primitive(key, PayloadScalars.integers(UInt16.self)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try primitive(key, PayloadScalars.integers(UInt32.self)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try primitive(key, PayloadScalars.integers(UInt64.self)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try BytesDecoder.decodeValue(T.self, bytes: decoder.bytes, at: try require(key), parentPath: codingPath, key: key)
    }

    /// The offset of a present, non-null value under `key`.
    private func present(_ key: Key) throws -> Int? {
        do throws(PayloadCodingError) {
            guard let offset = try decoder.locate(key.stringValue), try !PayloadScalars.isNil(decoder.bytes, at: offset) else {
                return nil
            }
            return offset
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let offset = try present(key) else { return nil }
        return try BytesDecoder.decodeValue(T.self, bytes: decoder.bytes, at: offset, parentPath: codingPath, key: key)
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let offset = try present(key) else { return nil }
        do throws(PayloadCodingError) {
            let (value, end) = try PayloadScalars.string(decoder.bytes, at: offset)
            decoder.consumed(through: end)
            return value
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let offset = try present(key) else { return nil }
        do throws(PayloadCodingError) {
            let (value, end) = try PayloadScalars.integer(Int.self, decoder.bytes, at: offset)
            decoder.consumed(through: end)
            return value
        } catch {
            throw error.at(codingPath + [key])
        }
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let nested = BytesDecoder(bytes: decoder.bytes, offset: try require(key), parentPath: codingPath, key: key)
        return KeyedDecodingContainer(try KeyedBytesContainer<NestedKey>(decoder: nested))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try UnkeyedBytesContainer(bytes: decoder.bytes, offset: try require(key), codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        let key = AnyCodingKey("super")
        guard let offset = try decoder.locate("super") else {
            throw PayloadCodingError(.keyNotFound, codingPath: PayloadCodingError.path(codingPath + [key]), message: "no value for key 'super'")
        }
        return BytesDecoder(bytes: decoder.bytes, offset: offset, parentPath: codingPath, key: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        BytesDecoder(bytes: decoder.bytes, offset: try require(key), parentPath: codingPath, key: key)
    }
}

private final class UnkeyedBytesContainer: UnkeyedDecodingContainer, ScalarDecoding {
    let bytes: UnsafeRawBufferPointer
    let codingPath: [any CodingKey]
    let count: Int?
    private(set) var currentIndex = 0
    private var cursor: Int

    init(bytes: UnsafeRawBufferPointer, offset: Int, codingPath: [any CodingKey]) throws(PayloadCodingError) {
        self.bytes = bytes
        self.codingPath = codingPath
        guard try PayloadScalars.tag(bytes, at: offset) == BinaryPayloadFormat.Tag.array else {
            throw PayloadScalars.mismatch("an array", bytes, at: offset).at(codingPath)
        }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        do throws(PayloadCodingError) { count = try reader.length() } catch { throw error.at(codingPath) }
        cursor = reader.offset
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    private var elementPath: [any CodingKey] { codingPath + [AnyCodingKey(index: currentIndex)] }

    /// The offset of the next element, failing when there is none.
    private func current() throws(PayloadCodingError) -> Int {
        guard !isAtEnd else {
            throw PayloadCodingError(.valueNotFound, codingPath: PayloadCodingError.path(elementPath), message: "the array has no more elements")
        }
        return cursor
    }

    /// Moves past the current element, which ends at `end`.
    private func advance(to end: Int) {
        cursor = end
        currentIndex += 1
    }

    /// Reads the next element with `read` and moves past it.
    func read<T>(_ read: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)) throws -> T {
        do throws(PayloadCodingError) {
            let (value, end) = try read(bytes, try current())
            advance(to: end)
            return value
        } catch {
            throw error.at(elementPath)
        }
    }

    /// The offset of the next element and the offset after it (for values read by another decoder).
    private func next() throws -> (offset: Int, end: Int) {
        do throws(PayloadCodingError) {
            let offset = try current()
            var reader = BinaryPayloadFormat.Reader(bytes, offset: offset)
            try reader.skipValue()
            return (offset, reader.offset)
        } catch {
            throw error.at(elementPath)
        }
    }

    func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        do throws(PayloadCodingError) {
            guard try PayloadScalars.isNil(bytes, at: cursor) else { return false }
        } catch {
            throw error.at(elementPath)
        }
        advance(to: cursor + 1)
        return true
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let key = AnyCodingKey(index: currentIndex)
        let (offset, end) = try next()
        let value = try BytesDecoder.decodeValue(T.self, bytes: bytes, at: offset, parentPath: codingPath, key: key)
        advance(to: end)
        return value
    }

    /// A decoder for the next element, moving past it.
    private func nextDecoder() throws -> BytesDecoder {
        let key = AnyCodingKey(index: currentIndex)
        let (offset, end) = try next()
        advance(to: end)
        return BytesDecoder(bytes: bytes, offset: offset, parentPath: codingPath, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(try KeyedBytesContainer<NestedKey>(decoder: try nextDecoder()))
    }

    func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let path = elementPath
        let (offset, end) = try next()
        let container = try UnkeyedBytesContainer(bytes: bytes, offset: offset, codingPath: path)
        advance(to: end)
        return container
    }

    func superDecoder() throws -> any Decoder { try nextDecoder() }
}

private struct SingleBytesContainer: SingleValueDecodingContainer, ScalarDecoding {
    let decoder: BytesDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func read<T>(_ read: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)) throws -> T {
        do throws(PayloadCodingError) { return try read(decoder.bytes, decoder.offset).value } catch { throw error.at(codingPath) }
    }

    func decodeNil() -> Bool { (try? PayloadScalars.isNil(decoder.bytes, at: decoder.offset)) ?? false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try BytesDecoder.decodeValue(T.self, bytes: decoder.bytes, at: decoder.offset, parentPath: codingPath, key: nil)
    }
}

/// The scalar `decode` methods that the unkeyed and the single-value container share, written once over `read`.
private protocol ScalarDecoding {
    /// Reads the container's current value with `read` (and moves past it, for an unkeyed container).
    func read<T>(_ read: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)) throws -> T
}

extension ScalarDecoding {
    func decode(_ type: Bool.Type) throws -> Bool { try read(PayloadScalars.bool) }
    func decode(_ type: String.Type) throws -> String { try read(PayloadScalars.string) }
    func decode(_ type: Double.Type) throws -> Double { try read(PayloadScalars.double) }
    func decode(_ type: Float.Type) throws -> Float { Float(try read(PayloadScalars.double)) }
    func decode(_ type: Int.Type) throws -> Int { try read(PayloadScalars.integers(Int.self)) }
    func decode(_ type: Int8.Type) throws -> Int8 { try read(PayloadScalars.integers(Int8.self)) }
    func decode(_ type: Int16.Type) throws -> Int16 { try read(PayloadScalars.integers(Int16.self)) }
    func decode(_ type: Int32.Type) throws -> Int32 { try read(PayloadScalars.integers(Int32.self)) }
    func decode(_ type: Int64.Type) throws -> Int64 { try read(PayloadScalars.integers(Int64.self)) }
    func decode(_ type: UInt.Type) throws -> UInt { try read(PayloadScalars.integers(UInt.self)) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try read(PayloadScalars.integers(UInt8.self)) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try read(PayloadScalars.integers(UInt16.self)) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try read(PayloadScalars.integers(UInt32.self)) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try read(PayloadScalars.integers(UInt64.self)) }
}
