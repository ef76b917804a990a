import CRM
import Foundation
import Testing

@Suite("Money and dates")
struct MoneyAndDateTests {
    @Test func moneyParsesAndPrintsExactly() throws {
        #expect(try Money("1250.5", currency: "EUR").minorUnits == 125050)
        #expect(try Money("-0.01", currency: "EUR").description == "EUR -0.01")
        #expect(try Money("1500", currency: "JPY").description == "JPY 1500")
        #expect(try Money("1.234", currency: "KWD").minorUnits == 1234)
        #expect(try Money(Decimal(string: "19.99") ?? 0, currency: "USD").minorUnits == 1999)
        #expect(try Money("0.10", currency: "EUR").decimalValue == Decimal(string: "0.1"))
        #expect(throws: CRMError.self) { try Money("1.234", currency: "EUR") }
        #expect(throws: CRMError.self) { try Money("1,5", currency: "EUR") }
        #expect(throws: CRMError.self) { try Money("1", currency: "eur") }
        #expect(throws: CRMError.self) { try Money("99999999999999999999", currency: "EUR") }
        let sum = try Money("0.10", currency: "EUR").adding(try Money("0.20", currency: "EUR"))
        #expect(sum == (try Money("0.30", currency: "EUR")))
        #expect(throws: CRMError.currencyMismatch(expected: "EUR", found: "USD")) {
            try Money.zero("EUR").adding(Money.zero("USD"))
        }
    }

    /// Found by the command-input fuzzer: `subtracting` negated its operand, which traps for `Int64.min` (an amount
    /// that a decoded event or `Money(minorUnits:currency:)` may hold).
    @Test func subtractingAtTheLimitsIsExactOrAnErrorNeverATrap() throws {
        let smallest = Money(minorUnits: .min, currency: "EUR")
        // -1 - (-2^63) = 2^63 - 1.
        #expect(try Money(minorUnits: -1, currency: "EUR").subtracting(smallest).minorUnits == Int64.max)
        #expect(throws: CRMError.self) { try Money.zero("EUR").subtracting(smallest) }
        #expect(throws: CRMError.self) { try smallest.subtracting(Money(minorUnits: 1, currency: "EUR")) }
        #expect(try smallest.subtracting(smallest) == Money.zero("EUR"))
        #expect(throws: CRMError.currencyMismatch(expected: "EUR", found: "USD")) {
            try Money.zero("EUR").subtracting(Money(minorUnits: .min, currency: "USD"))
        }
    }

    @Test func moneyIsEncodedAsMinorUnitsAndCurrency() throws {
        let json = try JSONPayloadCodec().encode(try Money("48000", currency: "EUR"))
        #expect(try PayloadValue(jsonText: String(decoding: json, as: UTF8.self))["minorUnits"] == .int(4_800_000))
    }

    @Test func datesAreCalendarDates() throws {
        #expect(LocalDate("2024-02-29")?.description == "2024-02-29")
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2026-1-01") == nil)
        // Found by the command-input fuzzer: `Int("+1")` is 1, so signs passed as digits.
        #expect(LocalDate("2026-+1-05") == nil && LocalDate("+026-01-05") == nil && LocalDate("2026-01-+5") == nil)
        #expect(LocalDate("0026-01-05")?.year == 26)
        #expect(throws: CRMError.self) { try LocalDate(year: 2026, month: 13, day: 1) }
        #expect(try #require(LocalDate("2026-03-31")) < (try #require(LocalDate("2026-04-01"))))
        let helsinki = try #require(TimeZone(identifier: "Europe/Helsinki"))
        #expect(LocalDate(moment("2026-03-20T22:30:00Z"), in: helsinki).description == "2026-03-21")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
