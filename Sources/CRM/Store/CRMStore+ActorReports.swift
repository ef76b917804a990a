public import EventSourcing
public import Foundation

extension CRMStore {
    // MARK: - Reports as an actor

    /// The service view (``CRMViews/service(asOf:)``) as `actor` may see it: the tickets the policy lets the actor
    /// read (by their assignee, customer and contact, as they stand) and the satisfaction answers of the surveys
    /// the actor may read, so every figure of the snapshot (queue, SLA summaries and at-risk tickets, CSAT, NPS,
    /// CES) counts only those. The business calendars are configuration and stay whole; the view holds no personal
    /// data. The plain view when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read service`) when the actor is not an
    ///   active user, the errors of ``CRMViews/service(asOf:)``.
    public func service(as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> ServiceSnapshot {
        let snapshot = try await views.service(asOf: point)
        guard options.accessControl == .registeredUsers else { return snapshot }
        let reader = try await activeActor(actor, "read service")
        var teams: [String: String?] = [:]
        let tickets = try await readable(snapshot.tickets, TicketState.category, \.id, reader, &teams)
        // An answer carries no survey: the readable surveys name their submissions.
        var submissions: Set<String> = []
        let surveys: [StreamName]
        do { surveys = try await store.streams(inCategory: SurveyState.category) } catch { throw .store(error) }
        for stream in surveys {
            let id = String(stream.rawValue.dropFirst(SurveyState.category.count + 1))
            let survey = try await state(SurveyState.self, id: id)
            let target = try await accessTarget(
                SurveyState.category, id, scope: survey.scope, depth: Self.scopeDepth, teams: &teams)
            if options.accessPolicy.decide(query: target, actor: reader) == .allow {
                submissions.formUnion(survey.submissions.map(\.submissionId))
            }
        }
        let answers = snapshot.answers.filter { submissions.contains($0.submissionId) }
        return ServiceSnapshot(tickets: tickets, answers: answers, calendars: snapshot.calendars)
    }

    /// The value and retention view (``CRMViews/value(asOf:)``) as `actor` may see it: the customers the policy
    /// lets the actor read (by their owner, as they stand), so every figure (RFM scores, which rank the customers
    /// shown among themselves, repeat-purchase rate, churn risk, win-back) counts only those. The view holds no
    /// personal data. The plain view when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read value`) when the actor is not an
    ///   active user, the errors of ``CRMViews/value(asOf:)``.
    public func value(as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> ValueSnapshot {
        let snapshot = try await views.value(asOf: point)
        guard options.accessControl == .registeredUsers else { return snapshot }
        let reader = try await activeActor(actor, "read value")
        var teams: [String: String?] = [:]
        return ValueSnapshot(customers: try await readable(snapshot.customers, CustomerState.category, \.customerId, reader, &teams))
    }

    /// The lifecycle view (``CRMViews/lifecycle(asOf:)``) as `actor` may see it: the customers the policy lets the
    /// actor read (by their owner, as they stand), so every figure (counts by stage, moves, time in stage, new
    /// customers) counts only those. The view holds no personal data (reasons are free text about the move, not
    /// 🔒 fields). The plain view when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read lifecycle`) when the actor is not
    ///   an active user, the errors of ``CRMViews/lifecycle(asOf:)``.
    public func lifecycle(as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> LifecycleSnapshot {
        let snapshot = try await views.lifecycle(asOf: point)
        guard options.accessControl == .registeredUsers else { return snapshot }
        let reader = try await activeActor(actor, "read lifecycle")
        var teams: [String: String?] = [:]
        return LifecycleSnapshot(
            customers: try await readable(snapshot.customers, CustomerState.category, \.customerId, reader, &teams))
    }

    /// The campaigns view (``CRMViews/campaigns(asOf:)``) as `actor` may see it. Campaigns have no scope: each is
    /// decided by the policy from the actor's roles alone (``AccessPolicy/decide(query:actor:)`` with the target
    /// `campaign <id>`; the default policy allows every active user). A campaign refused is left out with its
    /// touches and its credit as a deal's primary campaign, so the attributions credit only the campaigns shown.
    /// The view names people by record id only (`lead:<id>`, `contact:<id>`, `customer:<id>`) and holds no
    /// personal field, so a reader who may not see personal data gets the same figures. The plain view when
    /// access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read campaign`) when the actor is not
    ///   an active user, the errors of ``CRMViews/campaigns(asOf:)``.
    public func campaigns(as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> CampaignSnapshot {
        var snapshot = try await views.campaigns(asOf: point)
        guard options.accessControl == .registeredUsers else { return snapshot }
        let reader = try await activeActor(actor, "read campaign")
        let refused = Set(snapshot.campaigns.keys.filter { id in
            options.accessPolicy.decide(query: AccessTarget(category: EntityKind.campaign.rawValue, id: id), actor: reader) != .allow
        })
        guard !refused.isEmpty else { return snapshot }
        for id in refused { snapshot.campaigns[id] = nil }
        snapshot.touches = snapshot.touches.mapValues { $0.filter { !refused.contains($0.campaignId) } }.filter { !$0.value.isEmpty }
        for (id, deal) in snapshot.deals {
            if let primary = deal.primaryCampaignId, refused.contains(primary) { snapshot.deals[id]?.primaryCampaignId = nil }
        }
        return snapshot
    }

    /// What `subject` did (``CRMViews/activity(of:from:through:in:asOf:)``) as `actor` may see it: only when the
    /// policy lets the actor read that user's activity (``AccessPolicy/decide(activityOf:actor:)``: the default
    /// allows administrators, auditors and the user themself); entries about records the actor may not read (as
    /// they stand now) are left out, the others as the policy decides their stream; the values of personal fields
    /// read ``PersonalDataPolicy/redactedText`` unless the actor may see personal data, as in
    /// ``timeline(of:as:asOf:)``. The plain activity when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read activity`), the errors of
    ///   ``CRMViews/activity(of:from:through:in:asOf:)``.
    public func activity(
        of subject: String, from first: LocalDate, through last: LocalDate, in timeZone: TimeZone, as actor: String,
        asOf point: AsOf? = nil
    ) async throws(CRMError) -> [TimelineEntry] {
        guard options.accessControl == .registeredUsers else {
            return try await views.activity(of: subject, from: first, through: last, in: timeZone, asOf: point)
        }
        let query = "read activity"
        let reader = try await activeActor(actor, query)
        let policy = options.accessPolicy
        if case .deny(let reason) = policy.decide(activityOf: subject, actor: reader) {
            throw .notAuthorized(actor: reader.id, command: query, reason: reason)
        }
        let entries = try await views.activity(of: subject, from: first, through: last, in: timeZone, asOf: point)
        let scoped = Self.scopedCategories
        var readable: [String: Bool] = [:]
        var teams: [String: String?] = [:]
        var visible: [TimelineEntry] = []
        for entry in entries {
            if readable[entry.stream] == nil {
                let category = String(entry.stream.prefix { $0 != "-" })
                let id = String(entry.stream.dropFirst(category.count + 1))
                readable[entry.stream] = scoped.contains(category)
                    ? try await mayRead(category, id, reader, &teams)
                    : policy.decide(query: AccessTarget(category: category, id: id), actor: reader) == .allow
            }
            if readable[entry.stream] == true { visible.append(entry) }
        }
        return policy.mayReadPersonalData(reader) ? visible : Self.redactingPersonalValues(visible)
    }

    /// The record categories decided by their scope: every ``EntityKind`` but users and campaigns.
    static let scopedCategories = Set(EntityKind.allCases.map(\.rawValue))
        .subtracting([EntityKind.user.rawValue, EntityKind.campaign.rawValue])

    /// The `items` whose record `<category>-<id>` the policy lets `reader` read, in order.
    private func readable<Item>(
        _ items: [Item], _ category: String, _ id: KeyPath<Item, String>, _ reader: AccessActor,
        _ teams: inout [String: String?]
    ) async throws(CRMError) -> [Item] {
        var kept: [Item] = []
        for item in items where try await mayRead(category, item[keyPath: id], reader, &teams) { kept.append(item) }
        return kept
    }

    /// Whether the policy lets `reader` read the existing record `<category>-<id>`.
    private func mayRead(_ category: String, _ id: String, _ reader: AccessActor, _ teams: inout [String: String?])
        async throws(CRMError) -> Bool
    {
        let target = try await accessTarget(category, id, teams: &teams)
        return options.accessPolicy.decide(query: target, actor: reader) == .allow
    }
}
