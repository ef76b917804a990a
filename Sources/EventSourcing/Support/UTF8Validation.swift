/// Makes a `String` from bytes that must be valid UTF-8, or returns `nil`.
///
/// `String(validating:as:)` is generic and not specialised across modules, which made it the most expensive step
/// of decoding a payload; this validates with a word-at-a-time ASCII pass and a small state machine for the rest,
/// then builds the string with the specialised `String(decoding:as:)`.
@inline(__always)
func validatedString(_ bytes: UnsafeRawBufferPointer) -> String? {
    isValidUTF8(bytes) ? String(decoding: bytes, as: UTF8.self) : nil
}

/// Whether `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF).
func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    let count = bytes.count
    var index = 0
    // ASCII, eight bytes at a time.
    while index + 8 <= count {
        if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
        index += 8
    }
    while index < count {
        let lead = bytes[index]
        if lead < 0x80 {
            index += 1
            continue
        }
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return false
        }
        guard index + length <= count else { return false }
        let second = bytes[index + 1]
        guard second >= lower && second <= upper else { return false }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
        index += length
    }
    return true
}
