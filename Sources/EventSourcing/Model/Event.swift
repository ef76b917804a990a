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
        _ type: E.Type, storedType: some Collection<UInt8>, codec id: PayloadCodecID, payload: UnsafeRawBufferPointer
    ) throws(EventStoreError) -> E {
        guard storedType.elementsEqual(E.eventType.utf8) else {
            throw .eventTypeMismatch(expected: E.eventType, found: String(decoding: Array(storedType), as: UTF8.self))
        }
        guard let codec = codec(for: id) else { throw .unknownCodec(id.rawValue) }
        do { return try codec.decode(E.self, from: payload) } catch { throw .codec(error) }
    }
}
