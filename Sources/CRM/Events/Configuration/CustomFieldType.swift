// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// The data type of a custom field.
public enum CustomFieldType: String, Codable, Sendable, Hashable, CaseIterable {
    /// Free text.
    case text
    /// A whole number.
    case integer
    /// A decimal number, written with a dot (`12.50`).
    case decimal
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// `true` or `false`.
    case boolean
    /// One of the field's options.
    case choice
}
