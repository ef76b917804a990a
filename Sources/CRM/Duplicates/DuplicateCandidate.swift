/// The rule by which two records look like duplicates.
public enum DuplicateRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The same normalised e-mail address.
    case email
    /// The same normalised phone number.
    case phone
    /// The same company domain (website, or the domain of a non-free-mail address).
    case domain
    /// Names similar at or above the threshold (Jaro-Winkler on normalised names).
    case name
}

/// A record that may duplicate the one being registered or checked, with the rule that matched.
public struct DuplicateCandidate: Sendable, Hashable {
    /// The existing record.
    public var record: EntityRef
    /// The rule that matched.
    public var rule: DuplicateRule
    /// The normalised value that matched (the e-mail, phone digits, domain or the other record's name).
    public var matchedValue: String
    /// How strong the match is, 0 to 1 (1 for exact e-mail, phone and domain matches).
    public var score: Double

    /// The existing record's identifier.
    public var recordId: String { record.id }

    /// Creates a candidate.
    public init(record: EntityRef, rule: DuplicateRule, matchedValue: String, score: Double) {
        self.record = record
        self.rule = rule
        self.matchedValue = matchedValue
        self.score = score
    }
}

/// What registering a record does when possible duplicates are found.
public enum DuplicatePolicy: Sendable, Hashable {
    /// Register it and report the candidates (Salesforce's "allow and alert"); the default.
    case allow
    /// Reject the registration with ``CRMError/possibleDuplicates(_:)`` (Salesforce's "block").
    case reject
}
