import ArgumentParser
import EventSourcing

/// How a command prints what it found.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Aligned columns for people.
    case table
    /// JSON (JSON Lines for lists), for programs.
    case json
}

/// A moment given on the command line: ISO 8601 UTC (`2026-06-30`, `2026-06-30T12:00:00Z`).
struct TimeArgument: ExpressibleByArgument {
    var timestamp: Timestamp
    /// Whether only a date was given (no time of day).
    var isDate: Bool

    init?(argument: String) {
        guard let time = Timestamp(iso8601: argument) else { return nil }
        timestamp = time
        isDate = !argument.contains("T")
    }
}

/// A point in the log's history: a position (`1200`) or an ISO 8601 UTC time; a date alone means the end of that
/// day.
struct PointArgument: ExpressibleByArgument {
    var point: AsOf

    init?(argument: String) {
        if let position = UInt64(argument) {
            point = .position(LogPosition(position))
        } else if let time = TimeArgument(argument: argument) {
            point = .time(time.isDate ? Timestamp(rawValue: time.timestamp.rawValue + 86_400_000_000 - 1) : time.timestamp)
        } else {
            return nil
        }
    }
}

/// A failure of a command's work (not of its arguments): printed as one line, exit code 1.
struct ToolError: Error, CustomStringConvertible {
    /// What went wrong, in one line.
    var description: String

    init(_ description: String) { self.description = description }
}
