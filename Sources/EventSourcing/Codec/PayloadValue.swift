public import Foundation

/// An event payload as a generic value: what a payload holds when the reader has no Swift type for it.
///
/// Every codec can turn its bytes into a `PayloadValue` and back, so events of unknown types can be exported,
/// inspected and re-imported without loss. Objects keep their keys in order.
public enum PayloadValue: Sendable, Hashable {
    /// No value.
    case null
    /// A boolean.
    case bool(Bool)
    /// A signed integer.
    case int(Int64)
    /// An unsigned integer too large for `Int64`.
    case uint(UInt64)
    /// A floating-point number.
    case double(Double)
    /// Text.
    case string(String)
    /// Raw bytes.
    case bytes([UInt8])
    /// A moment, in microseconds since 1970.
    case timestamp(Int64)
    /// A UUID.
    case uuid(UUID)
    /// An ordered list.
    case array([PayloadValue])
    /// Named fields, in order.
    case object([PayloadField])
    /// A value encrypted for one data subject (personal data that can be erased by destroying the key).
    case sealed(SealedValue)

    /// The value of the field `key` of an object; `nil` for other values or a missing key.
    public subscript(key: String) -> PayloadValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.key == key }?.value
    }

    /// The text of a `.string`.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The number of an `.int`, or of a `.uint` that fits.
    public var intValue: Int64? {
        switch self {
        case .int(let value): return value
        case .uint(let value): return Int64(exactly: value)
        default: return nil
        }
    }

    /// The number of a `.double`, `.int` or `.uint`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): return value
        case .int(let value): return Double(value)
        case .uint(let value): return Double(value)
        default: return nil
        }
    }

    /// The flag of a `.bool`.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The fields of an `.object`.
    public var fields: [PayloadField]? {
        if case .object(let fields) = self { return fields }
        return nil
    }

    /// The elements of an `.array`.
    public var elements: [PayloadValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

/// One named field of a ``PayloadValue/object(_:)``.
public struct PayloadField: Sendable, Hashable {
    /// The field's name.
    public var key: String
    /// The field's value.
    public var value: PayloadValue

    /// Creates a field.
    public init(key: String, value: PayloadValue) {
        self.key = key
        self.value = value
    }
}

/// A value encrypted under one data subject's key.
///
/// Personal data is stored sealed so that erasing a person (destroying their key) makes it unreadable
/// everywhere while the log's hash chain, which covers the ciphertext, still verifies.
public struct SealedValue: Sendable, Hashable, Codable {
    /// Who the data is about (the key's owner).
    public var subject: String
    /// The version of the subject's key that sealed it.
    public var keyVersion: UInt32
    /// The ciphertext, with its nonce and tag.
    public var ciphertext: [UInt8]

    /// Creates a sealed value.
    public init(subject: String, keyVersion: UInt32, ciphertext: [UInt8]) {
        self.subject = subject
        self.keyVersion = keyVersion
        self.ciphertext = ciphertext
    }
}
