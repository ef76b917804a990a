public import EventSourcing

/// The service view at one point: every ticket, the business calendars, the satisfaction answers, and the figures.
///
/// SLA times are business minutes of the ticket's calendar (the version in force when it was opened) from the
/// opening to the milestone, counting only the stretches the clock was not paused: the sum over those stretches of
/// ``BusinessCalendar/businessMinutes(from:to:)`` (whole minutes each). A ticket without an SLA, or whose calendar
/// is unknown, has no SLA figures.
public struct ServiceSnapshot: Sendable, Hashable {
    /// Every ticket, sorted by id.
    public var tickets: [ServiceTicket]
    /// Every satisfaction answer, sorted by submission id.
    public var answers: [SatisfactionAnswer]
    /// Every business calendar version, by `<calendarId>:<version>`.
    public var calendars: [String: BusinessCalendarDefined]

    /// A snapshot.
    public init(tickets: [ServiceTicket], answers: [SatisfactionAnswer], calendars: [String: BusinessCalendarDefined]) {
        self.tickets = tickets.sorted { $0.id < $1.id }
        self.answers = answers.sorted { $0.submissionId < $1.submissionId }
        self.calendars = calendars
    }

    /// The ticket `id`.
    public func ticket(_ id: String) -> ServiceTicket? { tickets.first { $0.id == id } }

    /// The open tickets (not closed) per status, per priority and per assignee (`""` when unassigned).
    public func queue() -> ServiceQueue {
        var queue = ServiceQueue()
        for ticket in tickets where ticket.isOpen {
            queue.byStatus[ticket.status, default: 0] += 1
            queue.byPriority[ticket.priority, default: 0] += 1
            queue.byAssignee[ticket.assigneeId ?? "", default: 0] += 1
        }
        return queue
    }

    /// The calendar a ticket's SLA is measured in.
    func calendar(of ticket: ServiceTicket) -> BusinessCalendar? {
        guard let sla = ticket.sla, let version = ticket.calendarVersion,
            let definition = calendars["\(sla.calendarId):\(version)"]
        else { return nil }
        return BusinessCalendar(definition)
    }

    /// The business minutes of `ticket`'s clock from its opening to `end`, paused stretches left out; `nil` without
    /// an SLA calendar.
    public func businessMinutes(of ticket: ServiceTicket, until end: Timestamp) -> Int? {
        guard let calendar = calendar(of: ticket) else { return nil }
        var total = 0
        var start = ticket.openedAt
        for pause in ticket.pauses where pause.from < end {
            if pause.from > start { total += calendar.businessMinutes(from: start, to: pause.from) }
            start = max(start, pause.to ?? end)
        }
        if start < end { total += calendar.businessMinutes(from: start, to: end) }
        return total
    }

    /// The SLA state of one milestone of `ticket` at `now`: its business minutes so far (or until the milestone),
    /// its target, and whether it is met, breached, at risk or still running.
    public func sla(_ milestone: SLAMilestone, of ticket: ServiceTicket, at now: Timestamp, atRiskShare: Double = 0.8)
        -> SLAMeasure?
    {
        guard let sla = ticket.sla else { return nil }
        let target = milestone == .firstResponse ? sla.firstResponseMinutes : sla.resolutionMinutes
        let reached = milestone == .firstResponse ? ticket.firstResponseAt : ticket.resolvedAt
        guard let minutes = businessMinutes(of: ticket, until: reached ?? now) else { return nil }
        let outcome: SLAMeasure.Outcome
        if minutes > target {
            outcome = .breached
        } else if reached != nil {
            outcome = .met
        } else if !ticket.isOpen {
            // Closed without reaching the milestone (merged, closed unanswered): it is not measured.
            return nil
        } else if Double(minutes) >= Double(target) * atRiskShare {
            outcome = .atRisk
        } else {
            outcome = .running
        }
        return SLAMeasure(ticketId: ticket.id, milestone: milestone, minutes: minutes, targetMinutes: target, outcome: outcome)
    }

    /// Met and breached counts of one milestone at `now` over the tickets opened from `from` (inclusive) to `to`
    /// (exclusive), and the met rate (met / (met + breached); running and at-risk tickets are not yet decided).
    public func slaSummary(_ milestone: SLAMilestone, at now: Timestamp, openedFrom from: Timestamp? = nil, to: Timestamp? = nil)
        -> SLASummary
    {
        var summary = SLASummary()
        for ticket in tickets {
            if let from, ticket.openedAt < from { continue }
            if let to, ticket.openedAt >= to { continue }
            guard let measure = sla(milestone, of: ticket, at: now) else { continue }
            switch measure.outcome {
            case .met: summary.met += 1
            case .breached: summary.breached += 1
            case .atRisk: summary.atRisk.append(ticket.id)
            case .running: summary.running += 1
            }
        }
        return summary
    }

