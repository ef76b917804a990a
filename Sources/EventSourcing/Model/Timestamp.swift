public import Foundation

/// A moment, in whole microseconds since 1970-01-01T00:00:00Z (UTC).
///
/// The store keeps times as integers so that records are compact, comparisons are exact and replays reproduce
/// the same values on every machine.
public struct Timestamp: RawRepresentable, Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Microseconds since the Unix epoch.
    public let rawValue: Int64

    /// Wraps microseconds since the Unix epoch.
    public init(rawValue: Int64) { self.rawValue = rawValue }

    /// Wraps microseconds since the Unix epoch.
    public init(microsecondsSince1970 value: Int64) { self.rawValue = value }

    /// Whole seconds since the Unix epoch.
    public init(secondsSince1970 seconds: Int64) { self.rawValue = seconds &* 1_000_000 }

    /// The moment of a Foundation `Date`, rounded down to the microsecond.
    public init(_ date: Date) {
        self.rawValue = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    /// The current time.
    public static func now() -> Timestamp { Timestamp(Date()) }

    /// The moment as a Foundation `Date`.
    public var date: Date { Date(timeIntervalSince1970: Double(rawValue) / 1_000_000) }

    /// Microseconds since the Unix epoch.
    public var microsecondsSince1970: Int64 { rawValue }

    /// ISO 8601 in UTC with microseconds, e.g. `2025-01-01T00:00:30.000000Z`.
    public var description: String { iso8601(fractional: true) }

    /// ISO 8601 in UTC to the whole second (the fraction dropped), e.g. `2025-01-01T00:00:30Z`.
    public var iso8601Seconds: String { iso8601(fractional: false) }

    private func iso8601(fractional: Bool) -> String {
        let seconds = rawValue >= 0 ? rawValue / 1_000_000 : (rawValue - 999_999) / 1_000_000
        let micros = rawValue - seconds * 1_000_000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = Self.civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))" + (fractional ? ".\(pad(micros, 6))Z" : "Z")
    }

    /// Parses ISO 8601 UTC text: `2025-06-30`, `2025-06-30T12:00:00Z`, or with a fraction of up to 6 digits.
    /// - Returns: `nil` when the text is not such a time, or its date does not exist (`2026-02-30`).
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            guard range.upperBound <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard bytes.count >= 10, bytes[4] == 0x2D, bytes[7] == 0x2D, let year = number(0..<4),
            let month = number(5..<7), let day = number(8..<10), (1...12).contains(month),
            (1...Self.days(inMonth: month, of: year)).contains(day)
        else { return nil }
        var micros: Int64 = 0
        var hour: Int64 = 0, minute: Int64 = 0, second: Int64 = 0
        if bytes.count > 10 {
            guard bytes.count >= 20, bytes[10] == 0x54, bytes[13] == 0x3A, bytes[16] == 0x3A,
                let h = number(11..<13), let m = number(14..<16), let s = number(17..<19), h < 24, m < 60, s < 61
            else { return nil }
            hour = h; minute = m; second = s
            var index = 19
            if bytes[index] == 0x2E {
                index += 1
                var digits = 0
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                    if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 0x30) }
                    digits += 1
                    index += 1
                }
                guard digits > 0 else { return nil }
                for _ in min(digits, 6)..<6 { micros *= 10 }
            }
            guard index == bytes.count - 1, bytes[index] == 0x5A else { return nil }
        }
        let days = Self.days(fromCivil: year, month, day)
        rawValue = ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + micros
    }

    /// The number of days of `month` (1 to 12) in `year` (proleptic Gregorian).
    static func days(inMonth month: Int64, of year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Hinnant's `civil_from_days`.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    /// Hinnant's `days_from_civil`.
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Orders moments in time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes microseconds.
    public init(from decoder: any Decoder) throws { rawValue = try Int64(from: decoder) }

    /// Encodes microseconds.
    public func encode(to encoder: any Encoder) throws { try rawValue.encode(to: encoder) }
}
