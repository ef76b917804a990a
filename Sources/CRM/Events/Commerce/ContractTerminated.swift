// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was terminated before its end.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractTerminated: Event, Hashable {
    /// The stable type name, `ContractTerminated`.
    public static let eventType = "ContractTerminated"
    /// The contract.
    public var contractId: String
    /// Why.
    public var reason: String
    /// When it ends.
    public var effectiveDate: LocalDate

    /// Creates the event from its fields.
    public init(contractId: String, reason: String, effectiveDate: LocalDate) {
        self.contractId = contractId
        self.reason = reason
        self.effectiveDate = effectiveDate
    }
}

extension ContractTerminated: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        reason = try fields.string("reason")
        effectiveDate = try fields.text(LocalDate.self, "effectiveDate")
    }
}

extension ContractTerminated: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.string("reason", reason)
        try fields.text("effectiveDate", effectiveDate)
    }
}
