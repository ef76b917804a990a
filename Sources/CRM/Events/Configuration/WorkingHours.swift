// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// The working hours of one weekday, in minutes after local midnight.
public struct WorkingHours: Codable, Sendable, Hashable {
    /// The day.
    public var weekday: Weekday
    /// When work starts (480 = 08:00).
    public var startMinute: Int
    /// When work ends (1020 = 17:00).
    public var endMinute: Int

    /// Creates the value from its fields.
    public init(weekday: Weekday, startMinute: Int, endMinute: Int) {
        self.weekday = weekday
        self.startMinute = startMinute
        self.endMinute = endMinute
    }
}
