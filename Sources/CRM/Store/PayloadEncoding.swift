import EventSourcing

/// How a ``CRMStore`` encodes the payloads of the events it appends (``CRMOptions/payloadEncoding``).
///
/// The choice changes the stored bytes only: the events, their hashes' meaning, exports (always JSON Lines) and
/// every read are the same. A store can hold events of both encodings, so the option can change at any time.
public enum PayloadEncoding: Sendable, Hashable {
    /// ``BinaryPayloadCodec``: compact, and decoded by the catalogue's generated ``BinaryPayloadDecodable``
    /// initialisers without `Codable`, which makes replays and projection rebuilds several times faster.
    case binary
    /// ``JSONPayloadCodec``: the payloads as the JSON `Documentation/EventCatalogue.md` shows, readable in the
    /// raw data file; slower to decode.
    case json

    /// A new event with its payload in this encoding.
    func newEvent<E: Event>(
        _ event: E, id: EventID, occurredAt: Timestamp, actor: String?, correlationID: EventID?, causationID: EventID?,
        metadata: [String: String]
    ) throws(EventStoreError) -> NewEvent {
        switch self {
        case .binary:
            try NewEvent(
                event, id: id, occurredAt: occurredAt, actor: actor, correlationID: correlationID,
                causationID: causationID, metadata: metadata, codec: BinaryPayloadCodec())
        case .json:
            try NewEvent(
                event, id: id, occurredAt: occurredAt, actor: actor, correlationID: correlationID,
                causationID: causationID, metadata: metadata, codec: JSONPayloadCodec())
        }
    }
}
