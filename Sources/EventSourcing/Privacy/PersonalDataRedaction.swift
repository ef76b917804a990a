extension PersonalDataSchema {
    /// `event` with every text under its type's personal fields replaced by ``PersonalDataPolicy/redactedText``
    /// (for readers that may not see personal data); `event` itself when its type has no rule or its payload
    /// does not decode. Numbers, booleans and `null` stay, so the payload still decodes as its type.
    /// - Throws: ``EventStoreError/codec(_:)`` when the redacted payload cannot be encoded again.
    public func redacting(_ event: RecordedEvent, codecs: PayloadCodecRegistry = .standard) throws(EventStoreError)
        -> RecordedEvent
    {
        guard let rule = rule(for: event.type), let codec = codecs.codec(for: event.payloadCodec),
            var value = try? event.payloadValue(codecs: codecs)
        else { return event }
        for path in rule.fields {
            let parts = path.split(separator: ".").map(String.init)
            if !parts.isEmpty { value = Self.redact(value, path: parts[...]) }
        }
        var redacted = event
        do { redacted.payload = try codec.encode(value: value) } catch { throw .codec(error) }
        return redacted
    }

    /// Follows `path` into `value` and redacts what it reaches.
    private static func redact(_ value: PayloadValue, path: ArraySlice<String>) -> PayloadValue {
        switch value {
        case .array(let elements): return .array(elements.map { redact($0, path: path) })
        case .object(let fields):
            guard let name = path.first else { return redactAll(value) }
            var result = fields
            for index in fields.indices where fields[index].key == name {
                result[index].value = redact(fields[index].value, path: path.dropFirst())
            }
            return .object(result)
        default: return path.isEmpty ? redactAll(value) : value
        }
    }

    /// Every text inside `value` redacted.
    private static func redactAll(_ value: PayloadValue) -> PayloadValue {
        switch value {
        case .string, .sealed: return .string(PersonalDataPolicy.redactedText)
        case .array(let elements): return .array(elements.map(redactAll))
        case .object(let fields):
            return .object(fields.map { PayloadField(key: $0.key, value: redactAll($0.value)) })
        default: return value
        }
    }
}
