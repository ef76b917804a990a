/// A cursor over the fields of one object in a binary payload, finding values by key: what both decoders (the
/// `Codable` ``BytesDecoder`` and ``BinaryPayloadFields``) read objects with.
///
/// Encoders write fields in declaration order, so the field under the cursor is almost always the one asked for
/// next, and a look-up costs one key comparison. Other orders still work (the cursor then scans the object), and
/// fields nobody asks for are skipped. A key that is not under the cursor is looked for after it first, and before
/// it only when it may be there: the cursor keeps a 64-bit summary of the keys of the fields before it (one bit per
/// key, by ``keyBit(_:)``), so an optional field left out by the encoder (a `nil`) costs a look at the fields after
/// the cursor, not at the whole object. Errors carry the offset but no coding path, which the caller adds.
struct BinaryObjectCursor {
    let bytes: UnsafeRawBufferPointer
    let fieldCount: Int
    private let fieldsStart: Int
    /// The offset of the key of the field expected next, or of the value just located (`valuePending`).
    private var nextField: Int
    /// The number of fields before `nextField`.
    private var nextIndex = 0
    /// Whether `nextField` is the start of a located value that the caller has not reported as read.
    private var valuePending = false
    /// The bits (``keyBit(_:)``) of the keys of every field before `nextField`, and perhaps of others: a key whose
    /// bit is clear is not among the fields before the cursor.
    private var keysBefore: UInt64 = 0

    /// Reads the header of the object whose tag is at `offset` and puts the cursor on its first field.
    init(bytes: UnsafeRawBufferPointer, at offset: Int) throws(PayloadCodingError) {
        guard try PayloadScalars.tag(bytes, at: offset) == BinaryPayloadFormat.Tag.object else {
            throw PayloadScalars.mismatch("an object", bytes, at: offset)
        }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset + 1)
        fieldCount = try reader.length()
        self.bytes = bytes
        fieldsStart = reader.offset
        nextField = reader.offset
    }

    /// An empty cursor, for a decoder that has not opened an object.
    init(empty bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        fieldCount = 0
        fieldsStart = 0
        nextField = 0
    }

    /// Whether the stored key of `count` bytes at `start` is `key`. Keys are short: they are compared a word at a
    /// time, the last word overlapping the one before it (a key of 8 bytes costs one comparison, of 9 to 16 bytes
    /// two), and without a call. Payloads whose objects repeat a key are not written by any encoder; for them the
    /// field found depends on the order fields are asked for.
    @inline(__always)
    private func matches(at start: Int, count: Int, _ key: UnsafeRawBufferPointer) -> Bool {
        guard key.count == count else { return false }
        if count >= 8 {
            var index = 0
            while index + 8 < count {
                guard key.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    == bytes.loadUnaligned(fromByteOffset: start + index, as: UInt64.self)
                else { return false }
                index += 8
            }
            return key.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
                == bytes.loadUnaligned(fromByteOffset: start + count - 8, as: UInt64.self)
        }
        if count >= 4 {
            return key.loadUnaligned(as: UInt32.self) == bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self)
                && key.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == bytes.loadUnaligned(fromByteOffset: start + count - 4, as: UInt32.self)
        }
        for index in 0..<count where key[index] != bytes[start + index] { return false }
        return true
    }

    /// The bit that stands for `key` in ``keysBefore``: from its length and its first and last bytes.
    @inline(__always)
    private static func keyBit(_ key: UnsafeRawBufferPointer) -> UInt64 {
        guard let last = key.last, let first = key.first else { return 1 }
        return 1 << ((UInt64(key.count) &* 7 &+ UInt64(first) &+ UInt64(last) &* 3) & 63)
    }

    /// ``keyBit(_:)`` of the stored key of `count` bytes at `start`.
    @inline(__always)
    private func storedKeyBit(at start: Int, count: Int) -> UInt64 {
        Self.keyBit(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
    }

    /// The offset of the value stored under the UTF-8 `key`, or `nil`. The cursor stays on that value until the
    /// caller reports its end (``consumed(through:)``) or the next look-up skips it.
    mutating func locate(_ key: UnsafeRawBufferPointer) throws(PayloadCodingError) -> Int? {
        if valuePending {
            var reader = BinaryPayloadFormat.Reader(bytes, offset: nextField)
            try reader.skipValue()
            nextField = reader.offset
            valuePending = false
        }
        if nextIndex < fieldCount, nextField < bytes.count {
            // Keys are short: a one-byte length is read in place, a longer one through the reader.
            var keyStart = nextField + 1
            var length = Int(bytes[nextField])
            if length >= 0x80 || length > bytes.count - keyStart {
                var reader = BinaryPayloadFormat.Reader(bytes, offset: nextField)
                length = try reader.length()
                keyStart = reader.offset
            }
            if matches(at: keyStart, count: length, key) {
                keysBefore |= Self.keyBit(key)
                nextIndex += 1
                nextField = keyStart + length
                valuePending = true
                return nextField
            }
        }
        let before = nextIndex
        if let found = try scan(for: key, fields: before..<fieldCount, at: nextField) { return found }
        // Not after the cursor: before it, unless no key before it can be this one.
        guard before > 0, keysBefore & Self.keyBit(key) != 0 else { return nil }
        return try scan(for: key, fields: 0..<before, at: fieldsStart)
    }

    /// Looks for `key` among the fields numbered `fields` (the first of them has its key at `offset`), and puts the
    /// cursor on the value found; leaves the cursor where it was when there is none.
    private mutating func scan(for key: UnsafeRawBufferPointer, fields: Range<Int>, at offset: Int)
        throws(PayloadCodingError) -> Int?
    {
        guard !fields.isEmpty else { return nil }
        var reader = BinaryPayloadFormat.Reader(bytes, offset: offset)
        var passed: UInt64 = 0
        for index in fields {
            let length = try reader.length()
            let keyStart = reader.offset
            _ = try reader.slice(length)
            if matches(at: keyStart, count: length, key) {
                // Every field before the new position was passed here or was before the old one.
                keysBefore |= passed | Self.keyBit(key)
                nextIndex = index + 1
                nextField = reader.offset
                valuePending = true
                return reader.offset
            }
            passed |= storedKeyBit(at: keyStart, count: length)
            try reader.skipValue()
        }
        return nil
    }

    /// Tells the cursor that the value it located ends at `end`.
    @inline(__always)
    mutating func consumed(through end: Int) {
        nextField = end
        valuePending = false
    }

    /// The offset after the object: after its last field, skipping what was not read.
    mutating func end() throws(PayloadCodingError) -> Int {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: nextField)
        if valuePending { try reader.skipValue() }
        var index = nextIndex
        while index < fieldCount {
            _ = try reader.slice(try reader.length())
            try reader.skipValue()
            index += 1
        }
        return reader.offset
    }

    /// The keys of the object's fields, in stored order (as far as they can be read).
    func fieldNames() -> [String] {
        var names: [String] = []
        var reader = BinaryPayloadFormat.Reader(bytes, offset: fieldsStart)
        for _ in 0..<fieldCount {
            guard let length = try? reader.length(), let raw = try? reader.slice(length) else { break }
            names.append(String(decoding: raw, as: UTF8.self))
            guard (try? reader.skipValue()) != nil else { break }
        }
        return names
    }
}
