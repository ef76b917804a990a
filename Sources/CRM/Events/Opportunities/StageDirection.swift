// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Whether a stage change moved forward or back in the pipeline.
public enum StageDirection: String, Codable, Sendable, Hashable, CaseIterable {
    /// To a later stage.
    case forward
    /// To an earlier stage.
    case backward
}
