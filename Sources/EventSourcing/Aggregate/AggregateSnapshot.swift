import LMDB

/// A stored aggregate state, in the `snapshots` database under `aggregate name ‖ 0x00 ‖ stream name`.
///
/// Value layout: schema version (u32 LE), stream version (u64 LE), position (u64 LE), then the state encoded with
/// the binary payload codec.
struct AggregateSnapshot {
    var schemaVersion: UInt32
    var streamVersion: UInt64
    var position: UInt64
    var state: [UInt8]

    static let headerSize = 20

    static func key(aggregate: String, stream: StreamName) -> [UInt8] {
        Array(aggregate.utf8) + [0] + Array(stream.rawValue.utf8)
    }

    var encoded: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerSize + state.count)
        bytes.appendLittleEndian(schemaVersion)
        bytes.appendLittleEndian(streamVersion)
        bytes.appendLittleEndian(position)
        bytes.append(contentsOf: state)
        return bytes
    }

    /// Parses a stored snapshot; `nil` when the bytes are too short to be one.
    init?(_ raw: UnsafeRawBufferPointer) {
        guard raw.count >= Self.headerSize else { return nil }
        schemaVersion = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
        streamVersion = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
        position = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self))
        state = Array(raw[Self.headerSize...])
    }

    init(schemaVersion: UInt32, streamVersion: UInt64, position: UInt64, state: [UInt8]) {
        self.schemaVersion = schemaVersion
        self.streamVersion = streamVersion
        self.position = position
        self.state = state
    }
}
