import EventSourcing
import Testing

@Suite("Timestamps in ISO 8601")
struct TimestampTests {
    @Test func parsesAndPrintsUTCTimes() throws {
        // 2026-06-30 is day 20,634 after 1970-01-01 (56 years of 365 days, 14 leap days, 180 days into 2026).
        let day: Int64 = 20_634 * 86_400 * 1_000_000
        #expect(Timestamp(iso8601: "2026-06-30")?.rawValue == day)
        #expect(Timestamp(iso8601: "2026-06-30T12:00:01.5Z")?.rawValue == day + 43_201_500_000)
        #expect(Timestamp(iso8601: "2026-06-30T12:00:01.5Z")?.description == "2026-06-30T12:00:01.500000Z")
        #expect(Timestamp(iso8601: "2024-02-29T00:00:00Z") != nil)
    }

    /// Found by the command-input fuzzer: any day up to 31 was accepted in any month and rolled over, so
    /// `--as-of 2026-02-30` meant 2026-03-02.
    @Test func aDayTheMonthDoesNotHaveIsRefused() {
        for text in ["2026-02-29", "2026-02-30", "2026-04-31", "2100-02-29", "2026-06-31T00:00:00Z", "2026-01-00", "2026-01-32"] {
            #expect(Timestamp(iso8601: text) == nil, "\(text)")
        }
        for text in ["2000-02-29", "2026-01-31", "2026-04-30", "2026-12-31T23:59:59.999999Z"] {
            #expect(Timestamp(iso8601: text) != nil, "\(text)")
        }
    }
}
