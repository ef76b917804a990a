/// Functions that turn stored payloads of old schema versions into the current shape, on read.
///
/// Stored bytes are never rewritten: when a typed decode finds a payload whose ``RecordView/schemaVersion`` is
/// older than the ``Event/schemaVersion`` it asks for, the payload is decoded into a ``PayloadValue``, passed
/// through the registered upcasters one version at a time (1 → 2 → 3 …), and only then decoded as the event.
///
/// ```swift
/// var upcasters = EventUpcasters()
/// // Version 1 had a single "name"; version 2 splits it.
/// upcasters.register("CustomerRegistered", from: 1) { old in
///     let name = old["name"]?.stringValue ?? ""
///     let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
///     return .object([
///         PayloadField(key: "givenName", value: .string(parts.first ?? "")),
///         PayloadField(key: "familyName", value: .string(parts.count > 1 ? parts[1] : "")),
///     ])
/// }
/// var configuration = EventStoreConfiguration()
/// configuration.upcasters = upcasters
/// ```
public struct EventUpcasters: Sendable {
    /// One step: a payload of `version` in, a payload of `version + 1` out.
    public typealias Step = @Sendable (PayloadValue) throws -> PayloadValue

    private var steps: [Key: Step] = [:]

    private struct Key: Hashable {
        var type: String
        var version: UInt32
    }

    /// No upcasters: payloads are decoded as stored.
    public init() {}

    /// Whether no upcaster is registered.
    public var isEmpty: Bool { steps.isEmpty }

    /// Registers the step that turns `type`'s payloads of schema `version` into `version + 1`.
    ///
    /// Registering the same step twice replaces the first.
    public mutating func register(_ type: String, from version: UInt32, _ step: @escaping Step) {
        steps[Key(type: type, version: version)] = step
    }

    /// Whether a payload of `type` at `stored` can be brought to `target` by registered steps.
    public func canUpcast(_ type: String, from stored: UInt32, to target: UInt32) -> Bool {
        guard stored < target else { return false }
        return (stored..<target).allSatisfy { steps[Key(type: type, version: $0)] != nil }
    }

    /// Runs the chain of steps from `stored` to `target`.
    /// - Throws: ``EventStoreError/upcastFailed(type:fromVersion:reason:)`` when a step is missing or throws.
    public func upcast(_ value: PayloadValue, type: String, from stored: UInt32, to target: UInt32)
        throws(EventStoreError) -> PayloadValue
    {
        var value = value
        var version = stored
        while version < target {
            guard let step = steps[Key(type: type, version: version)] else {
                throw .upcastFailed(type: type, fromVersion: version, reason: "no upcaster is registered for this version")
            }
            do {
                value = try step(value)
            } catch {
                throw .upcastFailed(type: type, fromVersion: version, reason: "\(error)")
            }
            version += 1
        }
        return value
    }
}

extension PayloadCodecRegistry {
    /// Decodes a stored payload as `E`, upcasting it first when it is of an older schema version and `upcasters`
    /// know the way.
    func decodeEvent<E: Event>(
        _ type: E.Type, storedType: UnsafeRawBufferPointer, schemaVersion: UInt32, codec id: PayloadCodecID,
        payload: UnsafeRawBufferPointer, upcasters: EventUpcasters
    ) throws(EventStoreError) -> E {
        guard schemaVersion < E.schemaVersion, !upcasters.isEmpty else {
            return try decodeEvent(E.self, storedType: storedType, codec: id, payload: payload)
        }
        guard Self.sameName(storedType, E.eventType) else {
            throw .eventTypeMismatch(expected: E.eventType, found: String(decoding: Array(storedType), as: UTF8.self))
        }
        guard let codec = codec(for: id) else { throw .unknownCodec(id.rawValue) }
        let stored: PayloadValue
        do { stored = try codec.decodeValue(from: payload) } catch { throw .codec(error) }
        let current = try upcasters.upcast(stored, type: E.eventType, from: schemaVersion, to: E.schemaVersion)
        do throws(PayloadCodingError) {
            let binary = BinaryPayloadCodec()
            return try binary.decode(E.self, from: try binary.encode(value: current))
        } catch {
            throw .codec(error)
        }
    }
}
