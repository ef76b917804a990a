// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was amended.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractAmended: Event, Hashable {
    /// The stable type name, `ContractAmended`.
    public static let eventType = "ContractAmended"
    /// The contract.
    public var contractId: String
    /// The changed terms.
    public var changes: [FieldChange]
    /// The new value, if it changed.
    public var newValue: Money?

    /// Creates the event from its fields.
    public init(contractId: String, changes: [FieldChange], newValue: Money? = nil) {
        self.contractId = contractId
        self.changes = changes
        self.newValue = newValue
    }
}
