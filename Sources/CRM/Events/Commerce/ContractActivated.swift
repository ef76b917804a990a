// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A contract was signed and became active.
///
/// Stream: `contract-<contractId>`. Schema version 1.
public struct ContractActivated: PersonalData, Hashable {
    /// The stable type name, `ContractActivated`.
    public static let eventType = "ContractActivated"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["customerSignedBy"]
    /// The contract.
    public var contractId: String
    /// When it was signed.
    public var signedOn: LocalDate
    /// Who signed for the customer. (personal data)
    public var customerSignedBy: String
    /// Who signed for us.
    public var companySignedBy: String

    /// Creates the event from its fields.
    public init(contractId: String, signedOn: LocalDate, customerSignedBy: String, companySignedBy: String) {
        self.contractId = contractId
        self.signedOn = signedOn
        self.customerSignedBy = customerSignedBy
        self.companySignedBy = companySignedBy
    }
}

extension ContractActivated: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        signedOn = try fields.text(LocalDate.self, "signedOn")
        customerSignedBy = try fields.string("customerSignedBy")
        companySignedBy = try fields.string("companySignedBy")
    }
}

extension ContractActivated: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.text("signedOn", signedOn)
        try fields.string("customerSignedBy", customerSignedBy)
        try fields.string("companySignedBy", companySignedBy)
    }
}
