/// Input checks shared by the commands; each throws ``CRMError/invalidInput(field:reason:)`` naming the field.
enum Validate {
    /// The longest identifier, in characters.
    static let identifierLimit = 64
    /// The longest name or short text, in characters.
    static let nameLimit = 200
    /// The longest free text (descriptions, notes, summaries), in characters.
    static let textLimit = 10_000

    /// A record identifier: 1 to 64 letters, digits, `-`, `_`, `.` or `:`.
    static func identifier(_ value: String, field: String) throws(CRMError) -> String {
        guard !value.isEmpty, value.count <= identifierLimit,
            value.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSetASCII.identifier(UInt8($0.value))) })
        else {
            throw .invalidInput(
                field: field,
                reason: "'\(value.prefix(80))' must be 1 to \(identifierLimit) letters, digits, '-', '_', '.' or ':'")
        }
        return value
    }

    /// A non-empty text, trimmed, of at most `limit` characters.
    static func text(_ value: String, field: String, limit: Int = nameLimit) throws(CRMError) -> String {
        let trimmed = value.trimmingWhitespace
        guard !trimmed.isEmpty else { throw .invalidInput(field: field, reason: "it must not be empty") }
        guard trimmed.count <= limit else {
            throw .invalidInput(field: field, reason: "it is \(trimmed.count) characters long; the limit is \(limit)")
        }
        return trimmed
    }

    /// An optional text: `nil` stays `nil`, an empty text becomes `nil`, otherwise as ``text(_:field:limit:)``.
    static func optionalText(_ value: String?, field: String, limit: Int = nameLimit) throws(CRMError) -> String? {
        guard let value, !value.trimmingWhitespace.isEmpty else { return nil }
        return try text(value, field: field, limit: limit)
    }

    /// An optional identifier.
    static func optionalIdentifier(_ value: String?, field: String) throws(CRMError) -> String? {
        guard let value else { return nil }
        return try identifier(value, field: field)
    }

    /// An e-mail address of the shape `local@domain.tld`, trimmed.
    static func email(_ value: String, field: String = "e-mail address") throws(CRMError) -> String {
        let trimmed = try text(value, field: field, limit: 254)
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."), !trimmed.contains(where: { $0.isWhitespace })
        else { throw .invalidInput(field: field, reason: "'\(trimmed)' is not an e-mail address like name@example.com") }
        return trimmed
    }

    /// A phone number with at least 5 and at most 15 digits (E.164); spaces, dashes, dots and brackets allowed.
    static func phone(_ value: String, field: String = "phone number") throws(CRMError) -> String {
        let trimmed = try text(value, field: field, limit: 40)
        let digits = trimmed.filter(\.isASCIIDigit).count
        let allowed = trimmed.allSatisfy { $0.isASCIIDigit || " -.()+/".contains($0) }
        guard allowed, (5...15).contains(digits) else {
            throw .invalidInput(field: field, reason: "'\(trimmed)' is not a phone number like +358 40 123 4567")
        }
        return trimmed
    }

    /// A whole number in `range`.
    static func number(_ value: Int, in range: ClosedRange<Int>, field: String) throws(CRMError) -> Int {
        guard range.contains(value) else {
            throw .invalidInput(field: field, reason: "\(value) is outside \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A non-empty list of unique identifiers.
    static func identifiers(_ values: [String], field: String) throws(CRMError) -> [String] {
        guard !values.isEmpty else { throw .invalidInput(field: field, reason: "at least one is needed") }
        for value in values { _ = try identifier(value, field: field) }
        guard Set(values).count == values.count else { throw .invalidInput(field: field, reason: "an id is listed twice") }
        return values
    }
}

/// ASCII classes for identifiers.
enum CharacterSetASCII {
    /// Letters, digits, `-`, `_`, `.`, `:`.
    static func identifier(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A
    }
}

extension String {
    /// The text without leading and trailing white space.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
            let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
