// TEMPORARY until the codec lands.
public struct PayloadCodecID: RawRepresentable, Hashable, Sendable { public let rawValue: UInt8; public init(rawValue: UInt8) { self.rawValue = rawValue }; public static let binary = Self(rawValue: 1) }
public struct PayloadCodingError: Error, Hashable, Sendable {}
public enum PayloadValue: Sendable, Hashable { case null }
public protocol PayloadCodec: Sendable {
    var id: PayloadCodecID { get }
    func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8]
    func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T
    func decodeValue(from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue
}
public struct BinaryPayloadCodec: PayloadCodec {
    public init() {}
    public var id: PayloadCodecID { .binary }
    public func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> [UInt8] { [] }
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> T { throw PayloadCodingError() }
    public func decodeValue(from bytes: UnsafeRawBufferPointer) throws(PayloadCodingError) -> PayloadValue { .null }
}
public struct PayloadCodecRegistry: Sendable { public static let standard = PayloadCodecRegistry(); public func codec(for id: PayloadCodecID) -> (any PayloadCodec)? { BinaryPayloadCodec() } }
