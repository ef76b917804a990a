// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

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

extension WorkingHours: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        weekday = try fields.value(Weekday.self, "weekday")
        startMinute = try fields.int("startMinute")
        endMinute = try fields.int("endMinute")
    }
}

extension WorkingHours: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("weekday", weekday)
        try fields.int("startMinute", startMinute)
        try fields.int("endMinute", endMinute)
    }
}
