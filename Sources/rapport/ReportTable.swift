import EventSourcing

/// A report's sections as aligned text columns for a terminal.
enum ReportTable {
    /// The whole report: a heading line, then each section's name and its table.
    static func render(_ report: ReportDocument) -> String {
        var lines = ["\(report.kind) report as of position \(report.position) (measured at \(report.at.iso8601Seconds))"]
        for section in report.sections {
            lines.append("")
            lines.append(section.name + ":")
            lines.append(contentsOf: table(section))
        }
        return lines.joined(separator: "\n")
    }

    /// One section: a header row and a row per line, each column as wide as its widest cell; `(none)` when empty.
    static func table(_ section: ReportSection) -> [String] {
        guard !section.rows.isEmpty else { return ["  (none)"] }
        let cells = [section.columns] + section.rows.map { $0.map(\.text) }
        let widths = section.columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            var line = "  "
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell.padded(widths[column]) + "  "
            }
            return line
        }
    }
}
