public import EventSourcing

/// The service view as a projection: every ticket (``ServiceTicket``, key `t:<ticketId>`) with its SLA snapshot,
/// the business calendar version in force when it was opened and its paused stretches; every business calendar
/// version (`cv:<id>:<version>`, and `cal:<id>` for the latest); every satisfaction answer (`f:<submissionId>`).
/// The figures are computed when queried (``ServiceSnapshot``).
public struct ServiceProjection: Projection {
    /// `crm-service`.
    public let name = "crm-service"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [
            BusinessCalendarDefined.eventType, TicketOpened.eventType, TicketAssigned.eventType,
            TicketPriorityChanged.eventType, TicketResponded.eventType, TicketStatusChanged.eventType,
            TicketResolved.eventType, TicketReopened.eventType, TicketClosed.eventType, TicketsMerged.eventType,
            FeedbackSubmitted.eventType,
        ]
    }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<ServiceRecord>) throws {
        let at = event.occurredAt
        switch event.type {
        // The commonest events first (tickets opened, answered, closed): a switch over strings compares the cases in order.
        case TicketOpened.eventType:
            let e = try event.decode(TicketOpened.self)
            var ticket = ServiceTicket(id: e.ticketId, customerId: e.customerId, priority: e.priority, openedAt: at)
            ticket.sla = e.sla
            if let sla = e.sla { ticket.calendarVersion = try records.value(forKey: "cal:" + sla.calendarId)?.calendar?.version }
            records.set(ServiceRecord(ticket: ticket), forKey: "t:" + e.ticketId)
        case TicketResponded.eventType:
            let e = try event.decode(TicketResponded.self)
            guard e.isPublic else { return }
            try ticket(e.ticketId, &records) { ticket in if ticket.firstResponseAt == nil { ticket.firstResponseAt = at } }
        case TicketClosed.eventType:
            let e = try event.decode(TicketClosed.self)
            try ticket(e.ticketId, &records) { ticket in
                ticket.resume(at: at)
                ticket.status = .closed
                if ticket.closedAt == nil { ticket.closedAt = at }
            }
        case BusinessCalendarDefined.eventType:
            let e = try event.decode(BusinessCalendarDefined.self)
            records.set(ServiceRecord(calendar: e), forKey: "cv:\(e.calendarId):\(e.version)")
            records.set(ServiceRecord(calendar: e), forKey: "cal:" + e.calendarId)
        case TicketAssigned.eventType:
            let e = try event.decode(TicketAssigned.self)
            try ticket(e.ticketId, &records) { ticket in
                ticket.assigneeId = e.assigneeId
                if ticket.status == .new { ticket.status = .open }
            }
        case TicketPriorityChanged.eventType:
            let e = try event.decode(TicketPriorityChanged.self)
            try ticket(e.ticketId, &records) { ticket in
                ticket.priority = e.newPriority
                if let sla = e.sla { ticket.sla = sla }
            }
        case TicketStatusChanged.eventType:
            let e = try event.decode(TicketStatusChanged.self)
            try ticket(e.ticketId, &records) { ticket in
                ticket.status = e.toStatus
                if e.pausesClock { ticket.pause(at: at) } else { ticket.resume(at: at) }
                if e.toStatus == .closed, ticket.closedAt == nil { ticket.closedAt = at }
            }
        case TicketResolved.eventType:
            let e = try event.decode(TicketResolved.self)
            try ticket(e.ticketId, &records) { ticket in
                ticket.resume(at: at)
                (ticket.status, ticket.resolvedAt) = (.resolved, at)
            }
        case TicketReopened.eventType:
            let e = try event.decode(TicketReopened.self)
            try ticket(e.ticketId, &records) { ticket in
                (ticket.status, ticket.resolvedAt, ticket.closedAt) = (.open, nil, nil)
                ticket.reopenCount += 1
            }
        case TicketsMerged.eventType:
            let e = try event.decode(TicketsMerged.self)
            for id in e.mergedTicketIds {
                try ticket(id, &records) { ticket in
                    ticket.resume(at: at)
                    (ticket.status, ticket.mergedInto) = (.closed, e.survivorTicketId)
                    if ticket.closedAt == nil { ticket.closedAt = at }
                }
            }
        case FeedbackSubmitted.eventType:
            let e = try event.decode(FeedbackSubmitted.self)
            let answer = SatisfactionAnswer(
                submissionId: e.submissionId, kind: e.kind, score: e.score, scaleMin: e.scaleMin, scaleMax: e.scaleMax, at: at)
            records.set(ServiceRecord(answer: answer), forKey: "f:" + e.submissionId)
        default: break
        }
    }

    private func ticket(
        _ id: String, _ records: inout ProjectionRecords<ServiceRecord>, _ body: (inout ServiceTicket) -> Void
    ) throws {
        try records.updateIfPresent("t:" + id) { record in
            record.ticket.updateIfPresent(body)
        }
    }
}

