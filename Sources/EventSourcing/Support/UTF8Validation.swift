#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes a `String` from bytes that must be valid UTF-8, or returns `nil`.
///
/// `String(validating:as:)` is generic and not specialised across modules, which made it the most expensive step
/// of decoding a payload. The specialised `String(decoding:as:)` validates as it copies but repairs what is
/// invalid (each ill-formed sequence becomes U+FFFD) instead of failing; its result holds the very same bytes
/// exactly when the input was valid UTF-8 (a repair always changes them, since ill-formed bytes cannot appear in
/// a `String`), so one comparison tells the two apart.
/// Text that is all ASCII, the common case, is recognised first, a word at a time, and needs no comparison.
@inline(__always)
func validatedString(_ bytes: UnsafeRawBufferPointer) -> String? {
    if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
    var text = String(decoding: bytes, as: UTF8.self)
    let unchanged = text.withUTF8 { utf8 in
        guard utf8.count == bytes.count else { return false }
        guard let decoded = utf8.baseAddress, let stored = bytes.baseAddress else { return true }
        return memcmp(decoded, stored, bytes.count) == 0
    }
    return unchanged ? text : nil
}

/// Whether every byte is below 0x80: eight bytes at a time, the last word overlapping the one before it.
@inline(__always)
func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    let high: UInt64 = 0x8080_8080_8080_8080
    if count >= 8 {
        var index = 0
        while index + 8 < count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & high != 0 { return false }
            index += 8
        }
        return bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) & high == 0
    }
    if count >= 4 {
        return (bytes.loadUnaligned(as: UInt32.self) | bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            & 0x8080_8080 == 0
    }
    for index in 0..<count where bytes[index] >= 0x80 { return false }
    return true
}
