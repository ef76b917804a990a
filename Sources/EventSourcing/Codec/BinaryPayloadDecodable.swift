/// A payload type that reads itself straight from the binary payload format, without `Codable`'s containers.
///
/// `Codable` decoding goes through the standard library's type-erased containers: a box per value, a dynamic call
/// per field and run-time look-ups of generic metadata. That costs more than reading the bytes. A type that also
/// conforms to `BinaryPayloadDecodable` is read by its ``init(binaryPayload:)`` instead, wherever
/// ``BinaryPayloadCodec`` decodes it (typed reads, aggregates, projections): the initialiser asks
/// ``BinaryPayloadFields`` for each field by name, which is a byte comparison and a scalar read when the fields come in
/// the order the encoder wrote them (declaration order).
///
/// The conformance is an optimisation only: the bytes are the ones `Codable` encoding wrote, and the type's
/// `init(from:)` must read the same values (the JSON codec and generic tools still use it). Test the two against
/// each other, for example with `BinaryPayloadCodec.decodeWithCodable(_:from:)`.
///
/// ```swift
/// struct TicketOpened: Event, BinaryPayloadDecodable {
///     static let eventType = "TicketOpened"
///     var ticketId: String
///     var priority: String
///     var note: String?
///
///     init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
///         ticketId = try fields.string("ticketId")
///         priority = try fields.string("priority")
///         note = try fields.stringIfPresent("note")
///     }
/// }
/// ```
public protocol BinaryPayloadDecodable: Decodable {
    /// Reads the value from the fields of the object a payload holds.
    ///
    /// `fields` and the values it returns are valid for the duration of the call only: copy what you keep (the
    /// strings and values it returns are copies already).
    /// - Throws: ``PayloadCodingError`` when a field is missing or of another type; rethrow what `fields` throws.
    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError)
}

extension BinaryPayloadDecodable {
    /// Reads the value from a whole payload (format byte and object), as ``BinaryPayloadCodec`` stores it.
    /// - Throws: ``PayloadCodingError`` when the bytes are not a binary payload holding this type.
    @usableFromInline
    static func decodeBinaryPayload(_ bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> Self {
        let reader = try BinaryPayloadFormat.payloadReader(bytes)
        var fields = try BinaryPayloadFields(bytes: bytes, at: reader.offset, path: "")
        return try Self(binaryPayload: &fields)
    }
}
