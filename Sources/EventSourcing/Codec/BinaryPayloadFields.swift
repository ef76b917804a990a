import Foundation

/// The fields of one object in a binary payload, read by name: what a ``BinaryPayloadDecodable`` type's
/// initialiser is handed.
///
/// The reader keeps a cursor on the field expected next (``BinaryObjectCursor``). Encoders write fields in
/// declaration order, so reading them in that order costs one key comparison each; other orders still work (the
/// reader then scans the object), and fields nobody asks for are skipped. Absent and null fields are the same to the `…IfPresent` readers, as they
/// are to `Codable`'s `decodeIfPresent`.
///
/// - Important: A `BinaryPayloadFields` points into the bytes being decoded, which belong to a read transaction:
///   it is valid only during the ``BinaryPayloadDecodable/init(binaryPayload:)`` call it is handed to. Never store
///   it or let a closure capture it; reading it afterwards reads memory that may have been reused. (It will become
///   a non-escapable type when the language's lifetime annotations are stable.)
public struct BinaryPayloadFields {
    private var cursor: BinaryObjectCursor
    private var bytes: UnsafeRawBufferPointer { cursor.bytes }
    /// The keys leading to this object, for error messages: empty at the top and in a nested object, whose errors
    /// the enclosing object locates as they pass (so that no path is made unless an error needs it).
    private let path: String
    /// How many objects enclose this one.
    private let depth: Int

    init(bytes: UnsafeRawBufferPointer, at offset: Int, path: String, depth: Int = 0) throws(PayloadCodingError) {
        guard depth < BinaryPayloadFormat.maximumDepth else {
            throw PayloadCodingError(
                .nestingTooDeep, offset: offset, codingPath: path,
                message: "values are nested more than \(BinaryPayloadFormat.maximumDepth) deep")
        }
        do throws(PayloadCodingError) {
            cursor = try BinaryObjectCursor(bytes: bytes, at: offset)
        } catch {
            throw error.located(path)
        }
        self.path = path
        self.depth = depth
    }

    // MARK: - Scalars

    /// The text under `key`.
    /// - Throws: ``PayloadCodingError`` (`keyNotFound`, `typeMismatch`, `invalidUTF8`).
    public mutating func string(_ key: StaticString) throws(PayloadCodingError) -> String {
        try read(key, PayloadScalars.string)
    }

