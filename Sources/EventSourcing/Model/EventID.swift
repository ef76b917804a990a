public import Foundation

/// The unique identifier of an event: 16 bytes, written as a UUID.
///
/// Appending an event whose identifier the store has seen before does not write it twice (see
/// ``EventStore/append(_:)``), so a caller that retries after a timeout can reuse the identifier safely.
/// New identifiers are UUID version 7 (time-ordered), which keeps the store's identifier index compact.
public struct EventID: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The identifier as a Foundation UUID.
    public let uuid: UUID

    /// Wraps a UUID.
    public init(_ uuid: UUID) { self.uuid = uuid }

    /// Parses `"0191e5a2-…"`; `nil` when the text is not a UUID.
    public init?(_ text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        self.uuid = uuid
    }

    /// Reads 16 bytes.
    init(bytes: UnsafeRawBufferPointer) {
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(16))) }
        uuid = UUID(uuid: raw)
    }

    /// The 16 bytes, in UUID order.
    var bytes: [UInt8] { withUnsafeBytes(of: uuid.uuid) { Array($0) } }

    /// Appends the 16 bytes to `buffer`.
    func write(to buffer: inout [UInt8]) {
        withUnsafeBytes(of: uuid.uuid) { buffer.append(contentsOf: $0) }
    }

    /// A new time-ordered identifier (UUID version 7: 48 bits of Unix milliseconds, a 12-bit counter that keeps ids
    /// of the same millisecond in order, then random bits).
    public static func make() -> EventID {
        let millis = UInt64(max(0, Date().timeIntervalSince1970 * 1000))
        let (sequence, random) = generator.next(millis: millis)
        let raw: uuid_t = (
            UInt8(truncatingIfNeeded: millis >> 40), UInt8(truncatingIfNeeded: millis >> 32),
            UInt8(truncatingIfNeeded: millis >> 24), UInt8(truncatingIfNeeded: millis >> 16),
            UInt8(truncatingIfNeeded: millis >> 8), UInt8(truncatingIfNeeded: millis),
            0x70 | UInt8(truncatingIfNeeded: sequence >> 8 & 0x0F), UInt8(truncatingIfNeeded: sequence),
            0x80 | UInt8(truncatingIfNeeded: random >> 56 & 0x3F), UInt8(truncatingIfNeeded: random >> 48),
            UInt8(truncatingIfNeeded: random >> 40), UInt8(truncatingIfNeeded: random >> 32),
            UInt8(truncatingIfNeeded: random >> 24), UInt8(truncatingIfNeeded: random >> 16),
            UInt8(truncatingIfNeeded: random >> 8), UInt8(truncatingIfNeeded: random)
        )
        return EventID(UUID(uuid: raw))
    }

    private static let generator = IdentifierGenerator()

    /// The lowercase UUID text.
    public var description: String { uuid.uuidString.lowercased() }

    /// The 16 bytes as two big-endian words, so that comparing `(high, low)` compares the bytes in order.
    @inline(__always)
    var words: (high: UInt64, low: UInt64) {
        withUnsafeBytes(of: uuid.uuid) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }

    /// Orders identifiers by their bytes (for version 7 identifiers: by creation time).
    public static func < (lhs: EventID, rhs: EventID) -> Bool {
        let l = lhs.words
        let r = rhs.words
        return l.high != r.high ? l.high < r.high : l.low < r.low
    }

    /// Whether both identifiers have the same 16 bytes.
    public static func == (lhs: EventID, rhs: EventID) -> Bool { lhs.words == rhs.words }

    /// Hashes the 16 bytes as two words (the store hashes an id several times per append).
    public func hash(into hasher: inout Hasher) {
        let words = words
        hasher.combine(words.high)
        hasher.combine(words.low)
    }

    /// Decodes from a UUID string.
    public init(from decoder: any Decoder) throws {
        uuid = try UUID(from: decoder)
    }

    /// Encodes as a UUID string.
    public func encode(to encoder: any Encoder) throws {
        try uuid.encode(to: encoder)
    }
}

/// The shared state behind ``EventID/make()``: the last millisecond, its counter, and a fast random generator seeded
/// once from the system's (so that making an id costs no system call).
private final class IdentifierGenerator: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `lock` held (NSLock, which sanitizers understand).
    private let lock = NSLock()
    private var millis: UInt64 = 0
    private var counter: UInt16 = 0
    private var random = Xoshiro256(seededFrom: SystemRandomNumberGenerator())

    func next(millis now: UInt64) -> (sequence: UInt16, random: UInt64) {
        lock.withLock {
            if now == millis {
                counter &+= 1
            } else {
                millis = now
                counter = UInt16(truncatingIfNeeded: random.next() & 0x7FF)
            }
            return (counter, random.next())
        }
    }
}

/// xoshiro256** (Blackman and Vigna): fast, statistically strong, not for secrets; event ids need uniqueness, not
/// secrecy.
struct Xoshiro256: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    init(seededFrom source: some RandomNumberGenerator) {
        var source = source
        s = (source.next(), source.next(), source.next(), source.next())
        if s == (0, 0, 0, 0) { s.0 = 0x9E37_79B9_7F4A_7C15 }
    }

    mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }
}
