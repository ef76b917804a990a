// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was renewed.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractRenewed: Event, Hashable {
    /// The stable type name, `ContractRenewed`.
    public static let eventType = "ContractRenewed"
    /// The contract.
    public var contractId: String
    /// The new end date.
    public var newEndDate: LocalDate
    /// The new value, if it changed.
    public var newValue: Money?

    /// Creates the event from its fields.
    public init(contractId: String, newEndDate: LocalDate, newValue: Money? = nil) {
        self.contractId = contractId
        self.newEndDate = newEndDate
        self.newValue = newValue
    }
}

extension ContractRenewed: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        newEndDate = try fields.text(LocalDate.self, "newEndDate")
        newValue = try fields.decodeIfPresent(Money.self, "newValue")
    }
}

extension ContractRenewed: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.text("newEndDate", newEndDate)
        try fields.encodeIfPresent("newValue", newValue)
    }
}
