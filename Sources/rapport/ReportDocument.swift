import CRM
import EventSourcing

/// One report as the tool prints it: named sections of rows, each section possibly drawn as a bar chart. The figures
/// are the library's (the view snapshots' answers); this is only their layout.
struct ReportDocument {
    /// The report's kind (`pipeline`, `forecast`, …).
    var kind: String
    /// The last log position the figures include.
    var position: LogPosition
    /// The moment time-dependent figures (ages, SLA clocks, recency) are measured at.
    var at: Timestamp
    /// The sections, in order.
    var sections: [ReportSection]
}

/// A table of the report, with an optional bar chart of one of its figures.
struct ReportSection {
    /// The section's name (a JSON key, and the heading).
    var name: String
    /// The column names (JSON keys).
    var columns: [String]
    /// The rows, one cell per column.
    var rows: [[ReportCell]]
    /// The bar chart drawn from the rows in the HTML page, if any.
    var chart: ReportChart?
}

/// A bar chart: one bar per label.
struct ReportChart {
    /// The chart's title.
    var title: String
    /// The bars: label, value and the value as text.
    var bars: [(label: String, value: Double, text: String)]
}

/// One figure of a row.
enum ReportCell {
    case text(String)
    case int(Int)
    /// A ratio or average; `nil` when not defined (no data).
    case number(Double?)
    /// Amounts, one per currency.
    case money([Money])

    /// The figure for people.
    var text: String {
        switch self {
        case .text(let text): text
        case .int(let value): String(value)
        case .number(let value): value.map { formatted($0) } ?? "-"
        case .money(let amounts): amounts.isEmpty ? "-" : amounts.map(\.description).joined(separator: ", ")
        }
    }

    /// The figure for programs: amounts as `[{"currency", "minorUnits"}]`, undefined numbers as `null`.
    var payload: PayloadValue {
        switch self {
        case .text(let text): .string(text)
        case .int(let value): .int(Int64(value))
        case .number(let value): value.map { .double($0) } ?? .null
        case .money(let amounts):
            .array(amounts.map {
                .object([
                    PayloadField(key: "currency", value: .string($0.currency)),
                    PayloadField(key: "minorUnits", value: .int($0.minorUnits)),
                ])
            })
        }
    }
}

/// A ratio or average with up to four decimals, without trailing zeros.
func formatted(_ value: Double) -> String {
    let scaled = (value * 10_000).rounded() / 10_000
    var text = String(scaled)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
}

extension ReportDocument {
    /// The report as one JSON object: `report`, `position`, `at` (ISO 8601) and each section's name → its rows as
    /// objects keyed by column.
    var payload: PayloadValue {
        var fields = [
            PayloadField(key: "report", value: .string(kind)),
            PayloadField(key: "position", value: .uint(position.rawValue)),
            PayloadField(key: "at", value: .string(at.iso8601Seconds)),
        ]
        for section in sections {
            let rows = section.rows.map { row in
                PayloadValue.object(zip(section.columns, row).map { PayloadField(key: $0.0, value: $0.1.payload) })
            }
            fields.append(PayloadField(key: section.name, value: .array(rows)))
        }
        return .object(fields)
    }
}
