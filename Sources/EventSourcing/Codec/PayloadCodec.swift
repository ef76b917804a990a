import Foundation

/// The one-byte identifier of a payload codec, stored in every record.
public struct PayloadCodecID: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The stored byte.
    public let rawValue: UInt8
    /// Wraps a stored byte.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// ``BinaryPayloadCodec``, the default.
    public static let binary = PayloadCodecID(rawValue: 1)
    /// ``JSONPayloadCodec``.
    public static let json = PayloadCodecID(rawValue: 2)

    /// `binary`, `json` or `codec N`.
    public var description: String {
        switch self {
        case .binary: return "binary"
        case .json: return "json"
        default: return "codec \(rawValue)"
        }
    }
}

/// Turns event payloads into bytes and back.
///
/// The codec's ``id`` is stored with every event, so a store can hold events written by several codecs and a
/// reader picks the right one from a ``PayloadCodecRegistry``. Every codec can also read its bytes as a generic
/// ``PayloadValue``, which is how events of types the reader does not know are exported.
public protocol PayloadCodec: Sendable {
    /// The identifier stored with each event this codec encodes.
    var id: PayloadCodecID { get }
    /// Encodes a typed value.
    /// - Throws: ``PayloadCodingError`` when the value cannot be encoded.
    func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8]
    /// Decodes a typed value.
    /// - Throws: ``PayloadCodingError`` when the bytes do not hold a `T`.
    func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T
    /// Reads the bytes as a generic value.
    /// - Throws: ``PayloadCodingError`` when the bytes are not a valid encoding.
    func decodeValue(from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue
    /// Encodes a generic value.
    /// - Throws: ``PayloadCodingError`` when the codec cannot represent it.
    func encode(value: PayloadValue) throws(PayloadCodingError) -> [UInt8]
}

extension PayloadCodec {
    /// Decodes a typed value from an array of bytes.
    /// - Throws: ``PayloadCodingError``.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(PayloadCodingError) -> T {
        try withBytes(bytes) { (raw) throws(PayloadCodingError) -> T in try decode(type, from: raw) }
    }

    /// Reads an array of bytes as a generic value.
    /// - Throws: ``PayloadCodingError``.
    public func decodeValue(from bytes: [UInt8]) throws(PayloadCodingError) -> PayloadValue {
        try withBytes(bytes) { (raw) throws(PayloadCodingError) -> PayloadValue in try decodeValue(from: raw) }
    }
}

/// The default codec: compact, self-describing binary (see ``PayloadValue`` and `Documentation/RecordFormat.md`).
///
/// Dates are stored as microsecond timestamps, UUIDs as 16 bytes, `Data` and `[UInt8]` as bytes and `Decimal` as
/// its decimal text, so that money never passes through floating point.
public struct BinaryPayloadCodec: PayloadCodec {
    /// Creates the codec.
    public init() {}

    /// ``PayloadCodecID/binary``.
    public var id: PayloadCodecID { .binary }

