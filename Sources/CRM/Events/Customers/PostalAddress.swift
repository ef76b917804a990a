// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A postal address ((personal data) for persons).
public struct PostalAddress: Codable, Sendable, Hashable {
    /// Street and number.
    public var street: String
    /// The postal code.
    public var postalCode: String
    /// The city.
    public var city: String
    /// The region or state, where one is used.
    public var region: String?
    /// The ISO 3166-1 alpha-2 country code.
    public var country: String

    /// Creates the value from its fields.
    public init(street: String, postalCode: String, city: String, region: String? = nil, country: String) {
        self.street = street
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.country = country
    }
}

extension PostalAddress: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        street = try fields.string("street")
        postalCode = try fields.string("postalCode")
        city = try fields.string("city")
        region = try fields.stringIfPresent("region")
        country = try fields.string("country")
    }
}

extension PostalAddress: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("street", street)
        try fields.string("postalCode", postalCode)
        try fields.string("city", city)
        try fields.stringIfPresent("region", region)
        try fields.string("country", country)
    }
}
