import ArgumentParser
import EventSourcing
import Foundation

/// `rapport log`: lists the events that match filters.
struct Log: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the log's events, filtered by stream, category, type, actor, time and position.",
        discussion: """
            Filters combine (an event must pass all); a repeated option means any of its values. Times are ISO 8601 \
            UTC (a date alone is its midnight); --from is inclusive, --before exclusive; --after is exclusive, \
            --through inclusive. The table shows position, recorded time, stream and version, type and actor; \
            --format json prints JSON Lines in the form of `rapport export`. Examples:

              rapport log /var/lib/crm --category ticket --from 2026-06-01 --before 2026-07-01
              rapport log /var/lib/crm --type OpportunityWon --actor usr-7 --limit 20 --format json
            """
    )

    @OptionGroup var options: StoreOptions

    @Option(help: "Only events of this stream (repeat for several).")
    var stream: [String] = []

    @Option(help: "Only events of streams in this category, e.g. customer (repeat for several).")
    var category: [String] = []

    @Option(help: "Only events of this type, e.g. TicketOpened (repeat for several).")
    var type: [String] = []

    @Option(help: "Only events caused by this actor (repeat for several).")
    var actor: [String] = []

    @Option(help: "Only events recorded at or after this time (ISO 8601 UTC).")
    var from: TimeArgument?

    @Option(help: "Only events recorded before this time (ISO 8601 UTC).")
    var before: TimeArgument?

    @Option(help: "Only events after this position.")
    var after: UInt64 = 0

    @Option(help: "Only events at or before this position.")
    var through: UInt64?

    @Option(help: "At most this many events.")
    var limit: Int?

    @Option(help: "table or json (JSON Lines).")
    var format: OutputFormat = .table

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let through, through < after { throw ValidationError("--through \(through) is before --after \(after)") }
        if let from, let before, before.timestamp <= from.timestamp {
            throw ValidationError("--before must be later than --from")
        }
    }

    func run() throws {
        let streams = try stream.map { name in
            do { return try StreamName(name) } catch { throw ValidationError("--stream \(name): \(error)") }
        }
        let query = LogQuery(
            filter: EventFilter(
                types: Set(type), categories: Set(category), recordedFrom: from?.timestamp, recordedBefore: before?.timestamp),
            streams: Set(streams), actors: Set(actor), after: LogPosition(after), through: through.map { LogPosition($0) },
            limit: limit ?? .max)
        let store = try options.openReadOnly()
        defer { store.close() }
        let out = OutputBuffer()
        if format == .table {
            out.write(Self.row("POSITION", "RECORDED", "STREAM", "VERSION", "TYPE", "ACTOR"))
        }
        var count = 0
        try store.read { snapshot in
            try snapshot.forEach(matching: query) { event in
                count += 1
                switch format {
                case .json: out.write(JSONLines.line(for: event) + "\n")
                case .table:
                    out.write(
                        Self.row(
                            event.position.description, event.recordedAt.iso8601Seconds, event.stream.rawValue,
                            String(event.streamVersion), event.type, event.actor ?? "-"))
                }
                return true
            }
        }
        out.flush()
        if format == .table { FileHandle.standardError.write(Data("\(count) event\(count == 1 ? "" : "s")\n".utf8)) }
    }

    static func row(_ position: String, _ time: String, _ stream: String, _ version: String, _ type: String, _ actor: String)
        -> String
    {
        position.leftPadded(9) + "  " + time.padded(20) + "  " + stream.padded(28) + " " + version.leftPadded(7) + "  "
            + type.padded(30) + "  " + actor + "\n"
    }
}

/// Standard output gathered in blocks of 64 KiB (one write per line is slow for long listings).
final class OutputBuffer {
    private var buffer = ""

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}

extension String {
    /// The text padded with spaces on the right to `width` (longer text is kept whole).
    func padded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }

    /// The text padded with spaces on the left to `width`.
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
