#if canImport(Glibc)
import Glibc
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
@inline(__always)
func validatedString(_ bytes: UnsafeRawBufferPointer) -> String? {
    var text = String(decoding: bytes, as: UTF8.self)
    let unchanged = text.withUTF8 { utf8 in
        guard utf8.count == bytes.count else { return false }
        guard let decoded = utf8.baseAddress, let stored = bytes.baseAddress else { return true }
        return memcmp(decoded, stored, bytes.count) == 0
    }
    return unchanged ? text : nil
}
