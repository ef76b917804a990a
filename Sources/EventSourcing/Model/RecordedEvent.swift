/// An event as the store recorded it: the envelope and the encoded payload.
///
/// Events of types the reader does not know are still read, kept and passed on: the payload stays as bytes
/// until someone decodes it.
public struct RecordedEvent: Sendable, Hashable {
    /// The place in the global log.
    public var position: LogPosition
    /// The unique identifier.
    public var id: EventID
    /// The stable type name.
    public var type: String
    /// The version of the payload's schema.
    public var schemaVersion: UInt32
    /// The stream the event belongs to.
    public var stream: StreamName
    /// The event's version within its stream (1 for the first).
    public var streamVersion: UInt64
    /// When the store recorded it (never earlier than the event before it).
    public var recordedAt: Timestamp
    /// When it happened in the business's world.
    public var occurredAt: Timestamp
    /// Who caused it.
    public var actor: String?
    /// The operation or conversation it belongs to.
    public var correlationID: EventID?
    /// The command or event that led to it.
    public var causationID: EventID?
    /// Free key/value metadata.
    public var metadata: [String: String]
    /// The codec that encoded ``payload``.
    public var payloadCodec: PayloadCodecID
    /// The encoded payload.
    public var payload: [UInt8]
    /// The record's chain hash: SHA-256 over the previous record's hash, the position and the record's bytes.
    public var chainHash: ChainHash

    /// Decodes the payload as `E`; a payload of an older schema version passes through `upcasters` first.
    /// - Throws: ``EventStoreError/eventTypeMismatch(expected:found:)`` when the event is of another type,
    ///   ``EventStoreError/codec(_:)`` when the payload does not decode,
    ///   ``EventStoreError/upcastFailed(type:fromVersion:reason:)`` when an upcaster fails.
    public func decode<E: Event>(
        _ type: E.Type, codecs: PayloadCodecRegistry = .standard, upcasters: EventUpcasters = EventUpcasters()
    ) throws(EventStoreError) -> E {
        // The type name's own UTF-8 bytes, without copying them into an array.
        var name = self.type
        let decoded = name.withUTF8 { name in
            Result { () throws(EventStoreError) -> E in
                try withBytes(payload) { (bytes) throws(EventStoreError) in
                    try codecs.decodeEvent(
                        E.self, storedType: UnsafeRawBufferPointer(name), schemaVersion: schemaVersion,
                        codec: payloadCodec, payload: bytes, upcasters: upcasters)
                }
            }
        }
        return try decoded.get()
    }

    /// Decodes the excerpt `X` of the payload, from the whole ``EventExcerpt/Source`` event (a copied event has its
    /// bytes at hand; the excerpt's saving is in ``RecordView``'s `decode(_:codecs:)`).
    /// - Throws: as ``decode(_:codecs:upcasters:)``.
    public func decode<X: EventExcerpt>(
        _ type: X.Type, codecs: PayloadCodecRegistry = .standard, upcasters: EventUpcasters = EventUpcasters()
    ) throws(EventStoreError) -> X {
        X(try decode(X.Source.self, codecs: codecs, upcasters: upcasters))
    }

    /// The payload as a generic value, whatever its type (for exports and events of unknown types).
    /// - Throws: ``EventStoreError/codec(_:)`` when the payload does not decode.
    public func payloadValue(codecs: PayloadCodecRegistry = .standard) throws(EventStoreError) -> PayloadValue {
        guard let codec = codecs.codec(for: payloadCodec) else { throw .unknownCodec(payloadCodec.rawValue) }
        do throws(PayloadCodingError) {
            return try withBytes(payload) { bytes throws(PayloadCodingError) in try codec.decodeValue(from: bytes) }
        } catch {
            throw .codec(error)
        }
    }
}
