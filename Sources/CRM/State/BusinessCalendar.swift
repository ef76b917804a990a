public import EventSourcing
import Foundation

/// A business calendar as currently configured (stream `calendar-<id>`): working hours per weekday in a time
/// zone, and holidays. It turns SLA targets in business minutes into due times, and measures elapsed business
/// time; SLA views use it with a ticket's ``SLASnapshot``.
public struct BusinessCalendar: AggregateState, Hashable {
    /// The stream category, `calendar`.
    public static var category: String { "calendar" }
    /// The calendar's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The latest definition.
    public private(set) var definition: BusinessCalendarDefined?

    /// An undefined calendar.
    public init(id: String) { self.id = id }

    /// A calendar from a definition (for views that keep their own copy).
    public init(_ definition: BusinessCalendarDefined) {
        self.id = definition.calendarId
        self.definition = definition
    }

    /// Folds a definition.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if event.type == BusinessCalendarDefined.eventType { definition = try event.decode(BusinessCalendarDefined.self) }
    }

    /// The longest stretch searched for working time, in days (ten years).
    static let searchLimit = 3_660

    /// The moment `minutes` business minutes after `start`; `nil` when the calendar is undefined, has no working
    /// hours, or the time zone is unknown.
    public func dueTime(after start: Timestamp, businessMinutes minutes: Int) -> Timestamp? {
        guard let calendar = gregorian() else { return nil }
        var remaining = max(0, minutes) * 60
        var day = calendar.startOfDay(for: start.date)
        for _ in 0..<Self.searchLimit {
            for (open, close) in workingIntervals(on: day, calendar) {
                let from = max(open, start.date)
                guard from < close else { continue }
                let available = Int(close.timeIntervalSince(from))
                if remaining <= available { return Timestamp(from.addingTimeInterval(TimeInterval(remaining))) }
                remaining -= available
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            day = next
        }
        return nil
    }

    /// The business minutes between two moments (0 when `end` is not after `start`).
    public func businessMinutes(from start: Timestamp, to end: Timestamp) -> Int {
        guard end > start, let calendar = gregorian() else { return 0 }
        var seconds = 0
        var day = calendar.startOfDay(for: start.date)
        for _ in 0..<Self.searchLimit {
            guard day < end.date else { break }
            for (open, close) in workingIntervals(on: day, calendar) {
                let from = max(open, start.date), to = min(close, end.date)
                if from < to { seconds += Int(to.timeIntervalSince(from)) }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return seconds / 60
    }

    private func gregorian() -> Calendar? {
        guard let definition, let zone = TimeZone(identifier: definition.timeZone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// The working intervals of the local day starting at `day`, in order.
    private func workingIntervals(on day: Date, _ calendar: Calendar) -> [(Date, Date)] {
        guard let definition else { return [] }
        let date = LocalDate(Timestamp(day), in: calendar.timeZone)
        guard !definition.holidays.contains(date) else { return [] }
        // Calendar weekdays run from 1 (Sunday) to 7 (Saturday).
        let weekdays: [Weekday] = [.sunday, .monday, .tuesday, .wednesday, .thursday, .friday, .saturday]
        let index = calendar.component(.weekday, from: day) - 1
        guard weekdays.indices.contains(index) else { return [] }
        return definition.workingHours.filter { $0.weekday == weekdays[index] }.sorted { $0.startMinute < $1.startMinute }
            .compactMap { hours in
                guard let open = moment(day, minute: hours.startMinute, calendar),
                    let close = moment(day, minute: hours.endMinute, calendar), open < close
                else { return nil }
                return (open, close)
            }
    }

    /// The moment `minute` minutes after local midnight of `day` (1440: the next midnight), by wall-clock time.
    private func moment(_ day: Date, minute: Int, _ calendar: Calendar) -> Date? {
        if minute >= 1440 { return calendar.date(byAdding: .day, value: 1, to: day) }
        return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: day)
    }
}
