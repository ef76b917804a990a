// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// What moved a lifecycle stage.
public enum LifecycleChangeTrigger: String, Codable, Sendable, Hashable, CaseIterable {
    /// A person, explicitly.
    case manual
    /// An automatic promotion rule of the policy.
    case rule
    /// The system (an import, a migration).
    case system
}