    /// The answers of `kind` given from `from` (inclusive) to `to` (exclusive), all when not given.
    func answers(_ kind: FeedbackKind, from: Timestamp?, to: Timestamp?) -> [SatisfactionAnswer] {
        answers.filter { answer in
            answer.kind == kind && (from.map { answer.at >= $0 } ?? true) && (to.map { answer.at < $0 } ?? true)
        }
    }

    /// The average CSAT score (`nil` without answers).
    public func csatAverage(from: Timestamp? = nil, to: Timestamp? = nil) -> Double? {
        let scores = answers(.csat, from: from, to: to).map(\.score)
        return scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }

    /// The share of CSAT answers in the top two scores of their scale (4 and 5 of 1-5), in percent.
    public func csatSatisfiedPercent(from: Timestamp? = nil, to: Timestamp? = nil) -> Double? {
        let all = answers(.csat, from: from, to: to)
        guard !all.isEmpty else { return nil }
        return Double(all.filter { $0.score >= $0.scaleMax - 1 }.count) * 100 / Double(all.count)
    }

    /// The Net Promoter Score: the percentage of promoters (9-10 on 0-10) minus the percentage of detractors
    /// (0-6), from -100 to 100 (`nil` without answers).
    public func nps(from: Timestamp? = nil, to: Timestamp? = nil) -> Double? {
        let all = answers(.nps, from: from, to: to)
        guard !all.isEmpty else { return nil }
        let promoters = all.filter { $0.score >= 9 }.count
        let detractors = all.filter { $0.score <= 6 }.count
        return Double(promoters - detractors) * 100 / Double(all.count)
    }

    /// The average Customer Effort Score (`nil` without answers).
    public func ces(from: Timestamp? = nil, to: Timestamp? = nil) -> Double? {
        let scores = answers(.ces, from: from, to: to).map(\.score)
        return scores.isEmpty ? nil : Double(scores.reduce(0, +)) / Double(scores.count)
    }
}

/// The open tickets by status, priority and assignee.
public struct ServiceQueue: Sendable, Hashable {
    /// Per status.
    public var byStatus: [TicketStatus: Int] = [:]
    /// Per priority.
    public var byPriority: [TicketPriority: Int] = [:]
    /// Per assignee (`""`: unassigned).
    public var byAssignee: [String: Int] = [:]
}

/// One SLA milestone of one ticket.
public struct SLAMeasure: Sendable, Hashable {
    /// How a milestone stands.
    public enum Outcome: Sendable, Hashable {
        /// Reached within the target.
        case met
        /// Over the target (reached late, or not reached and already over).
        case breached
        /// Not reached, at or over the at-risk share of the target.
        case atRisk
        /// Not reached, below the at-risk share.
        case running
    }

    /// The ticket.
    public var ticketId: String
    /// The milestone.
    public var milestone: SLAMilestone
    /// Business minutes until the milestone, or so far.
    public var minutes: Int
    /// The target in business minutes.
    public var targetMinutes: Int
    /// How it stands.
    public var outcome: Outcome
}

/// SLA outcomes of one milestone over many tickets.
public struct SLASummary: Sendable, Hashable {
    /// Met.
    public var met = 0
    /// Breached.
    public var breached = 0
    /// Still running, below the at-risk share.
    public var running = 0
    /// At risk, by ticket id.
    public var atRisk: [String] = []

    /// met / (met + breached), `nil` when none is decided.
    public var metRate: Double? { met + breached == 0 ? nil : Double(met) / Double(met + breached) }
    /// breached / (met + breached), `nil` when none is decided.
    public var breachedRate: Double? { metRate.map { 1 - $0 } }
}

extension CRMViews {
    /// The service view now, or as of `point`.
    /// - Throws: ``CRMError/store(_:)``.
    public func service(asOf point: AsOf? = nil) async throws(CRMError) -> ServiceSnapshot {
        var tickets: [ServiceTicket] = []
        var answers: [SatisfactionAnswer] = []
        var calendars: [String: BusinessCalendarDefined] = [:]
        try await forEachRecord(of: ServiceProjection(), prefix: "", asOf: point) { key, record in
            if let ticket = record.ticket { tickets.append(ticket) }
            if let answer = record.answer { answers.append(answer) }
            if let calendar = record.calendar, key.hasPrefix("cv:") {
                calendars["\(calendar.calendarId):\(calendar.version)"] = calendar
            }
        }
        return ServiceSnapshot(tickets: tickets, answers: answers, calendars: calendars)
    }
}
