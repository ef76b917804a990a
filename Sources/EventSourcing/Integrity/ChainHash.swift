import Crypto

/// The SHA-256 chain hash stored in every record.
///
/// The hash of the record at position *p* is `SHA-256(hash(p − 1) ‖ p as 8 bytes big-endian ‖ body(p))`, where
/// `body` is the record's bytes after its hash field and `hash(0)` is 32 zero bytes. Changing, removing,
/// reordering or inserting any record therefore changes every hash after it; comparing the last hash with a
/// previously exported one proves that nothing before it changed.
public struct ChainHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// The hash before the first record: 32 zero bytes.
    public static let genesis = ChainHash(bytes: [UInt8](repeating: 0, count: 32))

    /// Wraps 32 bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    init(_ buffer: UnsafeRawBufferPointer) { self.bytes = Array(buffer) }

    /// Lowercase hexadecimal.
    public var description: String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Parses 64 hexadecimal digits; `nil` otherwise.
    public init?(hex: String) {
        var out: [UInt8] = []
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case 0x30...0x39: v = c - 0x30
            case 0x61...0x66: v = c - 0x61 + 10
            case 0x41...0x46: v = c - 0x41 + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | v); high = nil } else { high = v }
        }
        guard out.count == 32, high == nil else { return nil }
        bytes = out
    }

    /// The hash of the record at `position` whose body is `body`, chained to `previous`.
    static func compute(previous: UnsafeRawBufferPointer, position: UInt64, body: UnsafeRawBufferPointer)
        -> SHA256.Digest
    {
        var hasher = SHA256()
        hasher.update(bufferPointer: previous)
        withUnsafeBytes(of: position.bigEndian) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: body)
        return hasher.finalize()
    }
}
