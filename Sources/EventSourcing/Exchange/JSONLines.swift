import Foundation

/// The JSON Lines form of the log: one event per line, the envelope's fields then `data`, the payload as JSON.
///
/// ```json
/// {"position":1,"id":"0190a1b2-…","type":"CustomerRegistered","schemaVersion":1,"stream":"customer-42","streamVersion":1,"recordedAt":"2025-01-01T00:00:00.000000Z","occurredAt":"2025-01-01T00:00:00.000000Z","actor":"user-7","codec":"binary","chainHash":"9f2c…","data":{"name":"Ada","email":"ada@example.com"}}
/// ```
///
/// Keys, in this order: `position`, `id`, `type`, `schemaVersion`, `stream`, `streamVersion`, `recordedAt`,
/// `occurredAt` (ISO 8601 UTC with microseconds), `actor`, `correlationId`, `causationId`, `metadata` (each
/// only when present), `codec` (`binary`, `json` or a number), `chainHash` (64 hex digits), `data` (the payload
/// as JSON, with the `$`-objects of ``PayloadValue/jsonText()`` for bytes, timestamps, UUIDs, non-finite doubles
/// and sealed values). When `data` alone would not give back the stored payload byte for byte (for example an
/// unsigned field, which JSON cannot tell from a signed one), `payload` carries the stored bytes in base64 too, and
/// an import uses those; an import therefore reproduces the exported log exactly.
public enum JSONLines {
    /// The line of one recorded event (without the newline). A payload that cannot be decoded is exported as its
    /// bytes (`"data":null` and `payload`).
    public static func line(for event: RecordedEvent, codecs: PayloadCodecRegistry = .standard) -> String {
        var fields: [PayloadField] = [
            PayloadField(key: "position", value: .uint(event.position.rawValue)),
            PayloadField(key: "id", value: .string(event.id.description)),
            PayloadField(key: "type", value: .string(event.type)),
            PayloadField(key: "schemaVersion", value: .uint(UInt64(event.schemaVersion))),
            PayloadField(key: "stream", value: .string(event.stream.rawValue)),
            PayloadField(key: "streamVersion", value: .uint(event.streamVersion)),
            PayloadField(key: "recordedAt", value: .string(event.recordedAt.description)),
            PayloadField(key: "occurredAt", value: .string(event.occurredAt.description)),
        ]
        if let actor = event.actor { fields.append(PayloadField(key: "actor", value: .string(actor))) }
        if let id = event.correlationID { fields.append(PayloadField(key: "correlationId", value: .string(id.description))) }
        if let id = event.causationID { fields.append(PayloadField(key: "causationId", value: .string(id.description))) }
        if !event.metadata.isEmpty {
            let metadata = event.metadata.sorted { $0.key < $1.key }.map { PayloadField(key: $0.key, value: .string($0.value)) }
            fields.append(PayloadField(key: "metadata", value: .object(metadata)))
        }
        fields.append(PayloadField(key: "codec", value: codecValue(event.payloadCodec)))
        fields.append(PayloadField(key: "chainHash", value: .string(event.chainHash.description)))
        var exact = false
        if let codec = codecs.codec(for: event.payloadCodec), let data = try? event.payloadValue(codecs: codecs) {
            fields.append(PayloadField(key: "data", value: data))
            exact = (try? codec.encode(value: data)) == event.payload
        } else {
            // A payload this reader cannot decode (an unknown codec, or bytes that are not of their codec) is
            // still exported, as its bytes.
            fields.append(PayloadField(key: "data", value: .null))
        }
        if !exact {
            fields.append(PayloadField(key: "payload", value: .string(Data(event.payload).base64EncodedString())))
        }
        return PayloadValue.object(fields).jsonText()
    }

