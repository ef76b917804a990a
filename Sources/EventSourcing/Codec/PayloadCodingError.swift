/// Why a payload could not be encoded or decoded.
public struct PayloadCodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a value to compare.
    public enum Code: String, Sendable, Hashable {
        /// The bytes end before the value does.
        case truncated
        /// The bytes are not a valid encoding.
        case malformed
        /// The payload's format version is not one this reader knows.
        case unsupportedFormatVersion
        /// Text is not valid UTF-8.
        case invalidUTF8
        /// The value has another type than the one asked for.
        case typeMismatch
        /// A required key is missing.
        case keyNotFound
        /// A required value is null.
        case valueNotFound
        /// Containers are nested deeper than the limit.
        case nestingTooDeep
        /// The value could not be encoded.
        case encodingFailed
    }

    /// What went wrong.
    public let code: Code
    /// The byte offset in the payload, when known.
    public let offset: Int?
    /// The keys leading to the value, such as `lines[2].amount`.
    public let codingPath: String
    /// A sentence a person can act on.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, offset: Int? = nil, codingPath: String = "", message: String) {
        self.code = code
        self.offset = offset
        self.codingPath = codingPath
        self.message = message
    }

    /// `payload byte 17, at 'email': expected a string but found an integer`.
    public var description: String {
        var parts: [String] = []
        if let offset { parts.append("payload byte \(offset)") }
        if !codingPath.isEmpty { parts.append("at '\(codingPath)'") }
        return (parts.isEmpty ? "" : parts.joined(separator: ", ") + ": ") + message
    }

    /// The same error located at `keys`, unless it already names a path.
    func at(_ keys: [any CodingKey]) -> PayloadCodingError {
        codingPath.isEmpty ? PayloadCodingError(code, offset: offset, codingPath: Self.path(keys), message: message) : self
    }

    /// The text form of a coding path.
    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text
    }

    /// Maps what a `Decodable`/`Encodable` implementation threw.
    static func wrap(_ error: any Error) -> PayloadCodingError {
        if let error = error as? PayloadCodingError { return error }
        if let error = error as? DecodingError {
            switch error {
            case .typeMismatch(_, let context):
                return PayloadCodingError(.typeMismatch, codingPath: path(context.codingPath), message: context.debugDescription)
            case .valueNotFound(_, let context):
                return PayloadCodingError(.valueNotFound, codingPath: path(context.codingPath), message: context.debugDescription)
            case .keyNotFound(let key, let context):
                return PayloadCodingError(
                    .keyNotFound, codingPath: path(context.codingPath + [key]),
                    message: "no value for key '\(key.stringValue)'")
            case .dataCorrupted(let context):
                return PayloadCodingError(.malformed, codingPath: path(context.codingPath), message: context.debugDescription)
            @unknown default:
                return PayloadCodingError(.malformed, message: "\(error)")
            }
        }
        if let error = error as? EncodingError, case .invalidValue(_, let context) = error {
            return PayloadCodingError(.encodingFailed, codingPath: path(context.codingPath), message: context.debugDescription)
        }
        return PayloadCodingError(.malformed, message: "\(error)")
    }
}
