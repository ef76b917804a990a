/// A typed domain event that the store can encode and decode.
///
/// Conform a `Codable` struct and give it a stable type name:
///
/// ```swift
/// struct CustomerRegistered: Event {
///     static let eventType = "CustomerRegistered"
///     var name: String
/// }
/// ```
///
/// The type name is stored with every event and must never change once events are written; raise
/// ``schemaVersion`` when the payload's shape changes.
public protocol Event: Codable, Sendable {
    /// The stable name of the type, stored with every event.
    static var eventType: String { get }
    /// The version of the payload's shape (1 unless changed).
    static var schemaVersion: UInt32 { get }
}

extension Event {
    /// Version 1.
    public static var schemaVersion: UInt32 { 1 }
}
