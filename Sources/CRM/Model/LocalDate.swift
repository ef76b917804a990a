public import EventSourcing
public import Foundation

/// A calendar date without a time or time zone (a close date, a contract start), `YYYY-MM-DD` in JSON.
public struct LocalDate: Codable, Sendable, Hashable, Comparable, LosslessStringConvertible {
    /// The year (1 to 9999).
    public let year: Int
    /// The month (1 to 12).
    public let month: Int
    /// The day of the month (1 to 31, valid for the month).
    public let day: Int

    /// A date from its parts.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when the date does not exist.
    public init(year: Int, month: Int, day: Int) throws(CRMError) {
        guard LocalDate.isValid(year: year, month: month, day: day) else {
            throw .invalidInput(field: "date", reason: "\(year)-\(month)-\(day) is not a calendar date")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (ASCII digits only); `nil` when the text is not a valid date.
    public init?(_ text: String) {
        // Read from the ten UTF-8 bytes: `YYYY`, `-`, `MM`, `-`, `DD`, each digit an ASCII digit (what `Int(_:)`
        // would also take, such as `+1` for a month, is refused).
        var text = text
        let parsed = text.withUTF8 { bytes -> (year: Int, month: Int, day: Int)? in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return (year, month, day)
        }
        guard let parsed, LocalDate.isValid(year: parsed.year, month: parsed.month, day: parsed.day) else { return nil }
        self.year = parsed.year
        self.month = parsed.month
        self.day = parsed.day
    }

    /// The date of `timestamp` in `timeZone`: the zone's offset from UTC at that moment, then calendar arithmetic
    /// (no `Calendar`, which costs more than the rest of a view's work on an event).
    public init(_ timestamp: Timestamp, in timeZone: TimeZone) {
        let offset = Int64(timeZone.secondsFromGMT(for: timestamp.date))
        let (seconds, remainder) = timestamp.rawValue.quotientAndRemainder(dividingBy: 1_000_000)
        let local = seconds - (remainder < 0 ? 1 : 0) + offset
        let (days, rest) = local.quotientAndRemainder(dividingBy: 86_400)
        self.init(daysSince1970: Int(days - (rest < 0 ? 1 : 0)))
    }

    /// The date `days` days after 1970-01-01 (before it when negative), in the proleptic Gregorian calendar.
    init(daysSince1970 days: Int) {
        // Howard Hinnant's civil-from-days algorithm, in 400-year eras starting on 0000-03-01.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = doy - (153 * mp + 2) / 5 + 1
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // The common case, years 0 to 9999, written into ten bytes (a string that small needs no allocation).
        if (0...9_999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { buffer in
                func put(_ value: Int, _ width: Int, at start: Int) {
                    var value = value
                    for index in stride(from: start + width - 1, through: start, by: -1) {
                        buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                }
                put(year, 4, at: 0)
                buffer[4] = UInt8(ascii: "-")
                put(month, 2, at: 5)
                buffer[7] = UInt8(ascii: "-")
                put(day, 2, at: 8)
                return 10
            }
        }
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(year < 0 ? "-" : "")\(pad(abs(year), 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Orders dates in time.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Decodes `YYYY-MM-DD`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
        }
        self = date
    }

    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }
}

extension LocalDate {
    // Calendar arithmetic for the views (days between dates, months and days later).

    /// Days since 1970-01-01 (proleptic Gregorian).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The number of days from `self` to `other` (negative when `other` is earlier).
    func days(to other: LocalDate) -> Int { other.dayNumber - dayNumber }

    /// The date `months` months later, on the same day or the month's last day.
    func addingMonths(_ months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let (y, m) = (total / 12, total % 12 + 1)
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (try? LocalDate(year: y, month: m, day: min(day, lengths[m - 1]))) ?? self
    }

    /// The date `days` days later.
    func addingDays(_ days: Int) -> LocalDate { LocalDate(daysSince1970: dayNumber + days) }
}
