#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto

/// The stored form of one event: a compact, versioned binary record.
///
/// `Documentation/RecordFormat.md` describes it byte by byte. In short (integers little-endian unless noted):
///
/// | offset | size | field |
/// | --- | --- | --- |
/// | 0 | 1 | magic `0x52` (`R`) |
/// | 1 | 1 | format version (1) |
/// | 2 | 32 | chain hash (see ``ChainHash``) |
/// | 34 | 8 | stream version |
/// | 42 | 8 | recorded time, µs since 1970 (signed) |
/// | 50 | 8 | occurred time, µs since 1970 (signed) |
/// | 58 | 16 | event id |
/// | 74 | 4 | schema version |
/// | 78 | 1 | payload codec id |
/// | 79 | 1 | flags: 1 actor, 2 correlation id, 4 causation id, 8 metadata |
/// | 80 | … | stream name, type name (each a LEB128 length and UTF-8), then actor (length + UTF-8), correlation id (16), causation id (16), metadata (count, then length-prefixed key and value pairs, keys sorted) when their flag is set, then the payload (length + bytes) |
///
/// The record's key is its position as 8 bytes big-endian. Everything from offset 34 to the end is the *body*
/// that the chain hash covers.
enum EventRecord {
    static let magic: UInt8 = 0x52
    static let formatVersion: UInt8 = 1
    static let hashOffset = 2
    static let bodyOffset = 34
    static let streamVersionOffset = 34
    static let recordedAtOffset = 42
    static let occurredAtOffset = 50
    static let idOffset = 58
    static let schemaVersionOffset = 74
    static let codecOffset = 78
    static let flagsOffset = 79
    static let fixedSize = 80

    struct Flags: OptionSet {
        let rawValue: UInt8
        static let actor = Flags(rawValue: 1)
        static let correlation = Flags(rawValue: 2)
        static let causation = Flags(rawValue: 4)
        static let metadata = Flags(rawValue: 8)
        static let known: Flags = [.actor, .correlation, .causation, .metadata]
    }

    /// Appends the record of `event` to `buffer`, with its chain hash computed from `previousHash`.
    static func encode(
        _ event: NewEvent, stream: StreamName, streamVersion: UInt64, position: UInt64, recordedAt: Timestamp,
        previousHash: UnsafeRawBufferPointer, into buffer: inout [UInt8]
    ) {
        let start = buffer.count
        buffer.append(magic)
        buffer.append(formatVersion)
        buffer.append(contentsOf: repeatElement(0, count: 32))
        buffer.appendLittleEndian(streamVersion)
        buffer.appendLittleEndian(recordedAt.rawValue)
        buffer.appendLittleEndian(event.occurredAt.rawValue)
        event.id.write(to: &buffer)
        buffer.appendLittleEndian(event.schemaVersion)
        buffer.append(event.payloadCodec.rawValue)
        var flags: Flags = []
        if event.actor != nil { flags.insert(.actor) }
        if event.correlationID != nil { flags.insert(.correlation) }
        if event.causationID != nil { flags.insert(.causation) }
        if !event.metadata.isEmpty { flags.insert(.metadata) }
        buffer.append(flags.rawValue)
        buffer.appendString(stream.rawValue)
        buffer.appendString(event.type)
        if let actor = event.actor { buffer.appendString(actor) }
        event.correlationID?.write(to: &buffer)
        event.causationID?.write(to: &buffer)
        if !event.metadata.isEmpty {
            buffer.appendVarint(UInt64(event.metadata.count))
            for key in event.metadata.keys.sorted() {
                buffer.appendString(key)
                buffer.appendString(event.metadata[key] ?? "")
            }
        }
        buffer.appendVarint(UInt64(event.payload.count))
        buffer.append(contentsOf: event.payload)
        buffer.withUnsafeMutableBytes { raw in
            let body = UnsafeRawBufferPointer(rebasing: raw[(start + bodyOffset)...])
            let digest = ChainHash.compute(previous: previousHash, position: position, body: body)
            digest.withUnsafeBytes { hash in
                UnsafeMutableRawBufferPointer(rebasing: raw[(start + hashOffset)..<(start + bodyOffset)])
                    .copyMemory(from: hash)
            }
        }
    }

