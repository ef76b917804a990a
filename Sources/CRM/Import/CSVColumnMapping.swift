/// Which CSV column (or fixed value) gives each CRM field of a customer and contact import.
///
/// Written as a list of `FIELD=COLUMN` (the column's name in the header) and `FIELD:=VALUE` (the same value for
/// every row), separated by commas:
///
/// ```swift
/// let mapping = try CSVColumnMapping(parsing: "customer.id=Account ID, customer.name=Company, customer.source:=partner")
/// ```
///
/// The fields are ``Field``'s raw values. A row with an empty customer id has no customer; one with an empty
/// contact id has no contact. E-mail and phone cells may hold several values separated by `;`.
public struct CSVColumnMapping: Sendable, Hashable, CustomStringConvertible {
    /// A CRM field an import can fill.
    public enum Field: String, Sendable, Hashable, CaseIterable, Comparable {
        /// The customer's identifier (`cus-…`).
        case customerId = "customer.id"
        /// The customer's name; mapping it means the rows register customers (otherwise the customer id names an
        /// existing customer that the row's contact joins).
        case customerName = "customer.name"
        /// `organization` (the default) or `person`.
        case customerKind = "customer.kind"
        /// The customer's e-mail address.
        case customerEmail = "customer.email"
        /// The customer's phone number.
        case customerPhone = "customer.phone"
        /// The customer's website.
        case customerWebsite = "customer.website"
        /// The customer's industry.
        case customerIndustry = "customer.industry"
        /// How the customer was acquired (an ``AcquisitionChannel`` raw value, `partner` unless mapped).
        case customerSource = "customer.source"
        /// The responsible user's id.
        case customerOwner = "customer.owner"
        /// Free background text.
        case customerBackground = "customer.background"
        /// The contact's identifier.
        case contactId = "contact.id"
        /// The contact's name.
        case contactName = "contact.name"
        /// The contact's job title.
        case contactTitle = "contact.title"
        /// The contact's e-mail addresses (`;`-separated).
        case contactEmail = "contact.email"
        /// The contact's phone numbers (`;`-separated).
        case contactPhone = "contact.phone"
        /// The contact's role at the customer.
        case contactRole = "contact.role"

        /// Ordered as declared.
        public static func < (lhs: Field, rhs: Field) -> Bool {
            let all = Field.allCases
            return (all.firstIndex(of: lhs) ?? 0) < (all.firstIndex(of: rhs) ?? 0)
        }
    }

    /// Where a field's value comes from.
    public enum Source: Sendable, Hashable {
        /// The column of this name.
        case column(String)
        /// This value in every row.
        case constant(String)
    }

    /// The source of each mapped field.
    public var fields: [Field: Source]

    /// Creates a mapping.
    public init(fields: [Field: Source]) { self.fields = fields }

    /// Parses `FIELD=COLUMN` and `FIELD:=VALUE` entries separated by commas (spaces around them are ignored).
    /// - Throws: ``CSVImportError/mapping(_:)`` for an entry without `=`, an unknown field or a field mapped twice.
    public init(parsing text: String) throws(CSVImportError) {
        var fields: [Field: Source] = [:]
        for entry in text.split(separator: ",", omittingEmptySubsequences: true) {
            let entry = String(entry).trimmingSpaces
            if entry.isEmpty { continue }
            guard let equals = entry.firstIndex(of: "=") else {
                throw .mapping("\"\(entry)\" is not FIELD=COLUMN or FIELD:=VALUE")
            }
            var name = String(entry[..<equals]).trimmingSpaces
            let value = String(entry[entry.index(after: equals)...]).trimmingSpaces
            let constant = name.hasSuffix(":")
            if constant { name = String(name.dropLast()).trimmingSpaces }
            guard let field = Field(rawValue: name) else {
                throw .mapping("unknown field \"\(name)\"; the fields are \(Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !value.isEmpty || constant else { throw .mapping("\(name) names no column") }
            guard fields.updateValue(constant ? .constant(value) : .column(value), forKey: field) == nil else {
                throw .mapping("\(name) is mapped twice")
            }
        }
        guard !fields.isEmpty else { throw .mapping("it maps no field") }
        self.fields = fields
    }

    /// The mapping in the form ``init(parsing:)`` reads, fields in declaration order.
    public var description: String {
        fields.keys.sorted().map { field in
            switch fields[field] {
            case .column(let name)?: "\(field.rawValue)=\(name)"
            case .constant(let value)?: "\(field.rawValue):=\(value)"
            case nil: ""
            }
        }.joined(separator: ",")
    }
}
