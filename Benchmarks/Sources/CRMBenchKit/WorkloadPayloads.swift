import CRM
import EventSourcing

/// The payloads of the workload's event types as typed `Event`s, so that a replay decodes each event as an
/// application would.
enum WorkloadPayloads {
    struct CustomerRegistered: Event {
        static let eventType = "CustomerRegistered"
        var name: String
        var email: String
        var company: String
        var phone: String
        var segment: String
    }

    struct InteractionLogged: Event {
        static let eventType = "InteractionLogged"
        var channel: String
        var agent: String
        var durationMinutes: Int
        var note: String
    }

    struct OpportunityOpened: Event {
        static let eventType = "OpportunityOpened"
        var opportunityId: String
        var title: String
        var amount: String
        var currency: String
        var note: String
    }

    struct OpportunityStageAdvanced: Event {
        static let eventType = "OpportunityStageAdvanced"
        var opportunityId: String
        var stage: String
        var probability: Int
        var agent: String
        var note: String
    }

    struct OpportunityWon: Event {
        static let eventType = "OpportunityWon"
        var opportunityId: String
        var amount: String
        var currency: String
        var agent: String
        var note: String
    }

    struct OpportunityLost: Event {
        static let eventType = "OpportunityLost"
        var opportunityId: String
        var amount: String
        var currency: String
        var reason: String
        var note: String
    }

    struct TicketOpened: Event {
        static let eventType = "TicketOpened"
        var ticketId: String
        var subject: String
        var priority: String
        var channel: String
        var note: String
    }

    struct TicketResponded: Event {
        static let eventType = "TicketResponded"
        var ticketId: String
        var agent: String
        var responseMinutes: Int
        var note: String
    }

    struct TicketClosed: Event {
        static let eventType = "TicketClosed"
        var ticketId: String
        var resolution: String
        var satisfaction: Int
        var note: String
    }

    struct CampaignResponseRecorded: Event {
        static let eventType = "CampaignResponseRecorded"
        var campaignId: String
        var response: String
        var channel: String
        var note: String
    }

    static func cents(_ amount: String) -> Int64 { WorkloadEvent.cents(amount: amount) }

    /// The customer number of `customer-000042`.
    static func customer(_ stream: UnsafeRawBufferPointer) -> Int {
        var value = 0
        for byte in stream where byte >= 0x30 && byte <= 0x39 { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// Decodes one record's payload as its typed event and folds it.
    static func fold(_ view: RecordView, codec: BinaryPayloadCodec, into fold: inout WorkloadFold) throws {
        guard let (type, amount) = try decoded(view, codec: codec) else { return }
        fold.apply(customer: customer(view.streamBytes), type: type, amountCents: amount)
    }

    /// Decodes one record's payload as its typed event; returns its type and, for opportunities opened, won or
    /// lost, the amount in cents (`nil` for a type outside the workload).
    static func decoded(_ view: RecordView, codec: BinaryPayloadCodec) throws -> (WorkloadEventType, Int64?)? {
        if view.hasType("InteractionLogged") {
            _ = try codec.decode(InteractionLogged.self, from: view.payload)
            return (.interactionLogged, nil)
        } else if view.hasType("OpportunityStageAdvanced") {
            _ = try codec.decode(OpportunityStageAdvanced.self, from: view.payload)
            return (.opportunityStageAdvanced, nil)
        } else if view.hasType("TicketOpened") {
            _ = try codec.decode(TicketOpened.self, from: view.payload)
            return (.ticketOpened, nil)
        } else if view.hasType("TicketResponded") {
            _ = try codec.decode(TicketResponded.self, from: view.payload)
            return (.ticketResponded, nil)
        } else if view.hasType("TicketClosed") {
            _ = try codec.decode(TicketClosed.self, from: view.payload)
            return (.ticketClosed, nil)
        } else if view.hasType("OpportunityOpened") {
            let event = try codec.decode(OpportunityOpened.self, from: view.payload)
            return (.opportunityOpened, cents(event.amount))
        } else if view.hasType("CampaignResponseRecorded") {
            _ = try codec.decode(CampaignResponseRecorded.self, from: view.payload)
            return (.campaignResponseRecorded, nil)
        } else if view.hasType("OpportunityWon") {
            let event = try codec.decode(OpportunityWon.self, from: view.payload)
            return (.opportunityWon, cents(event.amount))
        } else if view.hasType("OpportunityLost") {
            let event = try codec.decode(OpportunityLost.self, from: view.payload)
            return (.opportunityLost, cents(event.amount))
        } else if view.hasType("CustomerRegistered") {
            _ = try codec.decode(CustomerRegistered.self, from: view.payload)
            return (.customerRegistered, nil)
        }
        return nil
    }
}
