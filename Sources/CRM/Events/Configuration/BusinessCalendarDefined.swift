// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A business calendar was defined or revised: time zone, working hours and holidays.
///
/// Stream: `calendar-<calendarId>`. Schema version 1.
public struct BusinessCalendarDefined: Event, Hashable {
    /// The stable type name, `BusinessCalendarDefined`.
    public static let eventType = "BusinessCalendarDefined"
    /// The calendar's identifier.
    public var calendarId: String
    /// The calendar's version.
    public var version: Int
    /// The IANA time zone the hours are in.
    public var timeZone: String
    /// The working hours per weekday (days without an entry are closed).
    public var workingHours: [WorkingHours]
    /// Closed days.
    public var holidays: [LocalDate]

    /// Creates the event from its fields.
    public init(
        calendarId: String,
        version: Int,
        timeZone: String,
        workingHours: [WorkingHours],
        holidays: [LocalDate]
    ) {
        self.calendarId = calendarId
        self.version = version
        self.timeZone = timeZone
        self.workingHours = workingHours
        self.holidays = holidays
    }
}

extension BusinessCalendarDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        calendarId = try fields.string("calendarId")
        version = try fields.int("version")
        timeZone = try fields.string("timeZone")
        workingHours = try fields.array(of: WorkingHours.self, "workingHours")
        holidays = try fields.texts(LocalDate.self, "holidays")
    }
}

extension BusinessCalendarDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("calendarId", calendarId)
        try fields.int("version", version)
        try fields.string("timeZone", timeZone)
        try fields.array("workingHours", workingHours)
        try fields.texts("holidays", holidays)
    }
}
