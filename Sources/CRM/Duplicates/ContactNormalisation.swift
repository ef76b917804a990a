import Foundation

/// How e-mail addresses, phone numbers, domains and names are normalised before they are compared.
///
/// - **E-mail**: trimmed and lowercased. For `gmail.com` and `googlemail.com` (when ``gmailRules`` is on, the
///   default) dots in the local part and a `+tag` are removed, and `googlemail.com` becomes `gmail.com`, since
///   Gmail delivers all of them to the same inbox. Other providers' `+tags` are kept: they may be real addresses.
/// - **Phone**: the digits only (E.164 without the `+`). A leading `00` is an international prefix and is
///   dropped; a single leading `0` is a national trunk prefix, replaced by ``defaultCountryCallingCode`` when set
///   (`358` turns `040 123 4567` into `358401234567`). Numbers with fewer than 5 digits are ignored.
/// - **Domain**: from a website (scheme, `www.` and path removed) or from an e-mail address whose domain is not
///   a free-mail provider (``freeMailDomains``); lowercased.
/// - **Name**: lowercased, diacritics removed, punctuation turned into spaces, legal-form words (`oy`, `ab`,
///   `gmbh`, `inc`, `ltd`, ...) dropped, spaces collapsed.
public struct ContactNormalisation: Sendable, Hashable {
    /// Whether Gmail's dot and plus rules are applied.
    public var gmailRules = true
    /// The country calling code for national numbers (`358` for Finland), `nil` to keep their digits as they are.
    public var defaultCountryCallingCode: String?
    /// Domains of free-mail providers, which say nothing about a company.
    public var freeMailDomains: Set<String> = [
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com",
        "aol.com", "gmx.net", "gmx.de", "web.de", "proton.me", "protonmail.com", "mail.com", "yandex.ru",
    ]
    /// Legal-form words left out of company names.
    public var legalForms: Set<String> = [
        "oy", "oyj", "ab", "as", "asa", "aps", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "inc",
        "incorporated", "ltd", "limited", "llc", "plc", "corp", "corporation", "co", "company",
    ]

    /// The defaults: Gmail rules on, no default country.
    public init(defaultCountryCallingCode: String? = nil) { self.defaultCountryCallingCode = defaultCountryCallingCode }

    /// The normalised e-mail address, `nil` when it has no `@`, or no name left once Gmail's dots and `+` tags are
    /// removed.
    public func email(_ address: String) -> String? {
        let lowered = address.trimmingWhitespace.lowercased()
        guard let at = lowered.lastIndex(of: "@") else { return nil }
        var local = String(lowered[..<at])
        var domain = String(lowered[lowered.index(after: at)...])
        guard !local.isEmpty, !domain.isEmpty else { return nil }
        if gmailRules && (domain == "gmail.com" || domain == "googlemail.com") {
            if let plus = local.firstIndex(of: "+") { local = String(local[..<plus]) }
            local.removeAll { $0 == "." }
            // Spaces the dots stood between ("a. @gmail.com") would lead or end the name, and a second
            // normalisation would trim them: trimmed now, so that normalising is idempotent.
            local = local.trimmingWhitespace
            domain = "gmail.com"
            // Nothing left of the name (".+news@gmail.com"): no address to compare.
            guard !local.isEmpty else { return nil }
        }
        return local + "@" + domain
    }

    /// The phone number's digits, `nil` when fewer than 5.
    public func phone(_ number: String) -> String? {
        let trimmed = number.trimmingWhitespace
        var digits = trimmed.filter(\.isASCIIDigit)
        if trimmed.hasPrefix("+") {
            // already international
        } else if digits.hasPrefix("00") {
            digits.removeFirst(2)
        } else if digits.hasPrefix("0"), let code = defaultCountryCallingCode {
            digits = code + digits.dropFirst()
        }
        return digits.count >= 5 ? digits : nil
    }

    /// The company domain of a website address.
    public func domain(website: String) -> String? {
        var text = website.trimmingWhitespace.lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let slash = text.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { text = String(text[..<slash]) }
        if let colon = text.firstIndex(of: ":") { text = String(text[..<colon]) }
        if text.hasPrefix("www.") { text.removeFirst(4) }
        return text.contains(".") ? text : nil
    }

    /// The company domain of an e-mail address, `nil` for free-mail providers.
    public func domain(email: String) -> String? {
        guard let normalised = self.email(email), let at = normalised.lastIndex(of: "@") else { return nil }
        let domain = String(normalised[normalised.index(after: at)...])
        return freeMailDomains.contains(domain) || !domain.contains(".") ? nil : domain
    }

    /// The normalised name, `nil` when nothing is left.
    public func name(_ name: String) -> String? {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .lowercased()
        let spaced = String(folded.map { $0.isLetter || $0.isNumber ? $0 : " " })
        let words = spaced.split(separator: " ").map(String.init).filter { !legalForms.contains($0) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}
