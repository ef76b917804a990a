/// A cursor over the fields of one object in a binary payload, finding values by key: what both decoders (the
/// `Codable` ``BytesDecoder`` and ``BinaryPayloadFields``) read objects with.
///
/// Encoders write fields in declaration order, so the field under the cursor is almost always the one asked for
/// next, and a look-up costs one key comparison. Other orders still work (the cursor then scans the object), and
/// fields nobody asks for are skipped. Errors carry the offset but no coding path, which the caller adds.
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
                nextIndex += 1
                nextField = keyStart + length
                valuePending = true
                return nextField
            }
        }
        return try scan(for: key)
    }

    /// Looks for `key` among all the fields, and puts the cursor on the value found.
    private mutating func scan(for key: UnsafeRawBufferPointer) throws(PayloadCodingError) -> Int? {
        var reader = BinaryPayloadFormat.Reader(bytes, offset: fieldsStart)
        for index in 0..<fieldCount {
            let length = try reader.length()
            let keyStart = reader.offset
            _ = try reader.slice(length)
            if matches(at: keyStart, count: length, key) {
                nextIndex = index + 1
                nextField = reader.offset
                valuePending = true
                return reader.offset
            }
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
