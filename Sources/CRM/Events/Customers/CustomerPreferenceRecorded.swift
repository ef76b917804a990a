// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A need, interest or preference of the customer was recorded.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct CustomerPreferenceRecorded: PersonalData, Hashable {
    /// The stable type name, `CustomerPreferenceRecorded`.
    public static let eventType = "CustomerPreferenceRecorded"
    /// The fields sealed for the data subject (the event's stream).
    public static let personalFields = ["text"]
    /// The customer.
    public var customerId: String
    /// Need, interest or preference.
    public var category: PreferenceCategory
    /// What it is. (personal data)
    public var text: String

    /// Creates the event from its fields.
    public init(customerId: String, category: PreferenceCategory, text: String) {
        self.customerId = customerId
        self.category = category
        self.text = text
    }
}

extension CustomerPreferenceRecorded: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        category = try fields.value(PreferenceCategory.self, "category")
        text = try fields.string("text")
    }
}

extension CustomerPreferenceRecorded: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.value("category", category)
        try fields.string("text", text)
    }
}
