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
    public var view: CustomerView? {
        get { storedView.value }
        _modify { yield &storedView.value }
    }
    /// The customers an index entry points to.
    public var customers: [String]
    /// The contact's name, for a `k:` key.
    public var name: String?
    /// The opportunity as it stands, for an `o:` key (kept after it closes, so a reopened deal comes back whole).
    public var deal: CustomerOpportunity? {
        get { storedDeal.value }
        _modify { yield &storedDeal.value }
    }
    /// The amount it was won with, for an `o:` key of a won opportunity.
    public var wonAmount: Money?

    // The view and the deal are out of line: most records are small index entries, which would otherwise each take
    // the room of a whole view in memory.
    private var storedView: OutOfLine<CustomerView>
    private var storedDeal = OutOfLine<CustomerOpportunity>(nil)

    /// A record holding a view.
    public init(view: CustomerView) { (storedView, customers) = (OutOfLine(view), []) }
    /// An index record.
    public init(customers: [String], name: String? = nil) {
        (storedView, self.customers, self.name) = (OutOfLine(nil), customers, name)
    }

    private enum CodingKeys: String, CodingKey {
        case view, customers, name, deal, wonAmount
    }

    /// Reads the record's fields (what `Codable` would read for its properties).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        storedView = OutOfLine(try container.decodeIfPresent(CustomerView.self, forKey: .view))
        customers = try container.decode([String].self, forKey: .customers)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        storedDeal = OutOfLine(try container.decodeIfPresent(CustomerOpportunity.self, forKey: .deal))
        wonAmount = try container.decodeIfPresent(Money.self, forKey: .wonAmount)
    }

    /// Writes the record's fields (what `Codable` would write for its properties).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(view, forKey: .view)
        try container.encode(customers, forKey: .customers)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(deal, forKey: .deal)
        try container.encodeIfPresent(wonAmount, forKey: .wonAmount)
    }
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

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension CustomerView: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the view's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("id", id)
        try fields.bool("registered", registered)
        try fields.valueIfPresent("kind", kind)
        try fields.string("name", name)
        try fields.stringIfPresent("email", email)
        try fields.stringIfPresent("phone", phone)
        try fields.stringIfPresent("industry", industry)
        try fields.valueIfPresent("source", source)
        try fields.stringIfPresent("ownerId", ownerId)
        try fields.bool("isActive", isActive)
        try fields.string("lifecycleStage", lifecycleStage)
        try fields.timestampIfPresent("becameCustomerAt", becameCustomerAt)
        try fields.strings("tags", tags)
        try fields.array("contacts", contacts)
        try fields.array("openOpportunities", openOpportunities)
        try fields.int("wonOpportunities", wonOpportunities)
        try fields.array("wonTotal", wonTotal)
        try fields.array("openTickets", openTickets)
        try fields.array("lifetimeRevenue", lifetimeRevenue)
        try fields.encodeIfPresent("lastInteraction", lastInteraction)
        try fields.encodeIfPresent("latestSatisfaction", latestSatisfaction)
        try fields.array("consent", consent)
        try fields.strings("mergedIds", mergedIds)
        try fields.stringIfPresent("absorbedInto", absorbedInto)
        try fields.bool("erased", erased)
    }

    /// Reads the view from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        id = try fields.string("id")
        registered = try fields.bool("registered")
        kind = try fields.valueIfPresent(CustomerKind.self, "kind")
        name = try fields.string("name")
        email = try fields.stringIfPresent("email")
        phone = try fields.stringIfPresent("phone")
        industry = try fields.stringIfPresent("industry")
        source = try fields.valueIfPresent(AcquisitionChannel.self, "source")
        ownerId = try fields.stringIfPresent("ownerId")
        isActive = try fields.bool("isActive")
        lifecycleStage = try fields.string("lifecycleStage")
        becameCustomerAt = try fields.timestampIfPresent("becameCustomerAt")
        tags = try fields.strings("tags")
        contacts = try fields.array(of: CustomerContact.self, "contacts")
        openOpportunities = try fields.array(of: CustomerOpportunity.self, "openOpportunities")
        wonOpportunities = try fields.int("wonOpportunities")
        wonTotal = try fields.array(of: Money.self, "wonTotal")
        openTickets = try fields.array(of: CustomerTicket.self, "openTickets")
        lifetimeRevenue = try fields.array(of: Money.self, "lifetimeRevenue")
        lastInteraction = try fields.decodeIfPresent(CustomerInteraction.self, "lastInteraction")
        latestSatisfaction = try fields.decodeIfPresent(CustomerSatisfaction.self, "latestSatisfaction")
        consent = try fields.array(of: CustomerConsent.self, "consent")
        mergedIds = try fields.strings("mergedIds")
        absorbedInto = try fields.stringIfPresent("absorbedInto")
        erased = try fields.bool("erased")
    }
}

