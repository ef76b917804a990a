/// What duplicate detection compares: a name, e-mail addresses, phone numbers and a website.
public struct DuplicateProbe: Sendable, Hashable {
    /// The name of the organisation or person.
    public var name: String?
    /// E-mail addresses.
    public var emails: [String]
    /// Phone numbers.
    public var phones: [String]
    /// The website.
    public var website: String?

    /// Creates a probe.
    public init(name: String? = nil, emails: [String] = [], phones: [String] = [], website: String? = nil) {
        self.name = name
        self.emails = emails
        self.phones = phones
        self.website = website
    }
}

extension CustomerRegistered {
    /// The registration's name, e-mail, phone and website, for duplicate detection.
    public var probe: DuplicateProbe {
        DuplicateProbe(name: name, emails: email.map { [$0] } ?? [], phones: phone.map { [$0] } ?? [], website: website)
    }
}
