public import Foundation

/// Writes the fields of one object of a binary payload, by name: what a ``BinaryPayloadEncodable`` type's
/// ``BinaryPayloadEncodable/encode(binaryPayload:)`` is handed. The mirror of ``BinaryPayloadFields``.
///
/// Each call appends one field (its key, then its value) in the forms `Codable` encoding through
/// ``BinaryPayloadCodec`` uses: integers as zigzag numbers, ``Timestamp`` and `Date` as timestamps, `UUID` as 16
/// bytes, `Decimal` as its text, string-backed enumerations as their raw values. The `…IfPresent` writers leave a
/// `nil` out, as `encodeIfPresent` does. Fields go in the order they are written; write each key once.
///
/// An object's field count comes before its fields but is known only at its end: the writer reserves one byte for
/// it and widens it in the rare object of more than 127 fields.
public struct BinaryPayloadFieldWriter: Sendable {
    /// The payload written so far, from the format byte on.
    private(set) var bytes: [UInt8]
    /// The offset of the reserved field-count byte of the object being written.
    private var countOffset = 0
    /// The number of fields written into the object being written.
    private var fieldCount = 0
    /// How many objects or arrays enclose the object being written (0 for the payload's own object).
    private var depth = 0

    /// A writer of a payload: the format byte so far.
    init() {
        bytes = [BinaryPayloadFormat.version]
        bytes.reserveCapacity(256)
    }

    // MARK: - Scalars

    /// Writes text under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`) when the object is nested deeper than the format allows.
    public mutating func string(_ key: StaticString, _ value: String) throws(PayloadCodingError) {
        try field(key)
        appendString(value)
    }

