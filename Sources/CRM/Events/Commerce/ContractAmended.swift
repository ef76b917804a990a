// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was amended.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractAmended: PersonalData, Hashable {
    /// The stable type name, `ContractAmended`.
    public static let eventType = "ContractAmended"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["changes.old", "changes.new"]
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

extension ContractAmended: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        changes = try fields.array(of: FieldChange.self, "changes")
        newValue = try fields.decodeIfPresent(Money.self, "newValue")
    }
}

extension ContractAmended: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.array("changes", changes)
        try fields.encodeIfPresent("newValue", newValue)
    }
}
