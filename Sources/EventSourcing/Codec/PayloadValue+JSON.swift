import Foundation

extension PayloadValue {
    /// Compact JSON text, keys in order.
    ///
    /// Values JSON cannot hold are written as one-key objects: `{"$bytes":"<base64>"}`,
    /// `{"$timestamp":"2025-01-01T00:00:00.000000Z"}`, `{"$uuid":"…"}`, `{"$double":"nan"|"inf"|"-inf"}` and
    /// `{"$sealed":{"subject":…,"keyVersion":…,"ciphertext":"<base64>"}}`; ``init(jsonText:)`` reads them back,
    /// so the round trip is exact.
    public func jsonText() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .uint(let number): out += String(number)
        case .double(let number):
            if number.isNaN {
                out += #"{"$double":"nan"}"#
            } else if number.isInfinite {
                out += number > 0 ? #"{"$double":"inf"}"# : #"{"$double":"-inf"}"#
            } else {
                out += Self.jsonNumber(number)
            }
        case .string(let text): Self.writeString(text, into: &out)
        case .bytes(let bytes): out += #"{"$bytes":""# + Data(bytes).base64EncodedString() + #""}"#
        case .timestamp(let micros): out += #"{"$timestamp":""# + Timestamp(rawValue: micros).description + #""}"#
        case .uuid(let uuid): out += #"{"$uuid":""# + uuid.uuidString.lowercased() + #""}"#
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(field.key, into: &out)
                out += ":"
                field.value.write(into: &out)
            }
            out += "}"
        case .sealed(let sealed):
            out += #"{"$sealed":{"subject":"#
            Self.writeString(sealed.subject, into: &out)
            out += #","keyVersion":\#(sealed.keyVersion),"ciphertext":""#
            out += Data(sealed.ciphertext).base64EncodedString() + #""}}"#
        }
    }

    /// A double as JSON: the shortest text that reads back to the same value, always with a `.` or exponent so
    /// that it reads back as a double.
    private static func jsonNumber(_ number: Double) -> String {
        let text = "\(number)"
        return text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) ? text : text + ".0"
    }

    private static func writeString(_ text: String, into out: inout String) {
        // Most strings need no escape: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += text
            out += "\""
            return
        }
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// Parses JSON text (RFC 8259), reading the `$`-objects of ``jsonText()`` back into their values.
    ///
    /// Integers that fit `Int64` become ``int(_:)``, larger non-negative ones ``uint(_:)``, other numbers
    /// ``double(_:)``.
    /// - Throws: ``PayloadCodingError`` with the line and column of the first problem.
    public init(jsonText: String) throws(PayloadCodingError) {
        var parser = JSONParser(Array(jsonText.utf8))
        self = try parser.parseDocument()
    }
}

