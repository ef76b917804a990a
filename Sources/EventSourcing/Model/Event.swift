import Foundation

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

extension PayloadCodecRegistry {
    /// Decodes a stored payload as `E`, after checking the stored type name; shared by ``RecordedEvent`` and
    /// ``RecordView``.
    func decodeEvent<E: Event>(
        _ type: E.Type, storedType: UnsafeRawBufferPointer, codec id: PayloadCodecID, payload: UnsafeRawBufferPointer
    ) throws(EventStoreError) -> E {
        guard Self.sameName(storedType, E.eventType) else {
            throw .eventTypeMismatch(expected: E.eventType, found: String(decoding: Array(storedType), as: UTF8.self))
        }
        guard let codec = codec(for: id) else { throw .unknownCodec(id.rawValue) }
        do { return try codec.decode(E.self, from: payload) } catch { throw .codec(error) }
    }
}

extension PayloadCodecRegistry {
    /// Whether a stored type name equals `name`: bytes compared with memcmp, not element by element.
    static func sameName(_ stored: UnsafeRawBufferPointer, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { name in
            guard name.count == stored.count else { return false }
            guard let a = name.baseAddress, let b = stored.baseAddress else { return name.isEmpty }
            return memcmp(a, b, name.count) == 0
        }
    }
}
