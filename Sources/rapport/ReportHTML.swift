import EventSourcing

/// A report as one self-contained HTML page: inline CSS, each section's table, and its bar chart as inline SVG. No
/// scripts, no external resources.
enum ReportHTML {
    /// The page.
    static func render(_ report: ReportDocument) -> String {
        var body = ""
        for section in report.sections {
            body += "<section id=\"\(escaped(section.name))\">\n<h2>\(escaped(section.name))</h2>\n"
            if let chart = section.chart, !chart.bars.isEmpty { body += svg(chart) }
            body += table(section)
            body += "</section>\n"
        }
        let title = "Rapport \(report.kind) report"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escaped(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
            h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
            table { border-collapse: collapse; margin-top: 0.5em; }
            th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            svg text { font-size: 12px; fill: #222; }
            svg rect.bar { fill: #3b6ea5; }
            </style>
            </head>
            <body>
            <h1>\(escaped(title))</h1>
            <p>As of log position \(report.position), measured at \(report.at.iso8601Seconds).</p>
            \(body)</body>
            </html>

            """
    }

    /// A horizontal bar chart: one `<rect class="bar" data-label data-value>` per bar, its width proportional to the
    /// value (the largest bar fills the plot), with its label on the left and its value as text on the right.
    static func svg(_ chart: ReportChart) -> String {
        let rowHeight = 24, labelWidth = 200, plotWidth = 400, valueWidth = 200
        let largest = chart.bars.map(\.value).max() ?? 0
        let height = rowHeight * chart.bars.count + 30
        var svg = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" "
            + "width=\"\(labelWidth + plotWidth + valueWidth)\" height=\"\(height)\">\n"
            + "<title>\(escaped(chart.title))</title>\n"
            + "<text x=\"0\" y=\"16\" font-weight=\"bold\">\(escaped(chart.title))</text>\n"
        for (index, bar) in chart.bars.enumerated() {
            let y = 26 + index * rowHeight
            let width = largest > 0 ? max(0, bar.value) / largest * Double(plotWidth) : 0
            svg += "<text x=\"0\" y=\"\(y + 15)\">\(escaped(bar.label))</text>\n"
            svg += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(formatted(width))\" height=\"\(rowHeight - 6)\" "
                + "data-label=\"\(escaped(bar.label))\" data-value=\"\(formatted(bar.value))\"></rect>\n"
            svg += "<text x=\"\(labelWidth + Int(width.rounded()) + 6)\" y=\"\(y + 15)\">\(escaped(bar.text))</text>\n"
        }
        return svg + "</svg>\n</figure>\n"
    }

    /// The section's rows as an HTML table; numbers right-aligned.
    static func table(_ section: ReportSection) -> String {
        guard !section.rows.isEmpty else { return "<p>(none)</p>\n" }
        var html = "<table>\n<tr>" + section.columns.map { "<th>\(escaped($0))</th>" }.joined() + "</tr>\n"
        for row in section.rows {
            html += "<tr>" + row.map { cell in
                if case .text = cell { return "<td>\(escaped(cell.text))</td>" }
                return "<td class=\"n\">\(escaped(cell.text))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    /// `text` with the characters HTML gives meaning to escaped.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
