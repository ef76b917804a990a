/// The place of an event in the store's global log: 1 for the first event, then 2, 3, … without gaps, in commit
/// order.
///
/// ``start`` (0) stands before the first event: reading "from" it reads everything.
public struct LogPosition: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    ExpressibleByIntegerLiteral
{
    /// The position's number.
    public let rawValue: UInt64

    /// Wraps a number.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Wraps a number.
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Creates a position from a literal.
    public init(integerLiteral value: UInt64) { self.rawValue = value }

    /// Before the first event.
    public static let start = LogPosition(0)

    /// The position after this one.
    public var next: LogPosition { LogPosition(rawValue &+ 1) }

    /// The number.
    public var description: String { String(rawValue) }

    /// Orders positions numerically.
    public static func < (lhs: LogPosition, rhs: LogPosition) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes a number.
    public init(from decoder: any Decoder) throws { rawValue = try UInt64(from: decoder) }

    /// Encodes the number.
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }

    /// The 8-byte big-endian key of this position (byte order equals numeric order).
    var key: [UInt8] { withUnsafeBytes(of: rawValue.bigEndian) { Array($0) } }
}
