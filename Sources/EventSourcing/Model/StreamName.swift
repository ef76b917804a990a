/// The name of a stream: the events of one thing (a customer, an opportunity, a ticket), in order.
///
/// A name is 1 to 255 bytes of UTF-8 without control characters. By convention it is
/// `category-identifier` (`customer-000042`, `opportunity-7`): everything before the first `-` is the
/// ``category``, which ``EventStore/streams(inCategory:)`` lists.
public struct StreamName: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The name's text.
    public let rawValue: String

    /// The longest name, in UTF-8 bytes.
    public static let maximumLength = 255

    /// Validates `rawValue`.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for an empty or too long name, or one with control
    ///   characters.
    public init(_ rawValue: String) throws(EventStoreError) {
        let count = rawValue.utf8.count
        guard count > 0 else { throw .invalidInput("a stream name must not be empty") }
        guard count <= Self.maximumLength else {
            throw .invalidInput("stream name '\(rawValue.prefix(40))…' is \(count) bytes; the limit is \(Self.maximumLength)")
        }
        guard !rawValue.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw .invalidInput("stream name \(rawValue.debugDescription) contains control characters")
        }
        self.rawValue = rawValue
    }

    /// A name known to be valid (read back from the store).
    init(unchecked rawValue: String) { self.rawValue = rawValue }

    /// A name made of a category and an identifier: `category-identifier`.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when the result is not a valid name.
    public init(category: String, id: String) throws(EventStoreError) {
        try self.init("\(category)-\(id)")
    }

    /// Everything before the first `-`, or the whole name when it has none.
    public var category: String {
        if let dash = rawValue.firstIndex(of: "-") { return String(rawValue[..<dash]) }
        return rawValue
    }

    /// The name's text.
    public var description: String { rawValue }

    /// Orders names by their UTF-8 bytes, the order the store lists them in.
    public static func < (lhs: StreamName, rhs: StreamName) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }

    /// Decodes and validates a name.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    /// Encodes the name as a string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
