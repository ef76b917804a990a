import CRM
import EventSourcing

/// The payloads of the workload's event types as typed `Event`s, so that a replay decodes each event as an
/// application would: through the types' `BinaryPayloadDecodable` initialisers (the library's fast path, what a
/// service writes for its hot event types), or through `Codable` alone (`DecodePath.codable`).
enum WorkloadPayloads {
    struct CustomerRegistered: Event, BinaryPayloadDecodable {
        static let eventType = "CustomerRegistered"
        var name: String
        var email: String
        var company: String
        var phone: String
        var segment: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            name = try fields.string("name")
            email = try fields.string("email")
            company = try fields.string("company")
            phone = try fields.string("phone")
            segment = try fields.string("segment")
        }
    }

    struct InteractionLogged: Event, BinaryPayloadDecodable {
        static let eventType = "InteractionLogged"
        var channel: String
        var agent: String
        var durationMinutes: Int
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            channel = try fields.string("channel")
            agent = try fields.string("agent")
            durationMinutes = try fields.int("durationMinutes")
            note = try fields.string("note")
        }
    }

    struct OpportunityOpened: Event, BinaryPayloadDecodable {
        static let eventType = "OpportunityOpened"
        var opportunityId: String
        var title: String
        var amount: String
        var currency: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            opportunityId = try fields.string("opportunityId")
            title = try fields.string("title")
            amount = try fields.string("amount")
            currency = try fields.string("currency")
            note = try fields.string("note")
        }
    }

    struct OpportunityStageAdvanced: Event, BinaryPayloadDecodable {
        static let eventType = "OpportunityStageAdvanced"
        var opportunityId: String
        var stage: String
        var probability: Int
        var agent: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            opportunityId = try fields.string("opportunityId")
            stage = try fields.string("stage")
            probability = try fields.int("probability")
            agent = try fields.string("agent")
            note = try fields.string("note")
        }
    }

    struct OpportunityWon: Event, BinaryPayloadDecodable {
        static let eventType = "OpportunityWon"
        var opportunityId: String
        var amount: String
        var currency: String
        var agent: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            opportunityId = try fields.string("opportunityId")
            amount = try fields.string("amount")
            currency = try fields.string("currency")
            agent = try fields.string("agent")
            note = try fields.string("note")
        }
    }

    struct OpportunityLost: Event, BinaryPayloadDecodable {
        static let eventType = "OpportunityLost"
        var opportunityId: String
        var amount: String
        var currency: String
        var reason: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            opportunityId = try fields.string("opportunityId")
            amount = try fields.string("amount")
            currency = try fields.string("currency")
            reason = try fields.string("reason")
            note = try fields.string("note")
        }
    }

    struct TicketOpened: Event, BinaryPayloadDecodable {
        static let eventType = "TicketOpened"
        var ticketId: String
        var subject: String
        var priority: String
        var channel: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            ticketId = try fields.string("ticketId")
            subject = try fields.string("subject")
            priority = try fields.string("priority")
            channel = try fields.string("channel")
            note = try fields.string("note")
        }
    }

    struct TicketResponded: Event, BinaryPayloadDecodable {
        static let eventType = "TicketResponded"
        var ticketId: String
        var agent: String
        var responseMinutes: Int
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            ticketId = try fields.string("ticketId")
            agent = try fields.string("agent")
            responseMinutes = try fields.int("responseMinutes")
            note = try fields.string("note")
        }
    }

    struct TicketClosed: Event, BinaryPayloadDecodable {
        static let eventType = "TicketClosed"
        var ticketId: String
        var resolution: String
        var satisfaction: Int
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            ticketId = try fields.string("ticketId")
            resolution = try fields.string("resolution")
            satisfaction = try fields.int("satisfaction")
            note = try fields.string("note")
        }
    }

    struct CampaignResponseRecorded: Event, BinaryPayloadDecodable {
        static let eventType = "CampaignResponseRecorded"
        var campaignId: String
        var response: String
        var channel: String
        var note: String

        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
            campaignId = try fields.string("campaignId")
            response = try fields.string("response")
            channel = try fields.string("channel")
            note = try fields.string("note")
        }
    }

    /// How a replay turns payloads into typed values.
    enum DecodePath: Sendable {
        /// Each type's `init(binaryPayload:)`.
        case binaryPayloadDecodable
        /// Each type's `Codable` `init(from:)`.
        case codable
    }

    static func cents(_ amount: String) -> Int64 { WorkloadEvent.cents(amount: amount) }

    /// The customer number of `customer-000042`.
    static func customer(_ stream: UnsafeRawBufferPointer) -> Int {
        var value = 0
        for byte in stream where byte >= 0x30 && byte <= 0x39 { value = value * 10 + Int(byte - 0x30) }
        return value
    }

    /// Decodes one record's payload as its typed event and folds it.
    static func fold(
        _ view: RecordView, codec: BinaryPayloadCodec, path: DecodePath = .binaryPayloadDecodable, into fold: inout WorkloadFold
    ) throws {
        guard let (type, amount) = try decoded(view, codec: codec, path: path) else { return }
        fold.apply(customer: customer(view.streamBytes), type: type, amountCents: amount)
    }

    /// Decodes one record's payload as its typed event; returns its type and, for opportunities opened, won or
    /// lost, the amount in cents (`nil` for a type outside the workload).
    static func decoded(
        _ view: RecordView, codec: BinaryPayloadCodec, path: DecodePath = .binaryPayloadDecodable
    ) throws -> (WorkloadEventType, Int64?)? {
        @inline(__always)
        func decode<T: BinaryPayloadDecodable>(_ type: T.Type) throws -> T {
            switch path {
            case .binaryPayloadDecodable: return try codec.decode(T.self, from: view.payload)
            case .codable: return try codec.decodeWithCodable(T.self, from: view.payload)
            }
        }
        if view.hasType("InteractionLogged") {
            _ = try decode(InteractionLogged.self)
            return (.interactionLogged, nil)
        } else if view.hasType("OpportunityStageAdvanced") {
            _ = try decode(OpportunityStageAdvanced.self)
            return (.opportunityStageAdvanced, nil)
        } else if view.hasType("TicketOpened") {
            _ = try decode(TicketOpened.self)
            return (.ticketOpened, nil)
        } else if view.hasType("TicketResponded") {
            _ = try decode(TicketResponded.self)
            return (.ticketResponded, nil)
        } else if view.hasType("TicketClosed") {
            _ = try decode(TicketClosed.self)
            return (.ticketClosed, nil)
        } else if view.hasType("OpportunityOpened") {
            let event = try decode(OpportunityOpened.self)
            return (.opportunityOpened, cents(event.amount))
        } else if view.hasType("CampaignResponseRecorded") {
            _ = try decode(CampaignResponseRecorded.self)
            return (.campaignResponseRecorded, nil)
        } else if view.hasType("OpportunityWon") {
            let event = try decode(OpportunityWon.self)
            return (.opportunityWon, cents(event.amount))
        } else if view.hasType("OpportunityLost") {
            let event = try decode(OpportunityLost.self)
            return (.opportunityLost, cents(event.amount))
        } else if view.hasType("CustomerRegistered") {
            _ = try decode(CustomerRegistered.self)
            return (.customerRegistered, nil)
        }
        return nil
    }
}
