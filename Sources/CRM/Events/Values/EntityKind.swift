// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

/// The kind of record an ``EntityRef`` points to.
public enum EntityKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// A customer: an organisation or a person (stream `customer-<id>`).
    case customer
    /// A contact person (stream `contact-<id>`).
    case contact
    /// A lead (stream `lead-<id>`).
    case lead
    /// An opportunity (stream `opportunity-<id>`).
    case opportunity
    /// A contract (stream `contract-<id>`).
    case contract
    /// An order (stream `order-<id>`).
    case order
    /// A service ticket (stream `ticket-<id>`).
    case ticket
    /// A marketing campaign (stream `campaign-<id>`).
    case campaign
    /// A logged interaction (stream `interaction-<id>`).
    case interaction
    /// A note (stream `note-<id>`).
    case note
    /// A task (stream `task-<id>`).
    case task
    /// A user of the CRM (stream `user-<id>`).
    case user
    /// A satisfaction survey (stream `survey-<id>`).
    case survey
}
