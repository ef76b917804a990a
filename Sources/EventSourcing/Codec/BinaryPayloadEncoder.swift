import Foundation

/// Turns an `Encodable` value into a ``PayloadValue`` tree (then bytes, by ``BinaryPayloadFormat``).
///
/// Building the tree first keeps the output right even when an `encode(to:)` implementation interleaves
/// containers; objects keep their keys in the order they were first encoded.
struct PayloadValueEncoder {
    func encode<T: Encodable>(_ value: T) throws(PayloadCodingError) -> PayloadValue {
        let root = EncodingNode()
        do {
            try root.encode(value, codingPath: [])
        } catch {
            throw PayloadCodingError.wrap(error)
        }
        return root.value
    }
}

/// One value under construction.
final class EncodingNode {
    enum Content {
        case empty
        case value(PayloadValue)
        case object([(String, EncodingNode)])
        case array([EncodingNode])
    }

    var content: Content = .empty

    var value: PayloadValue {
        switch content {
        case .empty: return .object([])
        case .value(let value): return value
        case .object(let fields): return .object(fields.map { PayloadField(key: $0.0, value: $0.1.value) })
        case .array(let elements): return .array(elements.map(\.value))
        }
    }

    /// Encodes `value` into this node, with the special forms for dates, UUIDs, bytes, decimals and sealed values.
    func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws {
        if let special = Self.special(value) {
            content = .value(special)
            return
        }
        try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
    }

    static func special<T: Encodable>(_ value: T) -> PayloadValue? {
        // By type first: a comparison of metadata pointers, where a cast per candidate would cost a dynamic cast
        // for every value encoded. (And an empty array of any element type would cast to [UInt8].)
        if T.self == Timestamp.self, let timestamp = value as? Timestamp { return .timestamp(timestamp.rawValue) }
        if T.self == Date.self, let date = value as? Date { return .timestamp(Timestamp(date).rawValue) }
        if T.self == UUID.self, let uuid = value as? UUID { return .uuid(uuid) }
        if T.self == Data.self, let data = value as? Data { return .bytes(Array(data)) }
        if T.self == [UInt8].self, let bytes = value as? [UInt8] { return .bytes(bytes) }
        if T.self == Decimal.self, let decimal = value as? Decimal { return .string(decimal.description) }
        if T.self == SealedValue.self, let sealed = value as? SealedValue { return .sealed(sealed) }
        return nil
    }

    func child(forKey key: String) -> EncodingNode {
        var fields: [(String, EncodingNode)]
        if case .object(let existing) = content { fields = existing } else { fields = [] }
        if let found = fields.first(where: { $0.0 == key }) { return found.1 }
        // Released from `content` first, the array grows in place instead of being copied for every field.
        content = .empty
        let node = EncodingNode()
        fields.append((key, node))
        content = .object(fields)
        return node
    }

    func appendChild() -> EncodingNode {
        var elements: [EncodingNode]
        if case .array(let existing) = content { elements = existing } else { elements = [] }
        content = .empty
        let node = EncodingNode()
        elements.append(node)
        content = .array(elements)
        return node
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.double(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(forKey: key.stringValue).encode(value, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.content = .object([])
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.content = .array([])
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath + [AnyCodingKey("super")])
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let elements) = node.content { return elements.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().content = .value(.null) }
    mutating func encode(_ value: Bool) throws { node.appendChild().content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.appendChild().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { node.appendChild().content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { node.appendChild().content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { node.appendChild().content = .value(.int(value)) }
    mutating func encode(_ value: UInt) throws { node.appendChild().content = .value(unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { node.appendChild().content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { node.appendChild().content = .value(unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try node.appendChild().encode(value, codingPath: codingPath + [AnyCodingKey(index: count)])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = codingPath + [AnyCodingKey(index: count)]
        let child = node.appendChild()
        child.content = .object([])
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: path))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [AnyCodingKey(index: count)]
        let child = node.appendChild()
        child.content = .array([])
        return UnkeyedNodeContainer(node: child, codingPath: path)
    }
    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [AnyCodingKey(index: count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path)
    }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { node.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { node.content = .value(.double(value)) }
    mutating func encode(_ value: Float) throws { node.content = .value(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { node.content = .value(.int(value)) }
    mutating func encode(_ value: UInt) throws { node.content = .value(unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { node.content = .value(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { node.content = .value(unsigned(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try node.encode(value, codingPath: codingPath) }
}

/// Unsigned numbers that fit `Int64` are stored as signed integers, larger ones as unsigned.
private func unsigned(_ value: UInt64) -> PayloadValue {
    value <= UInt64(Int64.max) ? .int(Int64(value)) : .uint(value)
}

/// A coding key made at run time (array indices, `super`).
struct AnyCodingKey: CodingKey {
    private let name: String?
    let intValue: Int?

    /// The key's name; for an index, `Index N` (made only when asked for).
    var stringValue: String { name ?? "Index \(intValue ?? 0)" }

    init(_ string: String) {
        name = string
        intValue = nil
    }

    init(index: Int) {
        name = nil
        intValue = index
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) { self.init(index: intValue) }
}
