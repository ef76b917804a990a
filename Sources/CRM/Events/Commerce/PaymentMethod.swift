// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// How a customer pays.
public enum PaymentMethod: String, Codable, Sendable, Hashable, CaseIterable {
    /// Bank transfer.
    case bankTransfer
    /// Card.
    case card
    /// Invoice.
    case invoice
    /// Direct debit.
    case directDebit
    /// Cash.
    case cash
    /// Another method.
    case other
}
