// How the command harness reads its input, and the seeds of its corpus.

/// A fuzz input of the command harness: lines of an amount, a currency, a date, a time, a stage, a name, an id and
/// three integers (each missing line is empty).
public struct CommandInput: Sendable {
    /// The lines, at least ten.
    public var fields: [String]

    /// Splits `text` into lines.
    public init(_ text: String) {
        fields = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while fields.count < 10 { fields.append("") }
    }

    /// The amount's text (`1250.50`).
    public var amount: String { fields[0] }
    /// The currency code.
    public var currency: String { fields[1] }
    /// A date (`2026-06-30`).
    public var date: String { fields[2] }
    /// A time (`2026-06-30T12:00:00Z`).
    public var time: String { fields[3] }
    /// A pipeline stage id.
    public var stage: String { fields[4] }
    /// An opportunity name.
    public var name: String { fields[5] }
    /// An opportunity id (its prefix: the harness appends a number).
    public var id: String { fields[6] }
    /// Three integers for money arithmetic (0 when a line is not one).
    public var integers: (Int64, Int64, Int64) { (Int64(fields[7]) ?? 0, Int64(fields[8]) ?? 0, Int64(fields[9]) ?? 0) }

    /// Valid and invalid arguments, with boundary integers.
    public static let seeds: [String] = [
        "1250.50\nEUR\n2026-06-30\n2026-06-30T12:00:00Z\nqualification\nBig deal\nopp\n100\n250\n3",
        "0\nJPY\n2026-02-28\n2026-02-28\nproposal\nYen deal\nopp-jp\n0\n0\n0",
        "99.999\nKWD\n2024-02-29\n2024-02-29T23:59:59.123456Z\nnegotiation\nDinar\nopp.kw\n-1\n1\n-1",
        "-5.00\nUSD\n2026-13-01\n2026-06-30T25:00:00Z\nwon\nNegative\nopp\n9223372036854775807\n1\n2",
        "1e3\neur\n2026-02-30\n2026-02-30\nunknown-stage\n\nopp id\n-9223372036854775808\n-9223372036854775808\n-1",
        "92233720368547758.07\nEUR\n9999-12-31\n9999-12-31T23:59:60Z\nlost\n  \n\n9223372036854775807\n-9223372036854775807\n2",
    ]
}
