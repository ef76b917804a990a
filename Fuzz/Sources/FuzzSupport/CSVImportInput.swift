// How the CSV harness reads its input, and the seeds of its corpus.
import CRM

/// A fuzz input of the CSV harness: the first line is the column mapping (``CSVColumnMapping/init(parsing:)``),
/// prefixed by the separator when that is `;` or a tab; the rest is the CSV file.
public struct CSVImportInput: Sendable {
    /// The field separator.
    public var separator: Unicode.Scalar
    /// The mapping's text.
    public var mapping: String
    /// The CSV file.
    public var csv: String

    /// Splits `text` at its first line break.
    public init(_ text: String) {
        var scalars = Substring(text).unicodeScalars[...]
        separator = ","
        if let first = scalars.first, first == ";" || first == "\t" {
            separator = first
            scalars = scalars.dropFirst()
        }
        let rest = Substring(scalars)
        if let newline = rest.firstIndex(of: "\n") {
            mapping = String(rest[..<newline])
            csv = String(rest[rest.index(after: newline)...])
        } else {
            mapping = String(rest)
            csv = ""
        }
    }

    /// Valid imports of customers, contacts joining existing customers, and both, with quoting, CRLF, a byte-order
    /// mark, blank lines and other separators; and a few that the CRM refuses.
    public static let seeds: [String] = [
        "customer.id=ID,customer.name=Name,customer.email=Mail\nID,Name,Mail\ncus-a1,Initech,info@initech.example\n",
        "customer.id=Account,customer.name=Company,customer.kind=Kind,customer.source=Source,customer.phone=Phone,"
            + "customer.website=Web,customer.industry=Industry,customer.owner=Owner,customer.background=Notes\n"
            + "Account,Company,Kind,Source,Phone,Web,Industry,Owner,Notes\r\n"
            + "cus-b1,\"Globex, Inc.\",organization,website,+358 40 123 4567,https://globex.example,Energy,usr-1,\"said \"\"hi\"\"\"\r\n"
            + "cus-b2,Ann Smith,person,referral,,,,,\"two\r\nlines\"\r\n",
        "customer.id=Customer,contact.id=Id,contact.name=Name,contact.email=Emails,contact.phone=Phones,contact.title=Title,"
            + "contact.role=Role\nCustomer,Id,Name,Emails,Phones,Title,Role\n"
            + "cus-fuzz,con-c1,Bill,bill@fuzz.example; b@fuzz.example,+1 555 0100,CTO,decision maker\n"
            + "cus-person,con-c2,Ann,,,,\n",
        "customer.id=ID,customer.name=Name,contact.id=Contact,contact.name=Person,customer.source:=event\n"
            + "\u{FEFF}ID,Name,Contact,Person\n\ncus-d1,Hooli,con-d1,Gavin\ncus-d1,Hooli,con-d2,Jared\n\n",
        ";customer.id=ID,customer.name=Name\nID;Name\ncus-e1;Pied Piper\n\"cus-e2\";\"Aviato; Ltd\"",
        "\tcustomer.id=ID,customer.name=Name\nID\tName\ncus-f1\tVandelay\n",
        "customer.id=ID,customer.name=Name\nID,Name\ncus-fuzz,Already there\n",
        "customer.id=ID,customer.name=Name,customer.kind=Kind\nID,Name,Kind\ncus-g1,Bad Kind,robot\n",
        "customer.id=Customer,contact.id=Id,contact.name=Name\nCustomer,Id,Name\ncus-missing,con-h1,Nobody\n",
        "contact.id=Id,contact.name=Name\nId,Name\ncon-i1,Loner\n",
        "customer.id=ID,customer.name=Name\nID,Name\ncus-j1,\"unclosed\n",
    ]
}
