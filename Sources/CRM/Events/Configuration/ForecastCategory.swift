// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// How a stage counts in the sales forecast (Salesforce's forecast categories).
public enum ForecastCategory: String, Codable, Sendable, Hashable, CaseIterable {
    /// Counted as pipeline.
    case pipeline
    /// Counted in the best case.
    case bestCase
    /// Committed.
    case commit
    /// Closed (won).
    case closed
    /// Left out of the forecast (lost).
    case omitted
}