/// A recursive-descent JSON parser with a depth limit and line/column errors.
private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    static let maximumDepth = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ message: String) -> PayloadCodingError {
        var line = 1
        var column = 1
        for byte in bytes[0..<min(index, bytes.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return PayloadCodingError(.malformed, offset: index, message: "JSON line \(line), column \(column): \(message)")
    }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func parseDocument() throws(PayloadCodingError) -> PayloadValue {
        let value = try parseValue(depth: 0)
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the value") }
        return value
    }

    mutating func expect(_ literal: String) throws(PayloadCodingError) {
        let expected = Array(literal.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else {
            throw fail("expected '\(literal)'")
        }
        index += expected.count
    }

    mutating func parseValue(depth: Int) throws(PayloadCodingError) -> PayloadValue {
        guard depth < Self.maximumDepth else { throw fail("values are nested more than \(Self.maximumDepth) deep") }
        skipWhitespace()
        guard index < bytes.count else { throw fail("unexpected end of input") }
        switch bytes[index] {
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "["):
            index += 1
            var elements: [PayloadValue] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                elements.append(try parseValue(depth: depth + 1))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated array") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
                throw fail("expected ',' or ']' in an array")
            }
        case UInt8(ascii: "{"):
            index += 1
            var fields: [PayloadField] = []
            skipWhitespace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(fields)
            }
            while true {
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
                let key = try parseString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
                index += 1
                fields.append(PayloadField(key: key, value: try parseValue(depth: depth + 1)))
                skipWhitespace()
                guard index < bytes.count else { throw fail("unterminated object") }
                if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                if bytes[index] == UInt8(ascii: "}") { index += 1; break }
                throw fail("expected ',' or '}' in an object")
            }
            return try Self.special(fields) ?? .object(fields)
        default:
            return try parseNumber()
        }
    }

    /// The `$`-objects written by `jsonText()`.
    static func special(_ fields: [PayloadField]) throws(PayloadCodingError) -> PayloadValue? {
        guard fields.count == 1, let field = fields.first, field.key.hasPrefix("$") else { return nil }
        switch (field.key, field.value) {
        case ("$bytes", .string(let text)):
            guard let data = Data(base64Encoded: text) else { return nil }
            return .bytes(Array(data))
        case ("$timestamp", .string(let text)):
            guard let time = Timestamp(iso8601: text) else { return nil }
            return .timestamp(time.rawValue)
        case ("$uuid", .string(let text)):
            guard let uuid = UUID(uuidString: text) else { return nil }
            return .uuid(uuid)
        case ("$double", .string(let text)):
            switch text {
            case "nan": return .double(.nan)
            case "inf": return .double(.infinity)
            case "-inf": return .double(-.infinity)
            default: return nil
            }
        case ("$sealed", .object):
            guard let subject = field.value["subject"]?.stringValue,
                let version = field.value["keyVersion"]?.intValue, let keyVersion = UInt32(exactly: version),
                let text = field.value["ciphertext"]?.stringValue, let data = Data(base64Encoded: text)
            else { return nil }
            return .sealed(SealedValue(subject: subject, keyVersion: keyVersion, ciphertext: Array(data)))
        default:
            return nil
        }
    }

    mutating func parseString() throws(PayloadCodingError) -> String {
        index += 1
        // Most strings have no escape and no control character: take them whole.
        var end = index
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
            end += 1
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            guard let text = bytes[index..<end].withUnsafeBytes({ validatedString($0) }) else {
                throw fail("invalid UTF-8 in a string")
            }
            index = end + 1
            return text
        }
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush(_ run: inout [UInt8], into scalars: inout String.UnicodeScalarView) throws(PayloadCodingError) {
            guard !run.isEmpty else { return }
            guard let text = run.withUnsafeBytes({ validatedString($0) }) else { throw fail("invalid UTF-8 in a string") }
            scalars.append(contentsOf: text.unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                try flush(&run, into: &scalars)
                return String(scalars)
            case UInt8(ascii: "\\"):
                try flush(&run, into: &scalars)
                guard index < bytes.count else { throw fail("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw fail("a high surrogate without its low surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("an invalid low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("an invalid \\u escape") }
                    scalars.append(scalar)
                default:
                    throw fail("an invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
                }
            default:
                guard byte >= 0x20 else { throw fail("a control character inside a string") }
                run.append(byte)
            }
        }
    }

    mutating func hex4() throws(PayloadCodingError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("a \\u escape needs 4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            index += 1
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            default: throw fail("a \\u escape needs 4 hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    mutating func parseNumber() throws(PayloadCodingError) -> PayloadValue {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits() -> Int {
            let from = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            return index - from
        }
        let integerDigits = digits()
        guard integerDigits > 0 else {
            index = start
            throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[start])))'")
        }
        guard !(integerDigits > 1 && bytes[index - integerDigits] == UInt8(ascii: "0")) else {
            index = start
            throw fail("a number must not start with 0")
        }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            isInteger = false
            guard digits() > 0 else { throw fail("expected digits after '.'") }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            isInteger = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger {
            if let number = Int64(text) { return .int(number) }
            if let number = UInt64(text) { return .uint(number) }
        }
        guard let number = Double(text) else { throw fail("the number \(text) is out of range") }
        return .double(number)
    }
}
