import CRM
import Testing

@Suite("Business calendars")
struct BusinessCalendarTests {
    private func helsinki(_ fixture: CRMFixture, holidays: [LocalDate] = []) async throws -> BusinessCalendar {
        let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        try await fixture.crm.defineBusinessCalendar(
            id: "helsinki-office", timeZone: "Europe/Helsinki",
            workingHours: weekdays.map { WorkingHours(weekday: $0, startMinute: 480, endMinute: 1020) }, holidays: holidays,
            context: fixture.me)
        return try await fixture.crm.businessCalendar("helsinki-office")
    }

    @Test func dueTimesSkipNightsWeekendsAndHolidays() async throws {
        let fixture = try CRMFixture()
        let calendar = try await helsinki(fixture)
        // Friday 2026-01-02 16:30 in Helsinki (UTC+2): 30 minutes left that day, the rest on Monday from 08:00.
        let friday = moment("2026-01-02T14:30:00Z")
        #expect(calendar.dueTime(after: friday, businessMinutes: 60) == moment("2026-01-05T06:30:00Z"))
        #expect(calendar.businessMinutes(from: friday, to: moment("2026-01-05T06:30:00Z")) == 60)
        #expect(calendar.dueTime(after: moment("2026-01-05T03:00:00Z"), businessMinutes: 15) == moment("2026-01-05T06:15:00Z"))

        let withHoliday = try await helsinki(fixture, holidays: [date("2026-01-05")])
        #expect(withHoliday.definition?.version == 2)
        #expect(withHoliday.dueTime(after: friday, businessMinutes: 60) == moment("2026-01-06T06:30:00Z"))
    }

    @Test func summerTimeIsFollowed() async throws {
        let fixture = try CRMFixture()
        let calendar = try await helsinki(fixture)
        // Helsinki is UTC+3 in summer: Monday 2026-06-01 08:00 local is 05:00Z.
        #expect(calendar.dueTime(after: moment("2026-06-01T00:00:00Z"), businessMinutes: 0) == moment("2026-06-01T05:00:00Z"))
        #expect(calendar.businessMinutes(from: moment("2026-06-01T00:00:00Z"), to: moment("2026-06-02T00:00:00Z")) == 540)
    }

    @Test func calendarsAreValidated() async throws {
        let fixture = try CRMFixture()
        let zone = try await fixture.rejection {
            try await fixture.crm.defineBusinessCalendar(
                id: "c", timeZone: "Mars/Olympus", workingHours: [], holidays: [], context: fixture.me)
        }
        #expect(zone == .invalidInput(field: "time zone", reason: "'Mars/Olympus' is not an IANA time zone like Europe/Helsinki"))
        let hours = try await fixture.rejection {
            try await fixture.crm.defineBusinessCalendar(
                id: "c", timeZone: "UTC", workingHours: [WorkingHours(weekday: .monday, startMinute: 600, endMinute: 500)],
                holidays: [], context: fixture.me)
        }
        #expect(hours == .invalidInput(field: "working hours of monday", reason: "start before end, within 0 to 1440"))
        #expect(BusinessCalendar(id: "none").dueTime(after: moment("2026-01-01T00:00:00Z"), businessMinutes: 1) == nil)
    }
}
