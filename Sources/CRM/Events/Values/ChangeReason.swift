// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// Why a record's details changed.
public enum ChangeReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// A person edited the record.
    case edit
    /// Data cleansing or standardisation corrected it.
    case cleansing
    /// An integration synchronised it from another system.
    case sync
    /// An import batch set it.
    case importBatch
}
