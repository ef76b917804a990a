// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The products of an opportunity were set.
///
/// Stream: `opportunity-<opportunityId>`. Schema version 1.
public struct OpportunityProductsChanged: Event, Hashable {
    /// The stable type name, `OpportunityProductsChanged`.
    public static let eventType = "OpportunityProductsChanged"
    /// The opportunity.
    public var opportunityId: String
    /// The lines.
    public var lines: [ProductLine]

    /// Creates the event from its fields.
    public init(opportunityId: String, lines: [ProductLine]) {
        self.opportunityId = opportunityId
        self.lines = lines
    }
}

extension OpportunityProductsChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        lines = try fields.array(of: ProductLine.self, "lines")
    }
}

extension OpportunityProductsChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.array("lines", lines)
    }
}
