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