    /// Parses one line; `number` (from 1) names it in errors.
    /// - Throws: ``EventStoreError/invalidImport(line:reason:)`` saying what is wrong.
    public static func parse(_ line: String, number: Int, codecs: PayloadCodecRegistry = .standard)
        throws(EventStoreError) -> ImportedEvent
    {
        let value: PayloadValue
        do { value = try PayloadValue(jsonText: line) } catch { throw .invalidImport(line: number, reason: "not JSON: \(error)") }
        guard case .object(let fields) = value else {
            throw .invalidImport(line: number, reason: "a line must be a JSON object")
        }
        var byKey: [String: PayloadValue] = [:]
        for field in fields {
            guard byKey.updateValue(field.value, forKey: field.key) == nil else {
                throw .invalidImport(line: number, reason: "the key \"\(field.key)\" appears twice")
            }
        }
        let known: Set<String> = [
            "position", "id", "type", "schemaVersion", "stream", "streamVersion", "recordedAt", "occurredAt", "actor",
            "correlationId", "causationId", "metadata", "codec", "chainHash", "data", "payload",
        ]
        if let unknown = byKey.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidImport(line: number, reason: "unknown key \"\(unknown)\"")
        }
        func fail(_ reason: String) -> EventStoreError { .invalidImport(line: number, reason: reason) }
        func text(_ key: String) throws(EventStoreError) -> String {
            guard let value = byKey[key] else { throw fail("\"\(key)\" is missing") }
            guard case .string(let text) = value else { throw fail("\"\(key)\" must be a string") }
            return text
        }
        func optionalText(_ key: String) throws(EventStoreError) -> String? {
            guard byKey[key] != nil, byKey[key] != .null else { return nil }
            return try text(key)
        }
        func count(_ key: String, from minimum: UInt64) throws(EventStoreError) -> UInt64 {
            let number: UInt64?
            switch byKey[key] {
            case .int(let value)?: number = value >= 0 ? UInt64(value) : nil
            case .uint(let value)?: number = value
            case nil: throw fail("\"\(key)\" is missing")
            default: number = nil
            }
            guard let number, number >= minimum else { throw fail("\"\(key)\" must be a whole number of at least \(minimum)") }
            return number
        }
        func time(_ key: String) throws(EventStoreError) -> Timestamp {
            let value = try text(key)
            guard let time = Timestamp(iso8601: value) else {
                throw fail("\"\(key)\" is not an ISO 8601 UTC time: \(value.debugDescription)")
            }
            return time
        }
        func identifier(_ key: String) throws(EventStoreError) -> EventID? {
            guard let value = try optionalText(key) else { return nil }
            guard let id = EventID(value) else { throw fail("\"\(key)\" is not a UUID: \(value.debugDescription)") }
            return id
        }

        let position = try count("position", from: 1)
        guard let id = try identifier("id") else { throw fail("\"id\" is missing") }
        let type = try text("type")
        let schemaVersion = try count("schemaVersion", from: 0)
        guard schemaVersion <= UInt64(UInt32.max) else { throw fail("\"schemaVersion\" is out of range") }
        let stream: StreamName
        do { stream = try StreamName(try text("stream")) } catch { throw fail("\"stream\": \(error)") }
        let streamVersion = try count("streamVersion", from: 1)
        let recordedAt = try time("recordedAt")
        let occurredAt = try time("occurredAt")
        let actor = try optionalText("actor")
        let correlation = try identifier("correlationId")
        let causation = try identifier("causationId")
        var metadata: [String: String] = [:]
        if let value = byKey["metadata"], value != .null {
            guard case .object(let entries) = value else { throw fail("\"metadata\" must be an object of strings") }
            for entry in entries {
                guard case .string(let text) = entry.value else { throw fail("metadata \"\(entry.key)\" must be a string") }
                metadata[entry.key] = text
            }
        }
        let codecID = try codec(byKey["codec"], line: number)
        var chainHash: ChainHash?
        if let hex = try optionalText("chainHash") {
            guard let hash = ChainHash(hex: hex) else { throw fail("\"chainHash\" must be 64 hexadecimal digits") }
            chainHash = hash
        }
        let payload: [UInt8]
        if let base64 = try optionalText("payload") {
            guard let bytes = Data(base64Encoded: base64) else { throw fail("\"payload\" is not base64") }
            payload = Array(bytes)
        } else {
            guard let data = byKey["data"] else { throw fail("\"data\" is missing") }
            guard let codec = codecs.codec(for: codecID) else {
                throw fail("codec \(codecID) is unknown here and the line has no \"payload\" bytes")
            }
            do { payload = try codec.encode(value: data) } catch { throw fail("\"data\" cannot be encoded: \(error)") }
        }
        let event = NewEvent(
            id: id, type: type, schemaVersion: UInt32(schemaVersion), payloadCodec: codecID, payload: payload,
            occurredAt: occurredAt, actor: actor, correlationID: correlation, causationID: causation, metadata: metadata)
        return ImportedEvent(
            event: event, stream: stream, streamVersion: streamVersion, position: LogPosition(position),
            recordedAt: recordedAt, chainHash: chainHash)
    }

    private static func codecValue(_ id: PayloadCodecID) -> PayloadValue {
        switch id {
        case .binary: .string("binary")
        case .json: .string("json")
        default: .uint(UInt64(id.rawValue))
        }
    }

    private static func codec(_ value: PayloadValue?, line: Int) throws(EventStoreError) -> PayloadCodecID {
        switch value {
        case .string("binary")?: return .binary
        case .string("json")?: return .json
        case .int(let number)? where (0...255).contains(number): return PayloadCodecID(rawValue: UInt8(number))
        case .uint(let number)? where number <= 255: return PayloadCodecID(rawValue: UInt8(number))
        case nil: throw .invalidImport(line: line, reason: "\"codec\" is missing")
        default: throw .invalidImport(line: line, reason: "\"codec\" must be \"binary\", \"json\" or a number 0-255")
        }
    }
}
