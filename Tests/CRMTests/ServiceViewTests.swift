import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Service view")
struct ServiceViewTests {
    static let weekdays: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday]

    static func calendar(version: Int, from start: Int, to end: Int, holidays: [LocalDate]) -> BusinessCalendarDefined {
        BusinessCalendarDefined(
            calendarId: "helsinki", version: version, timeZone: "Europe/Helsinki",
            workingHours: weekdays.map { WorkingHours(weekday: $0, startMinute: start, endMinute: end) }, holidays: holidays)
    }

    static func sla(version: Int, first: Int, resolution: Int) -> SLASnapshot {
        SLASnapshot(
            policyId: "standard", policyVersion: version, calendarId: "helsinki", firstResponseMinutes: first,
            resolutionMinutes: resolution, pausedStatuses: [.waitingOnCustomer])
    }

    static func ticket(_ id: String, _ priority: TicketPriority, _ sla: SLASnapshot?) -> TicketOpened {
        TicketOpened(
            ticketId: id, customerId: "cus-1", channel: .email, type: .incident, priority: priority, subject: "Broken",
            description: "It broke", sla: sla)
    }

    static func feedback(_ id: String, _ kind: FeedbackKind, _ score: Int, max: Int) -> FeedbackSubmitted {
        FeedbackSubmitted(
            surveyId: "srv-1", submissionId: id, kind: kind, subject: EntityRef(kind: .customer, id: "cus-1"), score: score,
            scaleMin: kind == .nps ? 0 : 1, scaleMax: max)
    }

    /// Helsinki is UTC+2 in January; 2026-01-05 is a Monday and 2026-01-06 (Epiphany) a holiday in calendar v1.
    static func history(_ s: ViewStore) async throws {
        try await s.append(calendar(version: 1, from: 540, to: 1020, holidays: [date("2026-01-06")]),
            to: "calendar-helsinki", at: "2026-01-01T00:00:00Z")
        try await s.append(ticket("t-1", .high, sla(version: 1, first: 60, resolution: 480)), to: "ticket-t-1", at: "2026-01-05T14:00:00Z")
        try await s.append(TicketResponded(ticketId: "t-1", responderId: "ana", channel: .email, isPublic: true, isFirstResponse: true),
            to: "ticket-t-1", at: "2026-01-07T07:30:00Z")
        try await s.append(TicketStatusChanged(ticketId: "t-1", fromStatus: .open, toStatus: .waitingOnCustomer, pausesClock: true),
            to: "ticket-t-1", at: "2026-01-07T08:00:00Z")
        // Version 2 (08:00-20:00, no holidays) comes after t-1 was opened: t-1 is still measured in version 1.
        try await s.append(calendar(version: 2, from: 480, to: 1200, holidays: []), to: "calendar-helsinki", at: "2026-01-07T12:00:00Z")
        try await s.append(ticket("t-2", .normal, sla(version: 2, first: 240, resolution: 1440)), to: "ticket-t-2", at: "2026-01-08T06:00:00Z")
        try await s.append(TicketStatusChanged(ticketId: "t-1", fromStatus: .waitingOnCustomer, toStatus: .open, pausesClock: false),
            to: "ticket-t-1", at: "2026-01-08T07:00:00Z")
        try await s.append(TicketResolved(ticketId: "t-1", resolutionCode: "fixed", resolution: "Restarted"),
            to: "ticket-t-1", at: "2026-01-08T10:00:00Z")
        try await s.append(ticket("t-3", .normal, sla(version: 2, first: 240, resolution: 1440)), to: "ticket-t-3", at: "2026-01-08T12:00:00Z")
        try await s.append(TicketAssigned(ticketId: "t-3", assigneeId: "ana"), to: "ticket-t-3", at: "2026-01-08T12:05:00Z")
        try await s.append(ticket("t-4", .low, nil), to: "ticket-t-4", at: "2026-01-08T12:10:00Z")
        try await s.append(TicketClosed(ticketId: "t-4"), to: "ticket-t-4", at: "2026-01-08T12:20:00Z")
        for (id, kind, score, max) in [
            ("c1", FeedbackKind.csat, 5, 5), ("c2", .csat, 4, 5), ("c3", .csat, 2, 5), ("n1", .nps, 10, 10), ("n2", .nps, 9, 10),
            ("n3", .nps, 9, 10), ("n4", .nps, 7, 10), ("n5", .nps, 3, 10), ("e1", .ces, 2, 7), ("e2", .ces, 5, 7),
        ] {
            try await s.append(feedback(id, kind, score, max: max), to: "survey-srv-1", at: "2026-01-08T13:00:00Z")
        }
    }

    static let now = "2026-01-08T16:00:00Z"  // 18:00 in Helsinki

    @Test func slaTimesInBusinessHoursLessPausesAgainstTheCalendarAtOpening() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let service = try await s.views.service()
        let now = moment(Self.now)
        let t1 = try #require(service.ticket("t-1"))
        #expect(t1.calendarVersion == 1 && t1.pauses == [PausedStretch(from: moment("2026-01-07T08:00:00Z"), to: moment("2026-01-08T07:00:00Z"))])
        // First response: Monday 16:00-17:00 (60), Tuesday a holiday, Wednesday 09:00-09:30 (30) = 90 > 60.
        let first = try #require(service.sla(.firstResponse, of: t1, at: now))
        #expect(first.minutes == 90 && first.targetMinutes == 60 && first.outcome == .breached)
        // Resolution: 60 on Monday, Wednesday 09:00-10:00 (then paused until Thursday 09:00), Thursday 09:00-12:00 = 300.
        let resolution = try #require(service.sla(.resolution, of: t1, at: now))
        #expect(resolution.minutes == 300 && resolution.outcome == .met)
        // t-2 in version 2: Thursday 08:00-18:00 = 600 minutes, unanswered.
        let t2 = try #require(service.ticket("t-2"))
        #expect(service.sla(.firstResponse, of: t2, at: now)?.minutes == 600)
        #expect(service.sla(.resolution, of: t2, at: now)?.outcome == .running)
        // t-3: Thursday 14:00-18:00 = 240, not over 240 but over 80 % of it.
        let t3 = try #require(service.ticket("t-3"))
        #expect(service.sla(.firstResponse, of: t3, at: now)?.outcome == .atRisk)
        #expect(service.sla(.firstResponse, of: try #require(service.ticket("t-4")), at: now) == nil)

        let firstSummary = service.slaSummary(.firstResponse, at: now)
        #expect(firstSummary.met == 0 && firstSummary.breached == 2 && firstSummary.atRisk == ["t-3"] && firstSummary.metRate == 0)
        let resolutionSummary = service.slaSummary(.resolution, at: now)
        #expect(resolutionSummary.met == 1 && resolutionSummary.running == 2 && resolutionSummary.metRate == 1)
        #expect(service.slaSummary(.firstResponse, at: now, openedFrom: moment("2026-01-08T00:00:00Z")).breached == 1)
    }

    @Test func queueAndSatisfaction() async throws {
        let s = try ViewStore()
        try await s.views.addAll(mode: .inline)
        try await Self.history(s)
        let service = try await s.views.service()
        let queue = service.queue()
        #expect(queue.byStatus == [.resolved: 1, .new: 1, .open: 1])  // t-4 is closed
        #expect(queue.byPriority == [.high: 1, .normal: 2])
        #expect(queue.byAssignee == ["": 2, "ana": 1])
        #expect(service.csatAverage() == 11.0 / 3.0)
        #expect(service.csatSatisfiedPercent() == 200.0 / 3.0)
        #expect(service.nps() == 40)  // 3 promoters, 1 detractor of 5: 60 % - 20 %
        #expect(service.ces() == 3.5)
        #expect(service.nps(to: moment("2026-01-08T00:00:00Z")) == nil)
    }

    @Test func asOfAPastPositionEqualsAReplayCutThere() async throws {
        let s = try ViewStore()
        try await s.views.addAll()
        try await Self.history(s)
        let events = try await s.events()
        for cut in [2, 4, 6, 9, 12, events.count] {
            let past = try await s.views.service(asOf: .position(LogPosition(UInt64(cut))))
            try await replayCut(events, first: cut) { views in
                let replayed = try await views.service()
                #expect(replayed == past, "cut after \(cut) events")
            }
        }
    }
}
