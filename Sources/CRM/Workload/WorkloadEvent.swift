import EventSourcing

/// The event types of the standard workload, with their exact names.
public enum WorkloadEventType: String, Sendable, CaseIterable, Hashable {
    /// The first event of every customer.
    case customerRegistered = "CustomerRegistered"
    /// A call, e-mail, meeting or chat.
    case interactionLogged = "InteractionLogged"
    /// An opportunity was opened.
    case opportunityOpened = "OpportunityOpened"
    /// An open opportunity moved to a stage.
    case opportunityStageAdvanced = "OpportunityStageAdvanced"
    /// An opportunity was won.
    case opportunityWon = "OpportunityWon"
    /// An opportunity was lost.
    case opportunityLost = "OpportunityLost"
    /// A ticket was opened.
    case ticketOpened = "TicketOpened"
    /// An agent responded to an open ticket.
    case ticketResponded = "TicketResponded"
    /// A ticket was closed.
    case ticketClosed = "TicketClosed"
    /// A customer responded to a campaign.
    case campaignResponseRecorded = "CampaignResponseRecorded"
}

/// A value of a workload event's field: text or a whole number.
public enum WorkloadValue: Sendable, Hashable {
    /// Text.
    case string(String)
    /// A whole number.
    case int(Int)
}

/// One named field of a workload event.
public struct WorkloadField: Sendable, Hashable {
    /// The field's JSON key.
    public var name: String
    /// The field's value.
    public var value: WorkloadValue

    /// Creates a field.
    public init(name: String, value: WorkloadValue) {
        self.name = name
        self.value = value
    }
}

/// One generated event of the standard workload.
public struct WorkloadEvent: Sendable, Hashable {
    /// The global counter `i` (0 for the first event generated, across all phases).
    public var index: Int
    /// The customer's number.
    public var customer: Int
    /// The customer's stream version after this event (1 for the first).
    public var version: Int
    /// The event's type.
    public var type: WorkloadEventType
    /// When it happened, in whole seconds since 1970 (`1735689600 + 30 × index`).
    public var occurredAt: Int64
    /// The event's fields in the generator's order (without `customerId` and `occurredAt`).
    public var fields: [WorkloadField]

    /// The customer's stream name, `customer-` and six digits: `customer-000042`.
    public var streamName: String { Self.streamName(customer: customer) }

    /// The stream name of customer `customer`: `customer-` and six digits.
    public static func streamName(customer: Int) -> String { "customer-" + digits(customer, 6) }

    /// `occurredAt` as `YYYY-MM-DDTHH:MM:SSZ`.
    public var occurredAtText: String { Self.iso8601(occurredAt) }

    /// The value of the field `name`, if the event has it.
    public subscript(field name: String) -> WorkloadValue? {
        fields.first { $0.name == name }?.value
    }

    /// The amount in cents of an opportunity event (`"12345.67"` → 1234567), `nil` for other events.
    public var amountCents: Int64? {
        guard case .string(let text)? = self[field: "amount"] else { return nil }
        return Self.cents(amount: text)
    }

    /// The cents of a workload amount: its digits, the decimal point skipped (`"12345.67"` → 1234567).
    public static func cents(amount: String) -> Int64 {
        var cents: Int64 = 0
        for byte in amount.utf8 where byte >= 0x30 && byte <= 0x39 { cents = cents &* 10 &+ Int64(byte - 0x30) }
        return cents
    }

    /// The canonical JSON of GENERATOR.md section 7: `customerId`, `occurredAt`, then the fields, no spaces.
    public var canonicalJSON: String {
        var json = "{\"customerId\":\"\(streamName)\",\"occurredAt\":\"\(occurredAtText)\""
        for field in fields {
            json += ",\"\(field.name)\":"
            switch field.value {
            case .string(let text): json += "\"\(text)\""
            case .int(let number): json += String(number)
            }
        }
        return json + "}"
    }

    /// `value` in decimal, zero padded to `width` digits.
    static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
    static func iso8601(_ seconds: Int64) -> String { Timestamp(secondsSince1970: seconds).iso8601Seconds }
}
