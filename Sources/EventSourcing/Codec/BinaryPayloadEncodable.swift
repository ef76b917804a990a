/// A payload type that writes itself straight into the binary payload format, without `Codable`'s containers: the
/// encoding counterpart of ``BinaryPayloadDecodable``.
///
/// `Codable` encoding through ``BinaryPayloadCodec`` builds a tree of nodes (a class instance per value), then a
/// ``PayloadValue``, then the bytes. A type that also conforms to `BinaryPayloadEncodable` is written by its
/// ``encode(binaryPayload:)`` instead, wherever ``BinaryPayloadCodec`` encodes it (event payloads, projection
/// records): the method hands each field to a ``BinaryPayloadFieldWriter``, which appends its bytes at once.
///
/// The conformance is an optimisation only: it must write the bytes `Codable` encoding writes for the same value,
/// so that stored data and every decoder agree. Write the fields under the names and in the order of the type's
/// `encode(to:)` (for synthesized `Codable`, declaration order and the `CodingKeys` names), each key once, optional
/// fields with the `…IfPresent` writers (a `nil` is left out, as `encodeIfPresent` does). Test the two against each
/// other, for example with `BinaryPayloadCodec.encodeWithCodable(_:)`.
///
/// ```swift
/// extension TicketOpened: BinaryPayloadEncodable {
///     func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
///         try fields.string("ticketId", ticketId)
///         try fields.string("priority", priority)
///         try fields.stringIfPresent("note", note)
///     }
/// }
/// ```
public protocol BinaryPayloadEncodable: Encodable {
    /// Writes the value's fields into the object `fields` is writing, in the order `Codable` encoding writes them.
    /// - Throws: ``PayloadCodingError``: rethrow what `fields` throws.
    func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError)
}

extension BinaryPayloadEncodable {
    /// The whole payload (format byte and object) holding the value, as ``BinaryPayloadCodec`` stores it.
    /// - Throws: ``PayloadCodingError`` when the value is nested deeper than the format allows, or a field written
    ///   through `Codable` cannot be encoded.
    func encodeBinaryPayload() throws(PayloadCodingError) -> [UInt8] {
        var writer = BinaryPayloadFieldWriter()
        try writer.writeObject(self)
        return writer.bytes
    }
}
