/// Why a CSV import was refused; nothing of it was written.
public enum CSVImportError: Error, Sendable, CustomStringConvertible {
    /// The file is not CSV by RFC 4180 (or has no header): the line and what is wrong there.
    case malformed(line: Int, reason: String)
    /// The column mapping is wrong: it names an unknown field or a column the file does not have, or misses a
    /// field that is needed.
    case mapping(String)
    /// Rows break the CRM's rules (at most the first 20, by line, with how many there were in all).
    case invalidRows([CSVRowProblem], total: Int)
    /// The store refused or failed the import.
    case crm(CRMError)

    /// One line: what is wrong and where.
    public var description: String {
        switch self {
        case .malformed(let line, let reason): return "line \(line) of the CSV file: \(reason)"
        case .mapping(let reason): return "the column mapping: \(reason)"
        case .invalidRows(let problems, let total):
            let shown = problems.map(\.description).joined(separator: "; ")
            let more = total > problems.count ? "; and \(total - problems.count) more" : ""
            return "\(total) row\(total == 1 ? " is" : "s are") invalid, nothing was imported: \(shown)\(more)"
        case .crm(let error): return "\(error)"
        }
    }
}

/// A row of a CSV import that breaks a rule.
public struct CSVRowProblem: Sendable, Hashable, CustomStringConvertible {
    /// The line of the file the row starts on.
    public var line: Int
    /// What is wrong, in the words of the CRM's rules.
    public var reason: String

    /// Creates a problem report.
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    /// `line 7: <reason>`.
    public var description: String { "line \(line): \(reason)" }
}
