public import EventSourcing

/// One customer record's part of the customer 360° view, as ``CustomerViewProjection`` keeps it (merged records are
/// combined only when read, by ``Customer360``).
public struct CustomerView: Codable, Sendable, Hashable {
    /// The customer's identifier.
    public var id: String
    /// Whether a `CustomerRegistered` was seen (events about an unknown customer still build a view).
    public var registered = false
    /// Organisation or person.
    public var kind: CustomerKind?
    /// The name (empty once erased).
    public var name = ""
    /// The main e-mail address.
    public var email: String?
    /// The main phone number.
    public var phone: String?
    /// The industry.
    public var industry: String?
    /// Where the customer came from.
    public var source: AcquisitionChannel?
    /// The responsible user.
    public var ownerId: String?
    /// Whether the customer is served (false after `CustomerDeactivated`).
    public var isActive = true
    /// The current lifecycle stage.
    public var lifecycleStage = ""
    /// When the customer first reached the lifecycle stage `customer` (business time), if ever.
    public var becameCustomerAt: Timestamp?
    /// The tags, sorted.
    public var tags: [String] = []
    /// The contacts linked to the customer, by contact id.
    public var contacts: [CustomerContact] = []
    /// The open opportunities, by opportunity id.
    public var openOpportunities: [CustomerOpportunity] = []
    /// The number of opportunities won.
    public var wonOpportunities = 0
    /// The sum of the amounts won, per currency (sorted by currency).
    public var wonTotal: [Money] = []
    /// The open tickets (not closed, not merged into another), by ticket id.
    public var openTickets: [CustomerTicket] = []
    /// Lifetime revenue: payments received on the customer's orders less refunds issued, per currency.
    public var lifetimeRevenue: [Money] = []
    /// The latest interaction by its business time (the later one wins a tie in log order).
    public var lastInteraction: CustomerInteraction?
    /// The latest satisfaction answer (CSAT, NPS, CES or review), by log order.
    public var latestSatisfaction: CustomerSatisfaction?
    /// The latest consent choice per channel and purpose, sorted by channel then purpose.
    public var consent: [CustomerConsent] = []
    /// The records merged into this one (and not reverted), in merge order.
    public var mergedIds: [String] = []
    /// The record this one was merged into, while the merge stands.
    public var absorbedInto: String?
    /// Whether the customer's personal data was erased.
    public var erased = false

    /// An empty view of customer `id`.
    public init(id: String) { self.id = id }
}

/// A contact of a customer and the contact's role there.
public struct CustomerContact: Codable, Sendable, Hashable {
    /// The contact's identifier.
    public var contactId: String
    /// The contact's name (empty once erased).
    public var name: String
    /// The contact's role at the customer, if given.
    public var role: String?

    /// A contact entry.
    public init(contactId: String, name: String, role: String?) {
        (self.contactId, self.name, self.role) = (contactId, name, role)
    }
}

/// An open opportunity of a customer.
public struct CustomerOpportunity: Codable, Sendable, Hashable {
    /// The opportunity's identifier.
    public var opportunityId: String
    /// Its name.
    public var name: String
    /// Its current stage.
    public var stageId: String
    /// Its current amount.
    public var amount: Money

    /// An opportunity entry.
    public init(opportunityId: String, name: String, stageId: String, amount: Money) {
        (self.opportunityId, self.name, self.stageId, self.amount) = (opportunityId, name, stageId, amount)
    }
}

/// An open ticket of a customer.
public struct CustomerTicket: Codable, Sendable, Hashable {
    /// The ticket's identifier.
    public var ticketId: String
    /// Its priority.
    public var priority: TicketPriority
    /// Its status.
    public var status: TicketStatus
    /// When it was opened (business time).
    public var openedAt: Timestamp

    /// A ticket entry.
    public init(ticketId: String, priority: TicketPriority, status: TicketStatus, openedAt: Timestamp) {
        (self.ticketId, self.priority, self.status, self.openedAt) = (ticketId, priority, status, openedAt)
    }
}

/// The latest interaction with a customer: when, who logged it, through which channel.
public struct CustomerInteraction: Codable, Sendable, Hashable {
    /// The interaction's identifier.
    public var interactionId: String
    /// When it happened (the interaction's own time).
    public var at: Timestamp
    /// Who logged it (the event's actor), if known.
    public var actor: String?
    /// The channel.
    public var channel: InteractionChannel

    /// An interaction entry.
    public init(interactionId: String, at: Timestamp, actor: String?, channel: InteractionChannel) {
        (self.interactionId, self.at, self.actor, self.channel) = (interactionId, at, actor, channel)
    }
}

/// A satisfaction answer.
public struct CustomerSatisfaction: Codable, Sendable, Hashable {
    /// CSAT, NPS, CES or review.
    public var kind: FeedbackKind
    /// The score.
    public var score: Int
    /// The scale's lowest score.
    public var scaleMin: Int
    /// The scale's highest score.
    public var scaleMax: Int
    /// When it was given (business time).
    public var at: Timestamp

    /// A satisfaction entry.
    public init(kind: FeedbackKind, score: Int, scaleMin: Int, scaleMax: Int, at: Timestamp) {
        (self.kind, self.score, self.scaleMin, self.scaleMax, self.at) = (kind, score, scaleMin, scaleMax, at)
    }
}

/// The latest consent choice for one channel and purpose.
public struct CustomerConsent: Codable, Sendable, Hashable {
    /// The channel.
    public var channel: ConsentChannel
    /// The purpose (marketing, service, ...).
    public var purpose: String
    /// Whether contact is allowed.
    public var optedIn: Bool
    /// When it was chosen (business time).
    public var at: Timestamp

    /// A consent entry.
    public init(channel: ConsentChannel, purpose: String, optedIn: Bool, at: Timestamp) {
        (self.channel, self.purpose, self.optedIn, self.at) = (channel, purpose, optedIn, at)
    }
}

/// A record of ``CustomerViewProjection``: a customer's view (key `c:<customerId>`), or an index entry that points
/// from another record to the customers it belongs to (`o:` opportunity, `t:` ticket, `r:` order, `k:` contact,
/// `a:` alias of an absorbed customer to its survivor).
public struct CustomerViewRecord: Codable, Sendable, Hashable {
    /// The customer's view, for a `c:` key.
    public var view: CustomerView?
    /// The customers an index entry points to.
    public var customers: [String]
    /// The contact's name, for a `k:` key.
    public var name: String?
    /// The opportunity as it stands, for an `o:` key (kept after it closes, so a reopened deal comes back whole).
    public var deal: CustomerOpportunity?
    /// The amount it was won with, for an `o:` key of a won opportunity.
    public var wonAmount: Money?

    /// A record holding a view.
    public init(view: CustomerView) { (self.view, self.customers) = (view, []) }
    /// An index record.
    public init(customers: [String], name: String? = nil) { (self.customers, self.name) = (customers, name) }
}

extension Array where Element == Money {
    /// Adds `amount` to the total of its currency (kept sorted by currency); overflow saturates at the bounds.
    mutating func add(_ amount: Money) {
        if let index = firstIndex(where: { $0.currency == amount.currency }) {
            let (sum, overflow) = self[index].minorUnits.addingReportingOverflow(amount.minorUnits)
            self[index].minorUnits = overflow ? (amount.minorUnits > 0 ? .max : .min) : sum
        } else {
            append(amount)
            sort { $0.currency < $1.currency }
        }
    }

    /// Each currency's total of `amounts`.
    static func totals(_ amounts: some Sequence<Money>) -> [Money] {
        var totals: [Money] = []
        for amount in amounts { totals.add(amount) }
        return totals
    }
}
