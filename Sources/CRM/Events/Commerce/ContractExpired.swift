// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract reached its end without renewal.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractExpired: Event, Hashable {
    /// The stable type name, `ContractExpired`.
    public static let eventType = "ContractExpired"
    /// The contract.
    public var contractId: String
    /// When it ended.
    public var effectiveDate: LocalDate

    /// Creates the event from its fields.
    public init(contractId: String, effectiveDate: LocalDate) {
        self.contractId = contractId
        self.effectiveDate = effectiveDate
    }
}

extension ContractExpired: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        effectiveDate = try fields.text(LocalDate.self, "effectiveDate")
    }
}

extension ContractExpired: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.text("effectiveDate", effectiveDate)
    }
}
