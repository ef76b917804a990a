import CRM
import Foundation
import PropertyBased
import Testing

@Suite("Properties")
struct PropertyTests {
    private static let currency = Gen.oneOf(Gen.always("EUR"), Gen.always("JPY"), Gen.always("KWD"))
    private static let minorUnits = Gen.int64(in: -1_000_000_000_000...1_000_000_000_000)
    private static let word = Gen.character(in: "\u{20}"..."\u{24F}").string(of: 0...30)

    @Test func moneyTextRoundTripsExactly() async {
        await propertyCheck(count: 300, input: Self.minorUnits, Self.currency) { minor, currency in await recordingErrors {
            let money = Money(minorUnits: minor, currency: currency)
            #expect((try? Money(money.amountText, currency: currency)) == money)
        } }
    }

    @Test func aDateIsWrittenAsYearMonthAndDayAndReadBack() async throws {
        let gmt = try #require(TimeZone(identifier: "GMT"))
        // The day before 0001-01-01 is written as year 0, and not read back.
        let yearZero = LocalDate(Timestamp(rawValue: -62_135_683_200_000_000), in: gmt)
        #expect(yearZero.description == "0000-12-31")
        #expect(LocalDate("0000-12-31") == nil)
        #expect(LocalDate("0001-01-01")?.description == "0001-01-01")
        // Moments from about 1570 BCE to 7990 CE, in microseconds.
        await propertyCheck(count: 500, input: Gen.int64(in: -112_000_000_000_000_000...190_000_000_000_000_000)) { micros in await recordingErrors {
            let date = LocalDate(Timestamp(rawValue: micros), in: gmt)
            let expected = date.year >= 0
                ? String(format: "%04d-%02d-%02d", date.year, date.month, date.day)
                : "-" + String(format: "%04d-%02d-%02d", -date.year, date.month, date.day)
            #expect(date.description == expected)
            // Text reads back for the years a LocalDate can be made of (1 to 9999); year 0 and earlier years,
            // which a moment before 0001 gives, are written but not read.
            if (1...9_999).contains(date.year) {
                #expect(LocalDate(date.description) == date)
            } else {
                #expect(LocalDate(date.description) == nil)
            }
        } }
    }

    @Test func moneyArithmeticIsExact() async {
        await propertyCheck(count: 300, input: Self.minorUnits, Self.minorUnits) { a, b in await recordingErrors {
            let x = Money(minorUnits: a, currency: "EUR"), y = Money(minorUnits: b, currency: "EUR")
            #expect((try? x.adding(y).subtracting(y)) == x)
        } }
    }

    /// The date of a moment, by calendar arithmetic on the zone's offset, equals Foundation's `Calendar` answer:
    /// moments from 1900 to 2200 (microseconds, before and after 1970), in zones with whole, half and
    /// quarter-hour offsets and daylight saving time.
    @Test func theDateOfAMomentIsTheCalendarsDate() async {
        let zones = ["UTC", "Europe/Helsinki", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham",
            "America/St_Johns", "Pacific/Kiritimati", "Pacific/Pago_Pago"].compactMap { TimeZone(identifier: $0) }
        #expect(zones.count == 9)
        let moments = Gen.int64(in: -2_208_988_800_000_000...7_258_118_400_000_000)
        await propertyCheck(count: 500, input: moments, Gen.int(in: 0...(zones.count - 1))) { micros, index in await recordingErrors {
            let zone = zones[index]
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let timestamp = Timestamp(rawValue: micros)
            let parts = calendar.dateComponents([.year, .month, .day], from: timestamp.date)
            let date = LocalDate(timestamp, in: zone)
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day], "\(micros) in \(zone.identifier)")
        } }
        // Around midnight UTC, a microsecond either side.
        let midnight = Timestamp(rawValue: 1_767_225_600_000_000)  // 2026-01-01T00:00:00Z
        #expect(LocalDate(midnight, in: .gmt).description == "2026-01-01")
        #expect(LocalDate(Timestamp(rawValue: midnight.rawValue - 1), in: .gmt).description == "2025-12-31")
        #expect(LocalDate(Timestamp(rawValue: -1), in: .gmt).description == "1969-12-31")
    }

    @Test func nameSimilarityIsBetweenZeroAndOneAndOneForEqualNames() async {
        await propertyCheck(count: 300, input: Self.word, Self.word) { a, b in await recordingErrors {
            let score = NameSimilarity.jaroWinkler(a, b)
            #expect(score >= 0 && score <= 1.000_000_1)
            #expect(NameSimilarity.jaroWinkler(a, a) == 1)
        } }
    }

    @Test func normalisationIsIdempotent() async {
        let normal = ContactNormalisation(defaultCountryCallingCode: "358")
        await propertyCheck(count: 300, input: Self.word, Self.word) { local, name in await recordingErrors {
            let address = local + "@gmail.com"
            #expect(normal.email(address).flatMap(normal.email) == normal.email(address))
            #expect(normal.name(name).flatMap(normal.name) == normal.name(name))
        } }
    }
}

@Suite("E-mail normalisation edge cases")
struct EmailNormalisationEdgeTests {
    @Test(arguments: ["+news@gmail.com", ".@gmail.com", "..+x@googlemail.com", ". @gmail.com"])
    func aGmailAddressWithNothingLeftOfItsNameIsNoAddress(address: String) {
        #expect(ContactNormalisation(defaultCountryCallingCode: "358").email(address) == nil)
    }

    /// A space left at the end of the name once its dots are gone is trimmed (found by the idempotence property:
    /// "a. @gmail.com" gave "a @gmail.com", which normalised again to "a@gmail.com").
    @Test func spacesLeftByTheDotsAreTrimmed() {
        let normal = ContactNormalisation(defaultCountryCallingCode: "358")
        #expect(normal.email("a. @gmail.com") == "a@gmail.com")
        #expect(normal.email(". a.b@googlemail.com") == "ab@gmail.com")
    }
}