    /// Encodes a typed value straight into bytes: through its ``BinaryPayloadEncodable`` method when the type has
    /// one, through `Codable` otherwise (the bytes are the same).
    /// - Throws: ``PayloadCodingError``.
    public func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8] {
        if let fast = T.self as? any BinaryPayloadEncodable.Type, let bytes = try Self.encode(value, as: fast) {
            return bytes
        }
        return BinaryPayloadFormat.encode(try PayloadValueEncoder().encode(value))
    }

    /// Encodes a ``BinaryPayloadEncodable`` value through its method (chosen at compile time where the type is
    /// known, which spares the conformance look-up that the `Encodable` overload makes).
    /// - Throws: ``PayloadCodingError``.
    public func encode<T: BinaryPayloadEncodable>(_ value: T) throws(PayloadCodingError) -> [UInt8] {
        try value.encodeBinaryPayload()
    }

    /// Encodes a typed value through `Codable` even when it is ``BinaryPayloadEncodable``: for tests that check a
    /// type's two encodings write the same bytes.
    /// - Throws: ``PayloadCodingError``.
    public func encodeWithCodable<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8] {
        BinaryPayloadFormat.encode(try PayloadValueEncoder().encode(value))
    }

    /// Encodes `value` through the method of `fast`, which is `T`'s own metatype.
    private static func encode<T>(_ value: T, as fast: any BinaryPayloadEncodable.Type) throws(PayloadCodingError) -> [UInt8]? {
        func open<F: BinaryPayloadEncodable>(_: F.Type) throws(PayloadCodingError) -> [UInt8]? {
            guard let typed = value as? F else { return nil }
            return try typed.encodeBinaryPayload()
        }
        return try open(fast)
    }

    /// Decodes a typed value straight from the bytes: through its ``BinaryPayloadDecodable`` initialiser when the
    /// type has one, through `Codable` otherwise.
    /// - Throws: ``PayloadCodingError``.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        if let fast = T.self as? any BinaryPayloadDecodable.Type, let value = try Self.decode(fast, as: T.self, from: bytes) {
            return value
        }
        return try BytesDecoder.decode(type, from: bytes)
    }

    /// Decodes a ``BinaryPayloadDecodable`` value through its initialiser (chosen at compile time where the type is
    /// known, which spares the conformance look-up that the `Decodable` overload makes).
    /// - Throws: ``PayloadCodingError``.
    public func decode<T: BinaryPayloadDecodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        try T.decodeBinaryPayload(bytes)
    }

    /// Decodes a typed value through `Codable` even when it is ``BinaryPayloadDecodable``: for tests that check a
    /// type's two initialisers agree.
    /// - Throws: ``PayloadCodingError``.
    public func decodeWithCodable<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        try BytesDecoder.decode(type, from: bytes)
    }

    /// Decodes a typed value through `Codable` from an array of bytes, even when it is ``BinaryPayloadDecodable``.
    /// - Throws: ``PayloadCodingError``.
    public func decodeWithCodable<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(PayloadCodingError) -> T {
        try withBytes(bytes) { (raw) throws(PayloadCodingError) -> T in try BytesDecoder.decode(type, from: raw) }
    }

    /// Decodes `fast`, which is `T`'s own metatype, and hands it back as a `T`.
    private static func decode<T>(_ fast: any BinaryPayloadDecodable.Type, as: T.Type, from bytes: UnsafeRawBufferPointer)
        throws(PayloadCodingError) -> T?
    {
        func open<F: BinaryPayloadDecodable>(_: F.Type) throws(PayloadCodingError) -> T? {
            try F.decodeBinaryPayload(bytes) as? T
        }
        return try open(fast)
    }

    /// Reads the bytes as a generic value.
    /// - Throws: ``PayloadCodingError``.
    public func decodeValue(from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue {
        try BinaryPayloadFormat.decodeValue(bytes)
    }

    /// Encodes a generic value.
    public func encode(value: PayloadValue) throws(PayloadCodingError) -> [UInt8] {
        BinaryPayloadFormat.encode(value)
    }
}

/// A codec that stores payloads as JSON text (Foundation's `JSONEncoder` for typed values), for integrations that
/// want to read payload bytes with any JSON tool. Slower and larger than ``BinaryPayloadCodec``.
public struct JSONPayloadCodec: PayloadCodec {
    /// Creates the codec.
    public init() {}

    /// ``PayloadCodecID/json``.
    public var id: PayloadCodecID { .json }

    /// Encodes a typed value as JSON (dates in ISO 8601).
    /// - Throws: ``PayloadCodingError``.
    public func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        do { return Array(try encoder.encode(value)) } catch { throw PayloadCodingError.wrap(error) }
    }

    /// Decodes a typed value from JSON.
    /// - Throws: ``PayloadCodingError``.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(type, from: Data(bytes)) } catch { throw PayloadCodingError.wrap(error) }
    }

    /// Reads JSON as a generic value (keys kept in order).
    /// - Throws: ``PayloadCodingError``.
    public func decodeValue(from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue {
        guard let text = validatedString(bytes) else {
            throw PayloadCodingError(.invalidUTF8, message: "the JSON payload is not valid UTF-8")
        }
        return try PayloadValue(jsonText: text)
    }

    /// Encodes a generic value as JSON text.
    public func encode(value: PayloadValue) throws(PayloadCodingError) -> [UInt8] {
        Array(value.jsonText().utf8)
    }
}

/// The codecs a reader knows, by identifier.
public struct PayloadCodecRegistry: Sendable {
    private var codecs: [UInt8: any PayloadCodec]
    /// Whether this is ``standard`` (whose decodes a projection run may share between projections).
    private(set) var isStandard = false

    /// The binary and JSON codecs.
    public static let standard: PayloadCodecRegistry = {
        var registry = PayloadCodecRegistry(codecs: [BinaryPayloadCodec(), JSONPayloadCodec()])
        registry.isStandard = true
        return registry
    }()

    /// A registry of `codecs` (a later codec with the same id replaces an earlier one).
    public init(codecs: [any PayloadCodec]) {
        self.codecs = [:]
        for codec in codecs { self.codecs[codec.id.rawValue] = codec }
    }

    /// Adds or replaces a codec.
    public mutating func register(_ codec: some PayloadCodec) {
        codecs[codec.id.rawValue] = codec
        isStandard = false
    }

    /// The codec with identifier `id`, if registered.
    public func codec(for id: PayloadCodecID) -> (any PayloadCodec)? { codecs[id.rawValue] }
}
