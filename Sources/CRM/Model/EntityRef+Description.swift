public import EventSourcing

extension EntityRef: CustomStringConvertible {
    /// `customer cus-1001`.
    public var description: String { "\(kind.rawValue) \(id)" }

    /// The same reference, starting with a capital letter: `Customer cus-1001`.
    var sentenceStart: String { kind.rawValue.prefix(1).uppercased() + kind.rawValue.dropFirst() + " \(id)" }

    /// The record's stream, `<kind>-<id>`: `customer-cus-1001`, `opportunity-opp-6001` (see `EventCatalogue.md`).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` when the id is not a valid identifier.
    public func streamName() throws(CRMError) -> StreamName {
        let valid = try Validate.identifier(id, field: "\(kind.rawValue) id")
        do { return try StreamName(category: kind.rawValue, id: valid) } catch {
            throw .invalidInput(field: "\(kind.rawValue) id", reason: "\(error)")
        }
    }
}

extension EntityKind {
    /// The short prefix of generated identifiers: `cus`, `con`, `led`, `opp`, `ctr`, `ord`, `tck`, `cmp`, `int`,
    /// `not`, `tsk`, `usr`, `srv`.
    public var idPrefix: String {
        switch self {
        case .customer: return "cus"
        case .contact: return "con"
        case .lead: return "led"
        case .opportunity: return "opp"
        case .contract: return "ctr"
        case .order: return "ord"
        case .ticket: return "tck"
        case .campaign: return "cmp"
        case .interaction: return "int"
        case .note: return "not"
        case .task: return "tsk"
        case .user: return "usr"
        case .survey: return "srv"
        }
    }

    /// A new, unique identifier for a record of this kind: the prefix and a time-ordered UUID
    /// (`opp-0193a5e2-6c1f-7000-8000-00000000a001`). Callers may use their own identifiers instead.
    public func makeID() -> String { "\(idPrefix)-\(EventID.make())" }
}
