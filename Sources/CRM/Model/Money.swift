public import Foundation
public import EventSourcing

/// An amount of money: a whole number of the currency's minor units (cents) and an ISO 4217 currency code.
///
/// Money is never a floating-point number. It is stored as minor units in an `Int64`, so sums are exact and
/// every platform reads the same value back; in JSON it is `{"currency": "EUR", "minorUnits": 4800000}`
/// (EUR 48,000.00). The number of minor-unit digits comes from the currency (``minorUnitDigits(of:)``: 2 for
/// most, 0 for JPY or KRW, 3 for BHD, KWD, OMR, TND, JOD).
///
/// ```swift
/// let price = try Money("1250.50", currency: "EUR")   // 125050 minor units
/// let total = try price.multiplied(by: 4)             // EUR 5002.00
/// ```
public struct Money: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The ISO 4217 code, three capital letters (`EUR`, `USD`, `JPY`).
    public var currency: String
    /// The amount in the currency's minor units (cents for EUR); negative for a debit.
    public var minorUnits: Int64

    /// An amount in minor units, not validated (see ``validated(field:)``).
    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal text such as `1250.50` (a dot, at most the currency's minor-unit digits).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for a malformed amount, a bad currency code or an
    ///   amount too large for 64 bits.
    public init(_ text: String, currency: String) throws(CRMError) {
        let code = try Money.checkCurrency(currency, field: "amount")
        let digits = Money.minorUnitDigits(of: code)
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        let negative = rest.hasPrefix("-")
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy(\.isASCIIDigit), parts.count == 1 || (parts[1].count <= digits && !parts[1].isEmpty
                && parts[1].allSatisfy(\.isASCIIDigit))
        else {
            throw .invalidInput(
                field: "amount",
                reason: "'\(text)' is not an amount of \(code); write it like 1250.\(String(repeating: "5", count: digits))")
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        let padded = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let value = Int64(String(whole) + padded) else {
            throw .invalidInput(field: "amount", reason: "'\(text)' is too large an amount")
        }
        self.init(minorUnits: negative ? -value : value, currency: code)
    }

    /// Converts a Foundation `Decimal`, which must not have more fraction digits than the currency allows.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``.
    public init(_ decimal: Decimal, currency: String) throws(CRMError) {
        try self.init(decimal.description, currency: currency)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: String) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The amount as a Foundation `Decimal` in major units (exact).
    public var decimalValue: Decimal {
        Decimal(sign: minorUnits < 0 ? .minus : .plus, exponent: -Money.minorUnitDigits(of: currency),
            significand: Decimal(minorUnits.magnitude))
    }

    /// The amount in major units as text with the currency's digits: `1250.50`.
    public var amountText: String {
        let digits = Money.minorUnitDigits(of: currency)
        let magnitude = String(minorUnits.magnitude)
        guard digits > 0 else { return (minorUnits < 0 ? "-" : "") + magnitude }
        let padded = String(repeating: "0", count: max(0, digits + 1 - magnitude.count)) + magnitude
        let split = padded.index(padded.endIndex, offsetBy: -digits)
        return (minorUnits < 0 ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    /// `EUR 1250.50`.
    public var description: String { "\(currency) \(amountText)" }

    /// The sum of two amounts in the same currency.
    /// - Throws: ``CRMError/currencyMismatch(expected:found:)`` or ``CRMError/invalidInput(field:reason:)`` on overflow.
    public func adding(_ other: Money) throws(CRMError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch(expected: currency, found: other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .invalidInput(field: "amount", reason: "the sum is too large") }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The difference of two amounts in the same currency.
    /// - Throws: ``CRMError/currencyMismatch(expected:found:)`` or ``CRMError/invalidInput(field:reason:)`` on overflow.
    public func subtracting(_ other: Money) throws(CRMError) -> Money {
        guard other.currency == currency else { throw .currencyMismatch(expected: currency, found: other.currency) }
        // Not `adding(-other)`: negating `Int64.min` (which a decoded or hand-made amount may hold) would trap.
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        guard !overflow else { throw .invalidInput(field: "amount", reason: "the difference is too large") }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The amount times a whole number.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` on overflow.
    public func multiplied(by factor: Int) throws(CRMError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: Int64(factor))
        guard !overflow else { throw .invalidInput(field: "amount", reason: "the product is too large") }
        return Money(minorUnits: product, currency: currency)
    }

    /// Checks that the currency code is three capital letters and, unless `allowNegative`, that the amount is
    /// not negative; returns the amount.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` naming `field`.
    public func validated(field: String, allowNegative: Bool = false) throws(CRMError) -> Money {
        _ = try Money.checkCurrency(currency, field: field)
        guard allowNegative || minorUnits >= 0 else {
            throw .invalidInput(field: field, reason: "\(self) is negative; amounts must be zero or more")
        }
        return self
    }

    /// The number of minor-unit digits of an ISO 4217 currency (2 unless listed otherwise).
    public static func minorUnitDigits(of currency: String) -> Int {
        switch currency {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF",
            "XPF":
            return 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": return 3
        default: return 2
        }
    }

    private static func checkCurrency(_ code: String, field: String) throws(CRMError) -> String {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
            throw .invalidInput(field: field, reason: "'\(code)' is not an ISO 4217 currency code like EUR or USD")
        }
        return code
    }
}

extension Character {
    /// `0` to `9`.
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension Money: BinaryPayloadEncodable {
    /// Writes the amount into a binary payload's fields (`currency`, then `minorUnits`, as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("currency", currency)
        try fields.int64("minorUnits", minorUnits)
    }
}

extension Money: BinaryPayloadDecodable {
    /// Reads the amount from a binary payload's fields (`currency`, then `minorUnits`, as `Codable` writes them).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        currency = try fields.string("currency")
        minorUnits = try fields.int64("minorUnits")
    }
}
