/// The event types whose personal fields a store seals, by type name.
///
/// Set it in ``EventStoreConfiguration/personalData``. Only appends consult it; reads open (or redact) every
/// sealed value they find, whatever the schema says, so a store read by a program that registered nothing
/// still never shows ciphertext as text.
public struct PersonalDataSchema: Sendable {
    /// How one event type's personal data is found.
    public struct Rule: Sendable, Hashable {
        /// The field paths to seal.
        public var fields: [String]
        /// Whose data it is.
        public var subject: DataSubject

        /// Creates a rule.
        public init(fields: [String], subject: DataSubject = .stream) {
            self.fields = fields
            self.subject = subject
        }
    }

    private var rules: [String: Rule] = [:]

    /// No personal data: nothing is sealed.
    public init() {}

    /// Whether no type is registered.
    public var isEmpty: Bool { rules.isEmpty }

    /// The registered type names, sorted.
    public var typeNames: [String] { rules.keys.sorted() }

    /// Registers a ``PersonalData`` type (again: replaces).
    public mutating func register<E: PersonalData>(_ type: E.Type) {
        rules[E.eventType] = Rule(fields: E.personalFields, subject: E.dataSubject)
    }

    /// Registers every ``PersonalData`` type among `types`; others are skipped.
    public mutating func register(_ types: [any Event.Type]) {
        for type in types {
            if let personal = type as? any PersonalData.Type { register(personal) }
        }
    }

    /// Registers the rule for the event type `name` (for types without a Swift type).
    public mutating func register(_ name: String, _ rule: Rule) { rules[name] = rule }

    /// The rule of the type `name`, if registered.
    public func rule(for name: String) -> Rule? { rules[name] }
}