    /// The text under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func stringIfPresent(_ key: StaticString) throws(PayloadCodingError) -> String? {
        try readIfPresent(key, PayloadScalars.string)
    }

    /// The whole number under `key`.
    /// - Throws: ``PayloadCodingError``, also when the number does not fit an `Int`.
    public mutating func int(_ key: StaticString) throws(PayloadCodingError) -> Int {
        try read(key, PayloadScalars.integers(Int.self))
    }

    /// The whole number under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func intIfPresent(_ key: StaticString) throws(PayloadCodingError) -> Int? {
        try readIfPresent(key, PayloadScalars.integers(Int.self))
    }

    /// The 64-bit whole number under `key`.
    /// - Throws: ``PayloadCodingError``.
    public mutating func int64(_ key: StaticString) throws(PayloadCodingError) -> Int64 {
        try read(key, PayloadScalars.integers(Int64.self))
    }

    /// The 64-bit whole number under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func int64IfPresent(_ key: StaticString) throws(PayloadCodingError) -> Int64? {
        try readIfPresent(key, PayloadScalars.integers(Int64.self))
    }

    /// The boolean under `key`.
    /// - Throws: ``PayloadCodingError``.
    public mutating func bool(_ key: StaticString) throws(PayloadCodingError) -> Bool {
        try read(key, PayloadScalars.bool)
    }

    /// The boolean under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func boolIfPresent(_ key: StaticString) throws(PayloadCodingError) -> Bool? {
        try readIfPresent(key, PayloadScalars.bool)
    }

    /// The number under `key` (a stored integer is converted).
    /// - Throws: ``PayloadCodingError``.
    public mutating func double(_ key: StaticString) throws(PayloadCodingError) -> Double {
        try read(key, PayloadScalars.double)
    }

    /// The number under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func doubleIfPresent(_ key: StaticString) throws(PayloadCodingError) -> Double? {
        try readIfPresent(key, PayloadScalars.double)
    }

    /// The string-backed value under `key`, such as an enumeration with `String` raw values (which `Codable`
    /// stores as its raw value).
    /// - Throws: ``PayloadCodingError``, `typeMismatch` when the text is not one of the type's raw values.
    @inlinable
    public mutating func value<T: RawRepresentable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T
    where T.RawValue == String {
        // Inlinable, so that the conversion is specialised in the caller's module (a generic one costs a metadata
        // look-up per field).
        let (text, offset) = try requiredText(key)
        guard let value = T(rawValue: text) else { throw invalid(text, as: "\(T.self)", at: offset, key: key) }
        return value
    }

    /// The string-backed value under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    @inlinable
    public mutating func valueIfPresent<T: RawRepresentable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T?
    where T.RawValue == String {
        guard let (text, offset) = try presentText(key) else { return nil }
        guard let value = T(rawValue: text) else { throw invalid(text, as: "\(T.self)", at: offset, key: key) }
        return value
    }

    // MARK: - Nested values

    /// The nested value under `key`, itself read by its ``BinaryPayloadDecodable/init(binaryPayload:)``.
    /// - Throws: ``PayloadCodingError``.
    public mutating func decode<T: BinaryPayloadDecodable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T {
        try nested(T.self, at: try require(key), key: key)
    }

    /// The nested value under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError``.
    public mutating func decodeIfPresent<T: BinaryPayloadDecodable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T? {
        guard let offset = try present(key) else { return nil }
        return try nested(T.self, at: offset, key: key)
    }

    /// The value under `key`, of any `Decodable` type (through `Codable`: dates, UUIDs, arrays, dictionaries…).
    /// - Throws: ``PayloadCodingError``.
    public mutating func decode<T: Decodable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T {
        try codable(T.self, at: try require(key), key: key)
    }

    /// The value under `key` through `Codable`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError``.
    public mutating func decodeIfPresent<T: Decodable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T? {
        guard let offset = try present(key) else { return nil }
        return try codable(T.self, at: offset, key: key)
    }

    /// An array of ``BinaryPayloadDecodable`` values under `key`, each read by its initialiser.
    /// - Throws: ``PayloadCodingError``.
    public mutating func array<T: BinaryPayloadDecodable>(of type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> [T] {
        var (count, position) = try arrayStart(key)
        var elements: [T] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            // The element's path is made only for an error (the element's own errors name paths inside it).
            do throws(PayloadCodingError) {
                var fields = try BinaryPayloadFields(bytes: bytes, at: position, path: "", depth: depth + 1)
                elements.append(try T(binaryPayload: &fields))
                position = try fields.end()
            } catch {
                throw error.located(Self.join(path, key) + "[\(index)]")
            }
        }
        consumed(through: position)
        return elements
    }

    /// An array of texts under `key`.
    /// - Throws: ``PayloadCodingError`` (`keyNotFound`, `typeMismatch`, `invalidUTF8`), naming the element.
    public mutating func strings(_ key: StaticString) throws(PayloadCodingError) -> [String] {
        try scalars(key, PayloadScalars.string)
    }

    /// An array of string-backed values under `key`, such as enumerations with `String` raw values.
    /// - Throws: ``PayloadCodingError``, `typeMismatch` when an element is not one of the type's raw values.
    public mutating func values<T: RawRepresentable>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> [T]
    where T.RawValue == String {
        try scalars(key) { (bytes, offset) throws(PayloadCodingError) -> (value: T, end: Int) in
            let (text, end) = try PayloadScalars.string(bytes, at: offset)
            guard let value = T(rawValue: text) else {
                throw PayloadCodingError(.typeMismatch, offset: offset, message: "\(text.debugDescription) is not a valid \(T.self)")
            }
            return (value, end)
        }
    }

    /// The value under `key` that is stored as its text, such as a date stored as `2026-12-01`: the type's
    /// `init?(_ description:)` parses the text.
    /// - Throws: ``PayloadCodingError``, `typeMismatch` when the type does not accept the text.
    @inlinable
    public mutating func text<T: LosslessStringConvertible>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T {
        let (text, offset) = try requiredText(key)
        guard let value = T(text) else { throw invalid(text, as: "\(T.self)", at: offset, key: key) }
        return value
    }

    /// The value under `key` that is stored as its text, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    @inlinable
    public mutating func textIfPresent<T: LosslessStringConvertible>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> T? {
        guard let (text, offset) = try presentText(key) else { return nil }
        guard let value = T(text) else { throw invalid(text, as: "\(T.self)", at: offset, key: key) }
        return value
    }

    /// The text under `key` (consumed) and the offset of its field.
    @usableFromInline
    mutating func requiredText(_ key: StaticString) throws(PayloadCodingError) -> (text: String, offset: Int) {
        let offset = try require(key)
        let (text, end) = try Self.scalar(PayloadScalars.string, bytes, at: offset, path: path, key: key)
        consumed(through: end)
        return (text, offset)
    }

    /// The text under `key` (consumed) and the offset of its field, or `nil` when the field is absent or null.
    @usableFromInline
    mutating func presentText(_ key: StaticString) throws(PayloadCodingError) -> (text: String, offset: Int)? {
        guard let offset = try present(key) else { return nil }
        let (text, end) = try Self.scalar(PayloadScalars.string, bytes, at: offset, path: path, key: key)
        consumed(through: end)
        return (text, offset)
    }

    /// The error for a text under `key` that is not a valid `typeName`.
    @usableFromInline
    func invalid(_ text: String, as typeName: String, at offset: Int, key: StaticString) -> PayloadCodingError {
        Self.notA(typeName, text, at: offset, path: path, key: key)
    }

    /// An array of values stored as their texts under `key`.
    /// - Throws: ``PayloadCodingError``, `typeMismatch` when the type does not accept an element.
    public mutating func texts<T: LosslessStringConvertible>(_ type: T.Type, _ key: StaticString) throws(PayloadCodingError) -> [T] {
        try scalars(key) { (bytes, offset) throws(PayloadCodingError) -> (value: T, end: Int) in
            let (text, end) = try PayloadScalars.string(bytes, at: offset)
            guard let value = T(text) else {
                throw PayloadCodingError(.typeMismatch, offset: offset, message: "\(text.debugDescription) is not a valid \(T.self)")
            }
            return (value, end)
        }
    }

    /// The ``Timestamp`` under `key`.
    /// - Throws: ``PayloadCodingError`` (`keyNotFound`, `typeMismatch`).
    public mutating func timestamp(_ key: StaticString) throws(PayloadCodingError) -> Timestamp {
        try read(key, PayloadScalars.timestamp)
    }

    /// The ``Timestamp`` under `key`, or `nil` when the field is absent or null.
    /// - Throws: ``PayloadCodingError`` when the field holds something else.
    public mutating func timestampIfPresent(_ key: StaticString) throws(PayloadCodingError) -> Timestamp? {
        try readIfPresent(key, PayloadScalars.timestamp)
    }

    /// The element count of the array under `key` and the offset of its first element.
    private mutating func arrayStart(_ key: StaticString) throws(PayloadCodingError) -> (count: Int, first: Int) {
        let offset = try require(key)
        guard try PayloadScalars.tag(bytes, at: offset) == BinaryPayloadFormat.Tag.array else {
            throw PayloadScalars.mismatch("an array", bytes, at: offset).located(path, key)
        }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        do throws(PayloadCodingError) { return (try reader.length(), reader.offset) } catch { throw error.located(path, key) }
    }

    /// An array of scalars under `key`, each read by `scalar`; an error names the element (`tags[2]`).
    private mutating func scalars<T>(
        _ key: StaticString, _ scalar: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)
    ) throws(PayloadCodingError) -> [T] {
        var (count, position) = try arrayStart(key)
        var elements: [T] = []
        elements.reserveCapacity(count)
        for index in 0..<count {
            do throws(PayloadCodingError) {
                let (value, end) = try scalar(bytes, position)
                elements.append(value)
                position = end
            } catch {
                throw error.located(Self.join(path, key) + "[\(index)]")
            }
        }
        consumed(through: position)
        return elements
    }

    /// Whether the object has a field `key` (null or not).
    /// - Throws: ``PayloadCodingError`` when the object is malformed.
    public mutating func contains(_ key: StaticString) throws(PayloadCodingError) -> Bool {
        try locate(key) != nil
    }

    // MARK: - Reading

    @inline(__always)
    private mutating func read<T>(
        _ key: StaticString, _ scalar: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)
    ) throws(PayloadCodingError) -> T {
        let (value, end) = try Self.scalar(scalar, bytes, at: try require(key), path: path, key: key)
        consumed(through: end)
        return value
    }

    @inline(__always)
    private mutating func readIfPresent<T>(
        _ key: StaticString, _ scalar: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int)
    ) throws(PayloadCodingError) -> T? {
        guard let offset = try present(key) else { return nil }
        let (value, end) = try Self.scalar(scalar, bytes, at: offset, path: path, key: key)
        consumed(through: end)
        return value
    }

    @inline(__always)
    private static func scalar<T>(
        _ scalar: (UnsafeRawBufferPointer, Int) throws(PayloadCodingError) -> (value: T, end: Int),
        _ bytes: UnsafeRawBufferPointer, at offset: Int, path: String, key: StaticString
    ) throws(PayloadCodingError) -> (value: T, end: Int) {
        do throws(PayloadCodingError) {
            return try scalar(bytes, offset)
        } catch {
            throw error.located(path, key)
        }
    }

    private mutating func nested<T: BinaryPayloadDecodable>(_ type: T.Type, at offset: Int, key: StaticString)
        throws(PayloadCodingError) -> T
    {
        // The object's path is made only for an error (its own errors name paths inside it).
        let value: T
        let end: Int
        do throws(PayloadCodingError) {
            var fields = try BinaryPayloadFields(bytes: bytes, at: offset, path: "", depth: depth + 1)
            value = try T(binaryPayload: &fields)
            end = try fields.end()
        } catch {
            throw error.located(path, key)
        }
        consumed(through: end)
        return value
    }

    private mutating func codable<T: Decodable>(_ type: T.Type, at offset: Int, key: StaticString) throws(PayloadCodingError) -> T {
        let value: T
        do {
            value = try BytesDecoder.decodeValue(T.self, bytes: bytes, at: offset, parentPath: [], key: nil)
        } catch {
            throw PayloadCodingError.wrap(error).located(path, key)
        }
        // Leave the value under the cursor: the next look-up skips it.
        return value
    }

    /// The offset after this object: after the last field, skipping what was not read.
    private mutating func end() throws(PayloadCodingError) -> Int {
        do throws(PayloadCodingError) { return try cursor.end() } catch { throw error.located(path) }
    }

    // MARK: - The cursor

    @inline(__always)
    private mutating func require(_ key: StaticString) throws(PayloadCodingError) -> Int {
        guard let offset = try locate(key) else {
            throw PayloadCodingError(
                .keyNotFound, codingPath: Self.join(path, key), message: "no value for key '\(key)'")
        }
        return offset
    }

    /// The offset of a present, non-null value under `key`.
    @inline(__always)
    private mutating func present(_ key: StaticString) throws(PayloadCodingError) -> Int? {
        guard let offset = try locate(key) else { return nil }
        if try PayloadScalars.isNil(bytes, at: offset) {
            consumed(through: offset + 1)
            return nil
        }
        return offset
    }

    @inline(__always)
    private mutating func consumed(through end: Int) {
        cursor.consumed(through: end)
    }

    /// The offset of the value stored under `key`, or `nil`; the cursor stays on it until it is read or skipped.
    @inline(__always)
    private mutating func locate(_ key: StaticString) throws(PayloadCodingError) -> Int? {
        if key.hasPointerRepresentation {
            do throws(PayloadCodingError) {
                return try cursor.locate(UnsafeRawBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            } catch {
                throw error.located(path)
            }
        }
        // A key stored as a single scalar: `withUTF8Buffer` serves it, but its closure cannot throw.
        let found = key.withUTF8Buffer { utf8 in
            Result { () throws(PayloadCodingError) in try cursor.locate(UnsafeRawBufferPointer(utf8)) }
        }
        switch found {
        case .success(let offset): return offset
        case .failure(let error): throw error.located(path)
        }
    }

    private static func join(_ path: String, _ key: StaticString) -> String {
        path.isEmpty ? key.description : path + "." + key.description
    }

    private static func notA(_ typeName: String, _ text: String, at offset: Int, path: String, key: StaticString) -> PayloadCodingError {
        PayloadCodingError(
            .typeMismatch, offset: offset, codingPath: join(path, key),
            message: "\(text.debugDescription) is not a valid \(typeName)")
    }
}

extension PayloadCodingError {
    /// The same error located under `path` (and `key`), unless it names a path already.
    func located(_ path: String, _ key: StaticString? = nil) -> PayloadCodingError {
        let here = key.map { path.isEmpty ? $0.description : path + "." + $0.description } ?? path
        if codingPath.isEmpty { return PayloadCodingError(code, offset: offset, codingPath: here, message: message) }
        if here.isEmpty { return self }
        let joined = codingPath.hasPrefix("[") ? here + codingPath : here + "." + codingPath
        return PayloadCodingError(code, offset: offset, codingPath: joined, message: message)
    }
}