/// One ticket as the service view keeps it.
public struct ServiceTicket: Codable, Sendable, Hashable {
    /// The ticket's identifier.
    public var id: String
    /// The customer.
    public var customerId: String?
    /// The priority now.
    public var priority: TicketPriority
    /// The status now.
    public var status: TicketStatus = .new
    /// The agent assigned.
    public var assigneeId: String?
    /// When it was opened (business time).
    public var openedAt: Timestamp
    /// The SLA targets that apply: those it was opened under (or that a priority change gave it).
    public var sla: SLASnapshot?
    /// The version of the SLA's business calendar in force when it was opened.
    public var calendarVersion: Int?
    /// The first public response.
    public var firstResponseAt: Timestamp?
    /// The latest resolution (cleared by a reopening).
    public var resolvedAt: Timestamp?
    /// When it was closed.
    public var closedAt: Timestamp?
    /// The stretches its clock was paused (the last one open while paused).
    public var pauses: [PausedStretch] = []
    /// How many times it was reopened.
    public var reopenCount = 0
    /// The ticket it was merged into.
    public var mergedInto: String?

    /// A ticket as opened.
    public init(id: String, customerId: String?, priority: TicketPriority, openedAt: Timestamp) {
        (self.id, self.customerId, self.priority, self.openedAt) = (id, customerId, priority, openedAt)
    }

    /// Whether it is still in the queue (not closed).
    public var isOpen: Bool { status != .closed }

    mutating func pause(at: Timestamp) {
        if pauses.last.map({ $0.to != nil }) ?? true { pauses.append(PausedStretch(from: at)) }
    }

    mutating func resume(at: Timestamp) {
        if let last = pauses.indices.last, pauses[last].to == nil { pauses[last].to = at }
    }
}

/// A stretch of time a ticket's SLA clock was paused.
public struct PausedStretch: Codable, Sendable, Hashable {
    /// When the pause began.
    public var from: Timestamp
    /// When it ended (`nil` while paused).
    public var to: Timestamp?

    /// A stretch.
    public init(from: Timestamp, to: Timestamp? = nil) { (self.from, self.to) = (from, to) }
}

/// A satisfaction answer.
public struct SatisfactionAnswer: Codable, Sendable, Hashable {
    /// The submission.
    public var submissionId: String
    /// CSAT, NPS, CES or review.
    public var kind: FeedbackKind
    /// The score.
    public var score: Int
    /// The scale's lowest score.
    public var scaleMin: Int
    /// The scale's highest score.
    public var scaleMax: Int
    /// When (business time).
    public var at: Timestamp

    /// An answer.
    public init(submissionId: String, kind: FeedbackKind, score: Int, scaleMin: Int, scaleMax: Int, at: Timestamp) {
        (self.submissionId, self.kind, self.score, self.scaleMin, self.scaleMax, self.at) =
            (submissionId, kind, score, scaleMin, scaleMax, at)
    }
}

/// A record of ``ServiceProjection``: a ticket, a business calendar version or a satisfaction answer.
public struct ServiceRecord: Codable, Sendable, Hashable {
    /// The ticket, for a `t:` key.
    public var ticket: ServiceTicket?
    /// The calendar, for a `cal:` key.
    public var calendar: BusinessCalendarDefined? {
        get { storedCalendar.value }
        _modify { yield &storedCalendar.value }
    }
    /// The answer, for an `f:` key.
    public var answer: SatisfactionAnswer? {
        get { storedAnswer.value }
        _modify { yield &storedAnswer.value }
    }

    // The calendar and the answer are out of line: most records are tickets, which would otherwise each take their
    // room in memory too.
    private var storedCalendar = OutOfLine<BusinessCalendarDefined>(nil)
    private var storedAnswer = OutOfLine<SatisfactionAnswer>(nil)

