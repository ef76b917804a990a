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

    /// The codec of this encoding.
    var codec: any PayloadCodec {
        switch self {
        case .binary: BinaryPayloadCodec()
        case .json: JSONPayloadCodec()
        }
    }
}