    /// Writes text under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func stringIfPresent(_ key: StaticString, _ value: String?) throws(PayloadCodingError) {
        if let value { try string(key, value) }
    }

    /// Writes a whole number under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func int(_ key: StaticString, _ value: Int) throws(PayloadCodingError) {
        try int64(key, Int64(value))
    }

    /// Writes a whole number under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func intIfPresent(_ key: StaticString, _ value: Int?) throws(PayloadCodingError) {
        if let value { try int64(key, Int64(value)) }
    }

    /// Writes a 64-bit whole number under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func int64(_ key: StaticString, _ value: Int64) throws(PayloadCodingError) {
        try field(key)
        appendSigned(value)
    }

    /// Writes a 64-bit whole number under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func int64IfPresent(_ key: StaticString, _ value: Int64?) throws(PayloadCodingError) {
        if let value { try int64(key, value) }
    }

    /// Writes an unsigned whole number under `key` (as a signed integer when it fits `Int64`, as `Codable` does).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func uint(_ key: StaticString, _ value: UInt) throws(PayloadCodingError) {
        try field(key)
        let wide = UInt64(value)
        if wide <= UInt64(Int64.max) {
            appendSigned(Int64(wide))
        } else {
            bytes.append(BinaryPayloadFormat.Tag.uint)
            bytes.appendVarint(wide)
        }
    }

    /// Writes an unsigned whole number under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func uintIfPresent(_ key: StaticString, _ value: UInt?) throws(PayloadCodingError) {
        if let value { try uint(key, value) }
    }

    /// Writes a boolean under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func bool(_ key: StaticString, _ value: Bool) throws(PayloadCodingError) {
        try field(key)
        bytes.append(value ? BinaryPayloadFormat.Tag.true : BinaryPayloadFormat.Tag.false)
    }

    /// Writes a boolean under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func boolIfPresent(_ key: StaticString, _ value: Bool?) throws(PayloadCodingError) {
        if let value { try bool(key, value) }
    }

    /// Writes a number under `key` (its 64 bits, so every value, NaN and infinities included, reads back the same).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func double(_ key: StaticString, _ value: Double) throws(PayloadCodingError) {
        try field(key)
        bytes.append(BinaryPayloadFormat.Tag.double)
        bytes.appendLittleEndian(value.bitPattern)
    }

    /// Writes a number under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func doubleIfPresent(_ key: StaticString, _ value: Double?) throws(PayloadCodingError) {
        if let value { try double(key, value) }
    }

    /// Writes a ``Timestamp`` under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func timestamp(_ key: StaticString, _ value: Timestamp) throws(PayloadCodingError) {
        try field(key)
        appendTimestamp(value.rawValue)
    }

    /// Writes a ``Timestamp`` under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func timestampIfPresent(_ key: StaticString, _ value: Timestamp?) throws(PayloadCodingError) {
        if let value { try timestamp(key, value) }
    }

    /// Writes a `Date` under `key`, as a timestamp in whole microseconds (as `Codable` encoding does).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func date(_ key: StaticString, _ value: Date) throws(PayloadCodingError) {
        try field(key)
        appendTimestamp(Timestamp(value).rawValue)
    }

    /// Writes a `Date` under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func dateIfPresent(_ key: StaticString, _ value: Date?) throws(PayloadCodingError) {
        if let value { try date(key, value) }
    }

    /// Writes a `UUID` under `key`, as its 16 bytes.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func uuid(_ key: StaticString, _ value: UUID) throws(PayloadCodingError) {
        try field(key)
        bytes.append(BinaryPayloadFormat.Tag.uuid)
        withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) }
    }

    /// Writes a `UUID` under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func uuidIfPresent(_ key: StaticString, _ value: UUID?) throws(PayloadCodingError) {
        if let value { try uuid(key, value) }
    }

    /// Writes a `Decimal` under `key`, as its decimal text (money never passes through floating point).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func decimal(_ key: StaticString, _ value: Decimal) throws(PayloadCodingError) {
        try field(key)
        appendString(value.description)
    }

    /// Writes a `Decimal` under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func decimalIfPresent(_ key: StaticString, _ value: Decimal?) throws(PayloadCodingError) {
        if let value { try decimal(key, value) }
    }

    /// Writes a string-backed value under `key`, such as an enumeration with `String` raw values, as its raw value
    /// (what `Codable` stores for it).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func value<T: RawRepresentable>(_ key: StaticString, _ value: T) throws(PayloadCodingError)
    where T.RawValue == String {
        try string(key, value.rawValue)
    }

    /// Writes a string-backed value under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func valueIfPresent<T: RawRepresentable>(_ key: StaticString, _ value: T?) throws(PayloadCodingError)
    where T.RawValue == String {
        if let value { try string(key, value.rawValue) }
    }

    /// Writes a value stored as its text under `key`, such as a date stored as `2026-12-01`: its `description`.
    ///
    /// Only for types whose `Codable` encoding is that same text (a single string value), as the readers'
    /// ``BinaryPayloadFields/text(_:_:)`` expects.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func text<T: LosslessStringConvertible>(_ key: StaticString, _ value: T) throws(PayloadCodingError) {
        try string(key, value.description)
    }

    /// Writes a value stored as its text under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func textIfPresent<T: LosslessStringConvertible>(_ key: StaticString, _ value: T?) throws(PayloadCodingError) {
        if let value { try string(key, value.description) }
    }

    // MARK: - Nested values

    /// Writes a nested object under `key`, by the value's own ``BinaryPayloadEncodable/encode(binaryPayload:)``.
    /// - Throws: ``PayloadCodingError``, `nestingTooDeep` when objects are nested deeper than the format allows.
    public mutating func encode<T: BinaryPayloadEncodable>(_ key: StaticString, _ value: T) throws(PayloadCodingError) {
        try field(key)
        try nestedObject(value, key: key)
    }

    /// Writes a nested object under `key`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError``.
    public mutating func encodeIfPresent<T: BinaryPayloadEncodable>(_ key: StaticString, _ value: T?) throws(PayloadCodingError) {
        if let value { try encode(key, value) }
    }

    /// Writes a value of any `Encodable` type under `key`, through `Codable` (dictionaries, types without a
    /// ``BinaryPayloadEncodable`` conformance): the bytes `Codable` encoding writes for it, at `Codable`'s cost.
    /// - Throws: ``PayloadCodingError`` when the value cannot be encoded.
    public mutating func encode<T: Encodable>(_ key: StaticString, _ value: T) throws(PayloadCodingError) {
        try field(key)
        let tree: PayloadValue
        do throws(PayloadCodingError) {
            tree = try PayloadValueEncoder().encode(value)
        } catch {
            throw error.located("", key)
        }
        BinaryPayloadFormat.write(tree, into: &bytes)
    }

    /// Writes a value of any `Encodable` type under `key` through `Codable`, or nothing when `value` is `nil`.
    /// - Throws: ``PayloadCodingError`` when the value cannot be encoded.
    public mutating func encodeIfPresent<T: Encodable>(_ key: StaticString, _ value: T?) throws(PayloadCodingError) {
        if let value { try encode(key, value) }
    }

    /// Writes an array of nested objects under `key`, each by its ``BinaryPayloadEncodable/encode(binaryPayload:)``.
    /// - Throws: ``PayloadCodingError``, `nestingTooDeep` when objects are nested deeper than the format allows.
    public mutating func array<T: BinaryPayloadEncodable>(_ key: StaticString, _ values: [T]) throws(PayloadCodingError) {
        try arrayStart(key, count: values.count)
        depth += 1
        for value in values { try nestedObject(value, key: key) }
        depth -= 1
    }

    /// Writes an array of texts under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func strings(_ key: StaticString, _ values: [String]) throws(PayloadCodingError) {
        try arrayStart(key, count: values.count)
        for value in values { appendString(value) }
    }

    /// Writes an array of string-backed values under `key`, such as enumerations with `String` raw values.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func values<T: RawRepresentable>(_ key: StaticString, _ values: [T]) throws(PayloadCodingError)
    where T.RawValue == String {
        try arrayStart(key, count: values.count)
        for value in values { appendString(value.rawValue) }
    }

    /// Writes an array of values stored as their texts under `key` (see ``text(_:_:)``).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func texts<T: LosslessStringConvertible>(_ key: StaticString, _ values: [T]) throws(PayloadCodingError) {
        try arrayStart(key, count: values.count)
        for value in values { appendString(value.description) }
    }

    /// Writes an array of whole numbers under `key`.
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func ints(_ key: StaticString, _ values: [Int]) throws(PayloadCodingError) {
        try arrayStart(key, count: values.count)
        for value in values { appendSigned(Int64(value)) }
    }

    /// Writes a dictionary of whole numbers by text under `key`, as an object in the dictionary's iteration order
    /// (which is what `Codable` encoding of a `[String: Int]` writes).
    /// - Throws: ``PayloadCodingError`` (`nestingTooDeep`).
    public mutating func intsByKey(_ key: StaticString, _ values: [String: Int]) throws(PayloadCodingError) {
        try field(key)
        try checkDepth(depth + 2, key: key, when: !values.isEmpty)
        bytes.append(BinaryPayloadFormat.Tag.object)
        bytes.appendVarint(UInt64(values.count))
        for (name, number) in values {
            bytes.appendString(name)
            appendSigned(Int64(number))
        }
    }

    // MARK: - Objects

    /// Writes `value` as an object at the current position (the payload's own object, an array element or a
    /// field's value), counting its fields.
    mutating func writeObject<T: BinaryPayloadEncodable>(_ value: T) throws(PayloadCodingError) {
        let (outerCount, outerOffset) = (fieldCount, countOffset)
        bytes.append(BinaryPayloadFormat.Tag.object)
        countOffset = bytes.count
        bytes.append(0)
        fieldCount = 0
        try value.encode(binaryPayload: &self)
        patchCount()
        (fieldCount, countOffset) = (outerCount, outerOffset)
    }

    /// Writes `value` as an object one level deeper than the object being written.
    private mutating func nestedObject<T: BinaryPayloadEncodable>(_ value: T, key: StaticString) throws(PayloadCodingError) {
        depth += 1
        try checkDepth(depth, key: key, when: true)
        try writeObject(value)
        depth -= 1
    }

    /// Stores the field count of the object just written in its reserved byte, widening it past 127 fields.
    private mutating func patchCount() {
        if fieldCount < 0x80 {
            bytes[countOffset] = UInt8(fieldCount)
            return
        }
        var count: [UInt8] = []
        count.appendVarint(UInt64(fieldCount))
        bytes.replaceSubrange(countOffset..<(countOffset + 1), with: count)
    }

    // MARK: - Bytes

    /// Appends `key` as the next field's key, after checking that its value is not nested too deep.
    @inline(__always)
    private mutating func field(_ key: StaticString) throws(PayloadCodingError) {
        // The object is at `depth`, its fields' values one deeper: what the readers accept.
        try checkDepth(depth + 1, key: key, when: true)
        fieldCount += 1
        if key.hasPointerRepresentation {
            let count = key.utf8CodeUnitCount
            bytes.appendVarint(UInt64(count))
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: key.utf8Start, count: count))
        } else {
            key.withUTF8Buffer { utf8 in
                bytes.appendVarint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
    }

    /// Appends an array's tag and count under `key`.
    @inline(__always)
    private mutating func arrayStart(_ key: StaticString, count: Int) throws(PayloadCodingError) {
        try field(key)
        try checkDepth(depth + 2, key: key, when: count > 0)
        bytes.append(BinaryPayloadFormat.Tag.array)
        bytes.appendVarint(UInt64(count))
    }

    /// Fails when a value would sit at `level` (the payload's object being level 0), which the readers refuse.
    @inline(__always)
    private func checkDepth(_ level: Int, key: StaticString, when condition: Bool) throws(PayloadCodingError) {
        guard condition, level >= BinaryPayloadFormat.maximumDepth else { return }
        throw PayloadCodingError(
            .nestingTooDeep, offset: bytes.count, codingPath: key.description,
            message: "values are nested more than \(BinaryPayloadFormat.maximumDepth) deep, which no reader accepts; "
                + "flatten the value's nested types")
    }

    @inline(__always)
    private mutating func appendString(_ text: String) {
        bytes.append(BinaryPayloadFormat.Tag.string)
        bytes.appendString(text)
    }

    @inline(__always)
    private mutating func appendSigned(_ number: Int64) {
        bytes.append(BinaryPayloadFormat.Tag.int)
        bytes.appendVarint(UInt64(bitPattern: (number << 1) ^ (number >> 63)))
    }

    @inline(__always)
    private mutating func appendTimestamp(_ micros: Int64) {
        bytes.append(BinaryPayloadFormat.Tag.timestamp)
        bytes.appendVarint(UInt64(bitPattern: (micros << 1) ^ (micros >> 63)))
    }
}