    /// The most a record adds to an event's payload, stream, type, actor and metadata sizes.
    static func encodedSize(of event: NewEvent, stream: StreamName) -> Int {
        var size = fixedSize + 10 + stream.rawValue.utf8.count + 10 + event.type.utf8.count + 10 + event.payload.count
        if let actor = event.actor { size += 10 + actor.utf8.count }
        if event.correlationID != nil { size += 16 }
        if event.causationID != nil { size += 16 }
        for (key, value) in event.metadata { size += 20 + key.utf8.count + value.utf8.count }
        return size + 10
    }
}

/// A parsed view of one stored record, pointing into the record's bytes without copying.
///
/// Valid only inside the read that produced it (the closure of ``LogSnapshot/forEach(after:filter:_:)``, of a
/// projection's `apply`, …): its bytes live in that read's transaction, and what it shares with the read's other
/// views (upcasters, the opener of sealed values) lives as long as the read. Using a view after its closure returned
/// is undefined behaviour; use ``recordedEvent()`` for a copy that lives on.
public struct RecordView {
    /// The position of the record.
    public let position: LogPosition
    /// The whole record.
    public let bytes: UnsafeRawBufferPointer
    let flags: EventRecord.Flags
    /// The stream name's UTF-8 bytes.
    public let streamBytes: UnsafeRawBufferPointer
    /// The type name's UTF-8 bytes.
    public let typeBytes: UnsafeRawBufferPointer
    let actorBytes: UnsafeRawBufferPointer?
    let correlationBytes: UnsafeRawBufferPointer?
    let causationBytes: UnsafeRawBufferPointer?
    let metadataBytes: UnsafeRawBufferPointer?
    /// The encoded payload.
    public let payload: UnsafeRawBufferPointer
    /// What the read that produced the view shares with all its views (upcasters, opener, shared decode), or
    /// `nil` for a record parsed on its own. Not counted: the read keeps it alive while its views exist (see
    /// ``RecordContext``), so copying a view costs no reference counting.
    @usableFromInline unowned(unsafe) let context: RecordContext?

    /// The upcasters ``decode(_:codecs:)`` applies to payloads of older schema versions: the store's configured
    /// ones on every view it hands out, none on a record parsed with ``init(position:bytes:)``.
    public var upcasters: EventUpcasters { context?.upcasters ?? EventUpcasters() }
    /// Whether ``upcasters`` holds any.
    @usableFromInline var hasUpcasters: Bool { context?.hasUpcasters ?? false }
    /// Opens sealed personal data; the store gives every view it hands out one.
    var opener: PayloadOpener? { context?.opener }
    /// The payload decoded by an earlier projection fed the same record, when the projection runner feeds it to
    /// several.
    @usableFromInline var sharedDecode: SharedDecode? { context?.sharedDecode }

    /// Parses a record on its own, with no upcasters and no opener of sealed values: ``recordedEvent()`` gives a
    /// sealed value as stored, and a typed decode of a sealed field fails with a codec error. Pass upcasters to
    /// ``decode(_:codecs:upcasters:)``.
    /// - Throws: ``EventStoreError/corruptRecord(position:reason:)`` when the bytes are not a valid record.
    public init(position: LogPosition, bytes: UnsafeRawBufferPointer) throws(EventStoreError) {
        try self.init(position: position, bytes: bytes, context: nil)
    }