extension CustomerContact: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contactId", contactId)
        try fields.string("name", name)
        try fields.stringIfPresent("role", role)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contactId = try fields.string("contactId")
        name = try fields.string("name")
        role = try fields.stringIfPresent("role")
    }
}

extension CustomerOpportunity: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("opportunityId", opportunityId)
        try fields.string("name", name)
        try fields.string("stageId", stageId)
        try fields.encode("amount", amount)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        opportunityId = try fields.string("opportunityId")
        name = try fields.string("name")
        stageId = try fields.string("stageId")
        amount = try fields.decode(Money.self, "amount")
    }
}

extension CustomerTicket: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ticketId", ticketId)
        try fields.value("priority", priority)
        try fields.value("status", status)
        try fields.timestamp("openedAt", openedAt)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticketId = try fields.string("ticketId")
        priority = try fields.value(TicketPriority.self, "priority")
        status = try fields.value(TicketStatus.self, "status")
        openedAt = try fields.timestamp("openedAt")
    }
}

extension CustomerInteraction: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("interactionId", interactionId)
        try fields.timestamp("at", at)
        try fields.stringIfPresent("actor", actor)
        try fields.value("channel", channel)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        interactionId = try fields.string("interactionId")
        at = try fields.timestamp("at")
        actor = try fields.stringIfPresent("actor")
        channel = try fields.value(InteractionChannel.self, "channel")
    }
}

extension CustomerSatisfaction: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("kind", kind)
        try fields.int("score", score)
        try fields.int("scaleMin", scaleMin)
        try fields.int("scaleMax", scaleMax)
        try fields.timestamp("at", at)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        kind = try fields.value(FeedbackKind.self, "kind")
        score = try fields.int("score")
        scaleMin = try fields.int("scaleMin")
        scaleMax = try fields.int("scaleMax")
        at = try fields.timestamp("at")
    }
}

extension CustomerConsent: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the entry's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.value("channel", channel)
        try fields.string("purpose", purpose)
        try fields.bool("optedIn", optedIn)
        try fields.timestamp("at", at)
    }

    /// Reads the entry from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        channel = try fields.value(ConsentChannel.self, "channel")
        purpose = try fields.string("purpose")
        optedIn = try fields.bool("optedIn")
        at = try fields.timestamp("at")
    }
}

extension CustomerViewRecord: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the record's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encodeIfPresent("view", view)
        try fields.strings("customers", customers)
        try fields.stringIfPresent("name", name)
        try fields.encodeIfPresent("deal", deal)
        try fields.encodeIfPresent("wonAmount", wonAmount)
    }

    /// Reads the record from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        storedView = OutOfLine(try fields.decodeIfPresent(CustomerView.self, "view"))
        customers = try fields.strings("customers")
        name = try fields.stringIfPresent("name")
        storedDeal = OutOfLine(try fields.decodeIfPresent(CustomerOpportunity.self, "deal"))
        wonAmount = try fields.decodeIfPresent(Money.self, "wonAmount")
    }
}
