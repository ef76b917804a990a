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
        var cents: Int64 = 0
        for byte in text.utf8 where byte != UInt8(ascii: ".") { cents = cents * 10 + Int64(byte - 0x30) }
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

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (Hinnant's civil-from-days).
    static func iso8601(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = Int(seconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400 + (month <= 2 ? 1 : 0))
        return "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))T\(digits(rest / 3600, 2)):"
            + "\(digits(rest / 60 % 60, 2)):\(digits(rest % 60, 2))Z"
    }
}
