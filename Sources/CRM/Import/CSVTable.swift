/// A CSV file parsed by the rules of RFC 4180: a header row, then records of as many fields.
///
/// Fields are separated by a comma (or another separator) and records by CRLF or LF. A field in double quotes
/// may hold separators, line breaks and quotes written twice (`"say ""hi"""`). A byte-order mark at the start
/// is skipped, blank lines are skipped, and a last record without a line break counts.
///
/// ```swift
/// let table = try CSVTable(text: "id,name\r\ncus-1,\"Initech, Oy\"\r\n")
/// table.rows[0]  // ["cus-1", "Initech, Oy"]
/// ```
public struct CSVTable: Sendable, Hashable {
    /// The column names of the header row.
    public var header: [String]
    /// The records after the header, each with one field per column.
    public var rows: [[String]]
    /// The line of the file each record starts on (from 1; the header is on line 1 or later), parallel to
    /// ``rows``.
    public var lines: [Int]

    /// Parses `text`.
    /// - Throws: ``CSVImportError/malformed(line:reason:)`` for a quote in an unquoted field, text after a closing
    ///   quote, an unclosed quote, a record with the wrong number of fields, an empty or repeated column name, or
    ///   a file without a header.
    public init(text: String, separator: Unicode.Scalar = ",") throws(CSVImportError) {
        var records: [[String]] = []
        var starts: [Int] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false  // inside a quoted field
        var wasQuoted = false  // the current field was quoted (and its closing quote was seen)
        var fieldStarted = false
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()

        func endRecord() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            // A blank line is one empty field: skip it.
            if !(record.count == 1 && record[0].isEmpty && !wasQuoted) {
                records.append(record)
                starts.append(recordLine)
            }
            record = []
            wasQuoted = false
            fieldStarted = false
        }

        while let scalar = pending {
            pending = iterator.next()
            if quoted {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case separator:
                record.append(String(field))
                field = String.UnicodeScalarView()
                wasQuoted = false
                fieldStarted = true
            case "\r" where pending == "\n":
                continue
            case "\n", "\r":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                guard !wasQuoted, field.isEmpty else {
                    throw .malformed(
                        line: line,
                        reason: wasQuoted
                            ? "a closing quote must be followed by \(Self.name(separator)) or a line break"
                            : "a quote inside an unquoted field; put the field in quotes and write the quote twice")
                }
                quoted = true
                fieldStarted = true
            default:
                guard !wasQuoted else {
                    throw .malformed(line: line, reason: "a closing quote must be followed by \(Self.name(separator)) or a line break")
                }
                field.append(scalar)
                fieldStarted = true
            }
        }
        if quoted { throw .malformed(line: recordLine, reason: "a quoted field is not closed before the end of the file") }
        if fieldStarted || !field.isEmpty || !record.isEmpty { endRecord() }

        guard let header = records.first else { throw .malformed(line: 1, reason: "the file has no header row") }
        var seen: Set<String> = []
        for name in header {
            let trimmed = name.trimmingSpaces
            guard !trimmed.isEmpty else { throw .malformed(line: starts[0], reason: "a column of the header has no name") }
            guard seen.insert(trimmed).inserted else {
                throw .malformed(line: starts[0], reason: "the column \"\(trimmed)\" appears twice in the header")
            }
        }
        for (index, row) in records.enumerated().dropFirst() where row.count != header.count {
            throw .malformed(
                line: starts[index], reason: "the record has \(row.count) fields; the header has \(header.count)")
        }
        self.header = header.map(\.trimmingSpaces)
        self.rows = Array(records.dropFirst())
        self.lines = Array(starts.dropFirst())
    }

    private static func name(_ separator: Unicode.Scalar) -> String {
        separator == "," ? "a comma" : separator == ";" ? "a semicolon" : separator == "\t" ? "a tab" : "'\(separator)'"
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return String(scalars[first...last])
    }
}