    /// Parses a record read by the read that owns `context` (which must outlive the view).
    /// - Throws: ``EventStoreError/corruptRecord(position:reason:)`` when the bytes are not a valid record.
    init(position: LogPosition, bytes: UnsafeRawBufferPointer, context: RecordContext?) throws(EventStoreError) {
        self.position = position
        self.bytes = bytes
        self.context = context
        guard bytes.count >= EventRecord.fixedSize else {
            throw .corruptRecord(position: position, reason: "only \(bytes.count) bytes; a record has at least \(EventRecord.fixedSize)")
        }
        guard bytes[0] == EventRecord.magic else {
            throw .corruptRecord(position: position, reason: "bad magic byte \(bytes[0])")
        }
        guard bytes[1] == EventRecord.formatVersion else {
            throw .corruptRecord(position: position, reason: "unknown record format version \(bytes[1])")
        }
        let flags = EventRecord.Flags(rawValue: bytes[EventRecord.flagsOffset])
        guard EventRecord.Flags.known.isSuperset(of: flags) else {
            throw .corruptRecord(position: position, reason: "unknown flag bits \(flags.rawValue)")
        }
        self.flags = flags
        var reader = ByteReader(bytes, offset: EventRecord.fixedSize)
        do throws(ByteReader.Failure) {
            streamBytes = try reader.lengthPrefixed()
            typeBytes = try reader.lengthPrefixed()
            actorBytes = flags.contains(.actor) ? try reader.lengthPrefixed() : nil
            correlationBytes = flags.contains(.correlation) ? try reader.slice(16) : nil
            causationBytes = flags.contains(.causation) ? try reader.slice(16) : nil
            if flags.contains(.metadata) {
                let start = reader.offset
                let count = try reader.varint()
                guard count <= UInt64(reader.remaining) else {
                    throw ByteReader.Failure(reason: "metadata count \(count) exceeds the record")
                }
                for _ in 0..<count {
                    _ = try reader.lengthPrefixed()
                    _ = try reader.lengthPrefixed()
                }
                metadataBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<reader.offset])
            } else {
                metadataBytes = nil
            }
            payload = try reader.lengthPrefixed()
        } catch {
            throw .corruptRecord(position: position, reason: error.reason)
        }
        guard reader.remaining == 0 else {
            throw .corruptRecord(position: position, reason: "\(reader.remaining) bytes after the payload")
        }
    }

    /// The version of the event within its stream.
    public var streamVersion: UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: EventRecord.streamVersionOffset, as: UInt64.self)) }
    /// When the store recorded the event.
    public var recordedAt: Timestamp {
        Timestamp(rawValue: Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: EventRecord.recordedAtOffset, as: Int64.self)))
    }
    /// When the event happened.
    public var occurredAt: Timestamp {
        Timestamp(rawValue: Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: EventRecord.occurredAtOffset, as: Int64.self)))
    }
    /// The event's identifier.
    public var id: EventID { EventID(bytes: UnsafeRawBufferPointer(rebasing: bytes[EventRecord.idOffset..<EventRecord.schemaVersionOffset])) }
    /// The payload's schema version.
    public var schemaVersion: UInt32 { UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: EventRecord.schemaVersionOffset, as: UInt32.self)) }
    /// The payload's codec.
    public var payloadCodec: PayloadCodecID { PayloadCodecID(rawValue: bytes[EventRecord.codecOffset]) }
    /// The chain hash stored in the record.
    public var chainHashBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[EventRecord.hashOffset..<EventRecord.bodyOffset]) }
    /// The part of the record the chain hash covers.
    public var body: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[EventRecord.bodyOffset...]) }
    /// The type name.
    ///
    /// When the projection runner feeds the record to several projections, the name is made once and shared (each
    /// asks for it, for its filter and its own dispatch).
    public var type: String {
        if let sharedDecode { return sharedDecode.typeName(of: typeBytes, at: position) }
        return String(decoding: typeBytes, as: UTF8.self)
    }
    /// The stream name.
    public var stream: StreamName { StreamName(unchecked: String(decoding: streamBytes, as: UTF8.self)) }

    /// The actor who caused the event, or `nil`.
    public var actor: String? { actorBytes.map { String(decoding: $0, as: UTF8.self) } }

    /// The metadata value under `key`, or `nil`, read without building the whole metadata dictionary.
    public func metadataValue(forKey key: String) -> String? {
        guard let metadataBytes else { return nil }
        var reader = ByteReader(metadataBytes)
        do throws(ByteReader.Failure) {
            let count = try reader.varint()
            for _ in 0..<count {
                let name = try reader.lengthPrefixed()
                let value = try reader.lengthPrefixed()
                if name.elementsEqual(key.utf8) { return String(decoding: value, as: UTF8.self) }
            }
        } catch {
            // The record was checked when it was parsed; a malformed metadata block reads as absent here.
        }
        return nil
    }

    /// Whether the type name equals `name`, without building a `String`.
    public func hasType(_ name: StaticString) -> Bool {
        name.withUTF8Buffer { name in
            guard name.count == typeBytes.count else { return false }
            guard let a = name.baseAddress, let b = typeBytes.baseAddress else { return name.count == 0 }
            return memcmp(a, b, name.count) == 0
        }
    }

    /// Whether the stream name equals `name`'s UTF-8 bytes.
    func hasStream(_ name: [UInt8]) -> Bool {
        name.count == streamBytes.count && name.withUnsafeBytes { $0.elementsEqual(streamBytes) }
    }

    /// A copy of the whole event, with its sealed personal data opened: each sealed text becomes the text, or
    /// ``PersonalDataPolicy/erasedText`` or ``PersonalDataPolicy/redactedText`` (see ``PersonalData``). The
    /// ``RecordedEvent/chainHash`` covers the stored (sealed) payload.
    /// - Throws: ``EventStoreError/corruptRecord(position:reason:)`` when a text field is not valid UTF-8 or a
    ///   sealed value was altered.
    public func recordedEvent() throws(EventStoreError) -> RecordedEvent {
        var event = try storedEvent()
        if let opened = try openedPayload() { event.payload = opened }
        return event
    }

    /// The payload with its sealed values opened, or `nil` when there is nothing to open.
    func openedPayload() throws(EventStoreError) -> [UInt8]? {
        guard let opener else { return nil }
        return try opener.open(payload, codec: payloadCodec, position: position, codecs: .standard)
    }

    /// A copy of the event exactly as stored (sealed values stay sealed): what exports write.
    func storedEvent() throws(EventStoreError) -> RecordedEvent {
        func text(_ raw: UnsafeRawBufferPointer, _ field: String) throws(EventStoreError) -> String {
            guard let value = validatedString(raw) else {
                throw .corruptRecord(position: position, reason: "the \(field) is not valid UTF-8")
            }
            return value
        }
        var metadata: [String: String] = [:]
        if let metadataBytes {
            var reader = ByteReader(metadataBytes)
            do throws(ByteReader.Failure) {
                let count = try reader.varint()
                for _ in 0..<count {
                    let key = try reader.string()
                    metadata[key] = try reader.string()
                }
            } catch {
                throw .corruptRecord(position: position, reason: "metadata: \(error.reason)")
            }
        }
        return RecordedEvent(
            position: position, id: id, type: try text(typeBytes, "type name"), schemaVersion: schemaVersion,
            stream: StreamName(unchecked: try text(streamBytes, "stream name")), streamVersion: streamVersion,
            recordedAt: recordedAt, occurredAt: occurredAt,
            actor: try actorBytes.map { (raw) throws(EventStoreError) in try text(raw, "actor") },
            correlationID: correlationBytes.map { EventID(bytes: $0) },
            causationID: causationBytes.map { EventID(bytes: $0) }, metadata: metadata,
            payloadCodec: payloadCodec, payload: Array(payload), chainHash: ChainHash(chainHashBytes))
    }

    /// Decodes the payload as `E`, straight from the stored bytes; a payload of an older schema version passes
    /// through ``upcasters`` (the store's) first.
    /// - Throws: ``EventStoreError/eventTypeMismatch(expected:found:)`` when the record is of another type,
    ///   ``EventStoreError/codec(_:)`` when the payload does not decode,
    ///   ``EventStoreError/upcastFailed(type:fromVersion:reason:)`` when an upcaster fails.
    public func decode<E: Event>(_ type: E.Type, codecs: PayloadCodecRegistry = .standard) throws(EventStoreError) -> E {
        // Shared only when every member would decode alike: the standard codecs (every member has the store's
        // upcasters and opener) and a value type (members must not share one instance).
        guard let sharedDecode, codecs.isStandard, !(E.self is AnyObject.Type) else {
            return try decodeAnew(E.self, codecs: codecs, upcasters: upcasters)
        }
        if let value = sharedDecode.value(at: position, as: E.self) { return value }
        let value = try decodeAnew(E.self, codecs: codecs, upcasters: upcasters)
        sharedDecode.keep(value, at: position)
        return value
    }

    /// Decodes the payload as `E` through `upcasters` in place of the store's: for a record parsed on its own
    /// (``init(position:bytes:)``), or a projection that brings upcasters of its own.
    /// - Throws: as ``decode(_:codecs:)``.
    public func decode<E: Event>(_ type: E.Type, codecs: PayloadCodecRegistry = .standard, upcasters: EventUpcasters)
        throws(EventStoreError) -> E
    {
        try decodeAnew(E.self, codecs: codecs, upcasters: upcasters)
    }

    /// Decodes the payload as `E` through its ``BinaryPayloadDecodable`` initialiser, called directly: the same
    /// value as the general `decode(_:codecs:)` gives, without the look-ups at run time that a type known only as
    /// `Decodable` needs. A payload that needs more than the initialiser (another codec or registry, an upcast, a
    /// sealed value to open) goes the general way.
    /// - Throws: as the general `decode(_:codecs:)`.
    @inlinable
    public func decode<E: Event & BinaryPayloadDecodable>(_ type: E.Type, codecs: PayloadCodecRegistry = .standard)
        throws(EventStoreError) -> E
    {
        guard let plain = plainBinaryPayload(named: E.eventType, schemaVersion: E.schemaVersion, codecs: codecs) else {
            return try decodeAnyEvent(E.self, codecs: codecs)
        }
        return try decodeSharing(E.self, plain)
    }

    /// Decodes the excerpt `X` of the payload: only its fields, read straight from the stored bytes when the payload
    /// needs nothing more (the standard codecs, the binary codec, no upcast due); otherwise the whole
    /// ``EventExcerpt/Source`` event is decoded the usual way and the excerpt taken from it.
    ///
    /// Sealed personal data in the payload is skipped, not opened, when the excerpt reads none of it: an excerpt of
    /// the fields in clear costs the same in a store that seals as in one that does not. When one of its fields is
    /// sealed, the whole event is decoded and opened.
    /// - Throws: ``EventStoreError/eventTypeMismatch(expected:found:)`` when the record is not of the excerpt's
    ///   source type, ``EventStoreError/codec(_:)`` when the payload does not decode,
    ///   ``EventStoreError/upcastFailed(type:fromVersion:reason:)`` when an upcaster fails.
    @inlinable
    public func decode<X: EventExcerpt>(_ type: X.Type, codecs: PayloadCodecRegistry = .standard)
        throws(EventStoreError) -> X
    {
        guard let payload = binaryPayload(named: X.Source.eventType, schemaVersion: X.Source.schemaVersion, codecs: codecs)
        else {
            return X(try decodeAnyEvent(X.Source.self, codecs: codecs))
        }
        do {
            return try decodeSharing(X.self, payload)
        } catch {
            // A field it reads may be sealed (read as a value of another type): the whole event, opened, holds it.
            guard opensSealedValues(in: payload) else { throw error }
            return X(try decodeAnyEvent(X.Source.self, codecs: codecs))
        }
    }

    /// `plain` (this record's payload) decoded by `T`'s initialiser, or the value an earlier projection fed the same
    /// record decoded as `T` (shared only for value types: members must not share one instance).
    @inlinable
    func decodeSharing<T: BinaryPayloadDecodable>(_: T.Type, _ plain: UnsafeRawBufferPointer) throws(EventStoreError) -> T {
        guard let sharedDecode, !(T.self is AnyObject.Type) else {
            return try Self.decodeBinary(T.self, plain)
        }
        if let value = sharedDecode.value(at: position, as: T.self) { return value }
        let value = try Self.decodeBinary(T.self, plain)
        sharedDecode.keep(value, at: position)
        return value
    }

    /// `payload` decoded by `E`'s initialiser.
    @inlinable
    static func decodeBinary<E: BinaryPayloadDecodable>(_: E.Type, _ payload: UnsafeRawBufferPointer) throws(EventStoreError) -> E {
        do throws(PayloadCodingError) {
            return try E.decodeBinaryPayload(payload)
        } catch {
            throw .codec(error)
        }
    }

    /// The payload, when `E`'s binary initialiser alone decodes it: the standard codecs, the binary codec, the
    /// type `name`, no upcast due (the schema version is `schemaVersion` or later, or there are no upcasters) and no
    /// sealed value to open.
    @usableFromInline
    func plainBinaryPayload(named name: String, schemaVersion current: UInt32, codecs: PayloadCodecRegistry) -> UnsafeRawBufferPointer? {
        guard let payload = binaryPayload(named: name, schemaVersion: current, codecs: codecs) else { return nil }
        if opener != nil, PayloadOpener.mightBeSealed(payload, codec: .binary) { return nil }
        return payload
    }

    /// Decodes the excerpt `X` of the payload through `upcasters` in place of the store's: from the whole
    /// ``EventExcerpt/Source`` event, decoded as ``decode(_:codecs:upcasters:)`` decodes it.
    /// - Throws: as ``decode(_:codecs:upcasters:)``.
    public func decode<X: EventExcerpt>(_ type: X.Type, codecs: PayloadCodecRegistry = .standard, upcasters: EventUpcasters)
        throws(EventStoreError) -> X
    {
        X(try decode(X.Source.self, codecs: codecs, upcasters: upcasters))
    }

    /// Whether the binary payload `payload` may hold a sealed value that this view's opener would open.
    @usableFromInline
    func opensSealedValues(in payload: UnsafeRawBufferPointer) -> Bool {
        opener != nil && PayloadOpener.mightBeSealed(payload, codec: .binary)
    }

    /// The payload, when it is in the binary format of the type `name` with no upcast due (the standard codecs, the
    /// schema version `schemaVersion` or later, or no upcasters), sealed values or not.
    @usableFromInline
    func binaryPayload(named name: String, schemaVersion current: UInt32, codecs: PayloadCodecRegistry) -> UnsafeRawBufferPointer? {
        guard codecs.isStandard, payloadCodec == .binary, PayloadCodecRegistry.sameName(typeBytes, name),
            schemaVersion >= current || !hasUpcasters
        else { return nil }
        return payload
    }

    /// The general `decode(_:codecs:)` under another name, for the overload above to call.
    @usableFromInline
    func decodeAnyEvent<E: Event>(_ type: E.Type, codecs: PayloadCodecRegistry) throws(EventStoreError) -> E {
        try decode(E.self, codecs: codecs)
    }

    /// Decodes the payload as `E` from the bytes, through `upcasters`.
    private func decodeAnew<E: Event>(_ type: E.Type, codecs: PayloadCodecRegistry, upcasters: EventUpcasters)
        throws(EventStoreError) -> E
    {
        if let opener, let opened = try opener.open(payload, codec: payloadCodec, position: position, codecs: codecs) {
            return try withBytes(opened) { (bytes) throws(EventStoreError) -> E in
                try codecs.decodeEvent(
                    E.self, storedType: typeBytes, schemaVersion: schemaVersion, codec: payloadCodec, payload: bytes,
                    upcasters: upcasters)
            }
        }
        return try codecs.decodeEvent(
            E.self, storedType: typeBytes, schemaVersion: schemaVersion, codec: payloadCodec, payload: payload,
            upcasters: upcasters)
    }

    /// Whether this record holds the same event as `event` in `stream` (what idempotent retries compare).
    func matches(_ event: NewEvent, stream: StreamName) -> Bool {
        hasStream(Array(stream.rawValue.utf8)) && typeBytes.elementsEqual(event.type.utf8)
            && schemaVersion == event.schemaVersion && payloadCodec == event.payloadCodec
            && event.payload.withUnsafeBytes { $0.elementsEqual(payload) }
    }
}
