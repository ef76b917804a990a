// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// A company's size by number of employees.
public enum CompanySizeBand: String, Codable, Sendable, Hashable, CaseIterable {
    /// 1 to 9 employees.
    case micro
    /// 10 to 49 employees.
    case small
    /// 50 to 249 employees.
    case medium
    /// 250 to 999 employees.
    case large
    /// 1,000 employees or more.
    case enterprise
}