    /// A ticket record.
    public init(ticket: ServiceTicket) { self.ticket = ticket }
    /// A calendar record.
    public init(calendar: BusinessCalendarDefined) { storedCalendar = OutOfLine(calendar) }
    /// An answer record.
    public init(answer: SatisfactionAnswer) { storedAnswer = OutOfLine(answer) }

    private enum CodingKeys: String, CodingKey {
        case ticket, calendar, answer
    }

    /// Reads the record's fields (what `Codable` would read for its properties).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ticket = try container.decodeIfPresent(ServiceTicket.self, forKey: .ticket)
        storedCalendar = OutOfLine(try container.decodeIfPresent(BusinessCalendarDefined.self, forKey: .calendar))
        storedAnswer = OutOfLine(try container.decodeIfPresent(SatisfactionAnswer.self, forKey: .answer))
    }

    /// Writes the record's fields (what `Codable` would write for its properties).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(ticket, forKey: .ticket)
        try container.encodeIfPresent(calendar, forKey: .calendar)
        try container.encodeIfPresent(answer, forKey: .answer)
    }
}

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension ServiceTicket: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the ticket's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("id", id)
        try fields.stringIfPresent("customerId", customerId)
        try fields.value("priority", priority)
        try fields.value("status", status)
        try fields.stringIfPresent("assigneeId", assigneeId)
        try fields.timestamp("openedAt", openedAt)
        try fields.encodeIfPresent("sla", sla)
        try fields.intIfPresent("calendarVersion", calendarVersion)
        try fields.timestampIfPresent("firstResponseAt", firstResponseAt)
        try fields.timestampIfPresent("resolvedAt", resolvedAt)
        try fields.timestampIfPresent("closedAt", closedAt)
        try fields.array("pauses", pauses)
        try fields.int("reopenCount", reopenCount)
        try fields.stringIfPresent("mergedInto", mergedInto)
    }

    /// Reads the ticket from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        id = try fields.string("id")
        customerId = try fields.stringIfPresent("customerId")
        priority = try fields.value(TicketPriority.self, "priority")
        status = try fields.value(TicketStatus.self, "status")
        assigneeId = try fields.stringIfPresent("assigneeId")
        openedAt = try fields.timestamp("openedAt")
        sla = try fields.decodeIfPresent(SLASnapshot.self, "sla")
        calendarVersion = try fields.intIfPresent("calendarVersion")
        firstResponseAt = try fields.timestampIfPresent("firstResponseAt")
        resolvedAt = try fields.timestampIfPresent("resolvedAt")
        closedAt = try fields.timestampIfPresent("closedAt")
        pauses = try fields.array(of: PausedStretch.self, "pauses")
        reopenCount = try fields.int("reopenCount")
        mergedInto = try fields.stringIfPresent("mergedInto")
    }
}

extension PausedStretch: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the stretch's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.timestamp("from", from)
        try fields.timestampIfPresent("to", to)
    }

    /// Reads the stretch from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        from = try fields.timestamp("from")
        to = try fields.timestampIfPresent("to")
    }
}

extension SatisfactionAnswer: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the answer's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("submissionId", submissionId)
        try fields.value("kind", kind)
        try fields.int("score", score)
        try fields.int("scaleMin", scaleMin)
        try fields.int("scaleMax", scaleMax)
        try fields.timestamp("at", at)
    }

    /// Reads the answer from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        submissionId = try fields.string("submissionId")
        kind = try fields.value(FeedbackKind.self, "kind")
        score = try fields.int("score")
        scaleMin = try fields.int("scaleMin")
        scaleMax = try fields.int("scaleMax")
        at = try fields.timestamp("at")
    }
}

extension ServiceRecord: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the record's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encodeIfPresent("ticket", ticket)
        try fields.encodeIfPresent("calendar", calendar)
        try fields.encodeIfPresent("answer", answer)
    }

    /// Reads the record from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ticket = try fields.decodeIfPresent(ServiceTicket.self, "ticket")
        storedCalendar = OutOfLine(try fields.decodeIfPresent(BusinessCalendarDefined.self, "calendar"))
        storedAnswer = OutOfLine(try fields.decodeIfPresent(SatisfactionAnswer.self, "answer"))
    }
}
