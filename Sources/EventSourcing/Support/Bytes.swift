/// `Array.withUnsafeBytes` with a typed error.
@inline(__always)
func withBytes<R, E: Error>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
    let result = bytes.withUnsafeBytes { buffer in Result { () throws(E) -> R in try body(buffer) } }
    return try result.get()
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// LEB128.
    @inline(__always)
    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }

    mutating func appendString(_ text: String) {
        appendVarint(UInt64(text.utf8.count))
        append(contentsOf: text.utf8)
    }
}

/// Big-endian 8-byte key of a number.
@inline(__always)
func bigEndianKey(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }

extension UnsafeRawBufferPointer {
    @inline(__always)
    func bigEndianUInt64(at offset: Int = 0) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The position an 8-byte key of `events` (or value of `stream-events`) holds.
    /// - Throws: ``EventStoreError/corruptRecord(position:reason:)`` when it is not 8 bytes: only a damaged page
    ///   gives one, and reading it unchecked would trap.
    @inline(__always)
    func position() throws(EventStoreError) -> UInt64 {
        guard count == 8 else {
            throw .corruptRecord(position: .start, reason: "a position of \(count) bytes, not 8, in the log or its index (a damaged page)")
        }
        return bigEndianUInt64()
    }
}

/// A bounds-checked reader over bytes; every read fails with a reason instead of trapping.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    struct Failure: Error { let reason: String }

    @inline(__always)
    mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws(Failure) -> T {
        guard remaining >= MemoryLayout<T>.size else { throw Failure(reason: "truncated at byte \(offset)") }
        let value = T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += MemoryLayout<T>.size
        return value
    }

    @inline(__always)
    mutating func byte() throws(Failure) -> UInt8 { try fixed(UInt8.self) }

    @inline(__always)
    mutating func varint() throws(Failure) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw Failure(reason: "truncated varint at byte \(offset)") }
            let b = bytes[offset]
            offset += 1
            guard shift < 64 else { throw Failure(reason: "varint too long at byte \(offset)") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    @inline(__always)
    mutating func slice(_ count: Int) throws(Failure) -> UnsafeRawBufferPointer {
        guard count >= 0, remaining >= count else {
            throw Failure(reason: "length \(count) at byte \(offset) exceeds the record (\(remaining) bytes left)")
        }
        let s = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        offset += count
        return s
    }

    @inline(__always)
    mutating func lengthPrefixed() throws(Failure) -> UnsafeRawBufferPointer {
        let length = try varint()
        guard length <= UInt64(remaining) else {
            throw Failure(reason: "length \(length) at byte \(offset) exceeds the record (\(remaining) bytes left)")
        }
        return try slice(Int(length))
    }

    mutating func string() throws(Failure) -> String {
        let raw = try lengthPrefixed()
        guard let text = validatedString(raw) else {
            throw Failure(reason: "invalid UTF-8 before byte \(offset)")
        }
        return text
    }
}
