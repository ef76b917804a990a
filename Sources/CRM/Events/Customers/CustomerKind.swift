// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Whether a customer is an organisation or a person.
public enum CustomerKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// An organisation: a company, an association, an authority.
    case organization
    /// A private person.
    case person
}
