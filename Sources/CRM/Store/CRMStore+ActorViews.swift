public import EventSourcing

extension CRMStore {
    // MARK: - Views, history and exports as an actor

    /// The 360° view of customer `id` (``CRMViews/customer360(_:asOf:)``) as `actor` may see it: the plain view when
    /// access control is off; otherwise only when the policy lets the actor read the customer that stands, with
    /// the open opportunities the actor may not read left out, and the customer's and contacts' names, e-mail and
    /// phone shown as ``PersonalDataPolicy/redactedText`` unless the policy lets the actor see personal data. The
    /// customer's own figures (won count and total, lifetime revenue) stay whole: they are the customer's.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read customer`), the errors of
    ///   ``CRMViews/customer360(_:asOf:)``.
    public func customer360(_ id: String, as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> Customer360? {
        guard var found = try await views.customer360(id, asOf: point) else { return nil }
        guard options.accessControl == .registeredUsers else { return found }
        let query = "read customer"
        let reader = try await activeActor(actor, query)
        var teams: [String: String?] = [:]
        try await requireReadable(CustomerState.category, found.view.id, reader, query, &teams)
        var visible: [CustomerOpportunity] = []
        for deal in found.view.openOpportunities {
            let target = try await accessTarget(OpportunityState.category, deal.opportunityId, teams: &teams)
            if options.accessPolicy.decide(query: target, actor: reader) == .allow { visible.append(deal) }
        }
        found.view.openOpportunities = visible
        if !options.accessPolicy.mayReadPersonalData(reader) {
            found.view.name = Self.redacted(found.view.name)
            found.view.email = found.view.email.map(Self.redacted)
            found.view.phone = found.view.phone.map(Self.redacted)
            for index in found.view.contacts.indices {
                found.view.contacts[index].name = Self.redacted(found.view.contacts[index].name)
            }
        }
        return found
    }

    /// The identifiers of the records of `kind` that `actor` may read (``recordIDs(of:)`` filtered by the policy,
    /// each record decided as it stands), sorted by stream name; all of them when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read <kind>`) when the actor is not an
    ///   active user, ``CRMError/store(_:)``.
    public func recordIDs(of kind: EntityKind, as actor: String) async throws(CRMError) -> [String] {
        let ids = try await recordIDs(of: kind)
        guard options.accessControl == .registeredUsers else { return ids }
        let reader = try await activeActor(actor, "read \(kind.rawValue)")
        var teams: [String: String?] = [:]
        var visible: [String] = []
        for id in ids {
            let target = try await accessTarget(kind.rawValue, id, teams: &teams)
            if options.accessPolicy.decide(query: target, actor: reader) == .allow { visible.append(id) }
        }
        return visible
    }

    /// The pipeline (``CRMViews/pipeline(asOf:)``) as `actor` may see it: the deals and leads the policy lets the
    /// actor read (by their owner), so every figure of the snapshot (forecast, win rates, funnel) counts only
    /// those. The pipeline holds no personal data. The plain pipeline when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read pipeline`) when the actor is not
    ///   an active user, the errors of ``CRMViews/pipeline(asOf:)``.
    public func pipeline(as actor: String, asOf point: AsOf? = nil) async throws(CRMError) -> PipelineSnapshot {
        var snapshot = try await views.pipeline(asOf: point)
        guard options.accessControl == .registeredUsers else { return snapshot }
        let reader = try await activeActor(actor, "read pipeline")
        var teams: [String: String?] = [:]
        var deals: [PipelineDeal] = []
        for deal in snapshot.deals {
            // The view knows the owner: no need to fold the opportunity.
            let scope = RecordScope(ownerId: deal.ownerId)
            let target = try await accessTarget(OpportunityState.category, deal.id, scope: scope, depth: 0, teams: &teams)
            if options.accessPolicy.decide(query: target, actor: reader) == .allow { deals.append(deal) }
        }
        var leads: [PipelineLead] = []
        for lead in snapshot.leads {
            let target = try await accessTarget(LeadState.category, lead.id, teams: &teams)
            if options.accessPolicy.decide(query: target, actor: reader) == .allow { leads.append(lead) }
        }
        (snapshot.deals, snapshot.leads) = (deals, leads)
        return snapshot
    }

    /// The timeline of `record` (``CRMViews/timeline(of:asOf:)``) as `actor` may see it: only when the policy lets
    /// the actor read the record (as it stands now), with the values of personal fields (details changes,
    /// custom fields) shown as ``PersonalDataPolicy/redactedText`` unless the actor may see personal data.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read <kind>`), the errors of
    ///   ``CRMViews/timeline(of:asOf:)``.
    public func timeline(of record: EntityRef, as actor: String, asOf point: AsOf? = nil) async throws(CRMError)
        -> [TimelineEntry]
    {
        let entries = try await views.timeline(of: record, asOf: point)
        guard let reader = try await reader(of: record, actor),
            !options.accessPolicy.mayReadPersonalData(reader)
        else { return entries }
        return Self.redactingPersonalValues(entries)
    }

    /// `entries` with the values of those whose event type has personal fields (details changes, custom fields)
    /// shown as ``PersonalDataPolicy/redactedText``.
    static func redactingPersonalValues(_ entries: [TimelineEntry]) -> [TimelineEntry] {
        var entries = entries
        for index in entries.indices where personalData.rule(for: entries[index].type) != nil {
            for change in entries[index].changes.indices {
                entries[index].changes[change].old = entries[index].changes[change].old.map(redacted)
                entries[index].changes[change].new = entries[index].changes[change].new.map(redacted)
            }
        }
        return entries
    }

    /// The events of `record` (``history(of:)``) as `actor` may see them: only when the policy lets the actor read
    /// the record, with every text of their personal fields shown as ``PersonalDataPolicy/redactedText`` unless
    /// the actor may see personal data.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read <kind>`), the errors of
    ///   ``history(of:)``.
    public func history(of record: EntityRef, as actor: String) async throws(CRMError) -> [RecordedEvent] {
        let events = try await history(of: record)
        guard let reader = try await reader(of: record, actor),
            !options.accessPolicy.mayReadPersonalData(reader)
        else { return events }
        do { return try events.map { (event) throws(EventStoreError) in try Self.personalData.redacting(event) } } catch {
            throw .store(error)
        }
    }

    /// Writes the events after `position` that `actor` may read as JSON Lines (``EventStore/exportJSONLines(after:codecs:progress:_:)``),
    /// in log order: the events of every record stream the policy lets the actor read (decided per stream, as the
    /// record stands when the export starts) and of the streams that are no record (configuration, users,
    /// erasures), as the policy decides them. Personal fields are written sealed, as in every export; for an
    /// actor who may not see personal data they are written as ``PersonalDataPolicy/redactedText`` instead, so
    /// the extract holds not even the ciphertext.
    ///
    /// It is an extract for reading, not a backup: positions have gaps and a redacted line's data no longer matches
    /// its chain hash, so ``EventStore/importJSONLines(_:mode:batchSize:codecs:progress:)`` refuses it. Without
    /// access control it is the whole export.
    /// - Returns: how many events were written.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `recordExport`) when the actor is not an
    ///   active user, ``CRMError/store(_:)``, ``CRMError/invalidInput(field:reason:)`` with what `write` threw.
    @discardableResult
    public func exportJSONLines(
        as actor: String, after position: LogPosition = .start, _ write: (String) throws -> Void
    ) async throws(CRMError) -> Int {
        guard options.accessControl == .registeredUsers else { return try export(after: position, { $0 }, write) }
        let reader = try await activeActor(actor, "recordExport")
        let policy = options.accessPolicy
        var readable: [String: Bool] = [:]
        var teams: [String: String?] = [:]
        let scoped = Self.scopedCategories
        for kind in EntityKind.allCases where scoped.contains(kind.rawValue) {
            let streams: [StreamName]
            do { streams = try await store.streams(inCategory: kind.rawValue) } catch { throw .store(error) }
            for stream in streams {
                let id = String(stream.rawValue.dropFirst(kind.rawValue.count + 1))
                let target = try await accessTarget(kind.rawValue, id, teams: &teams)
                readable[stream.rawValue] = policy.decide(query: target, actor: reader) == .allow
            }
        }
        let redact = !policy.mayReadPersonalData(reader)
        return try export(after: position, { event in
            let category = event.stream.category
            let id = String(event.stream.rawValue.dropFirst(category.count + 1))
            // A record stream created after the decisions above is left out.
            let allowed = scoped.contains(category)
                ? readable[event.stream.rawValue] ?? false
                : policy.decide(query: AccessTarget(category: category, id: id), actor: reader) == .allow
            guard allowed else { return nil }
            return redact ? try Self.personalData.redacting(event) : event
        }, write)
    }

    /// ``EventStore/exportJSONLines(after:codecs:selecting:progress:_:)`` with the CRM's errors.
    private func export(
        after position: LogPosition, _ select: (RecordedEvent) throws -> RecordedEvent?, _ write: (String) throws -> Void
    ) throws(CRMError) -> Int {
        do { return try store.exportJSONLines(after: position, selecting: select, write) } catch let error as EventStoreError {
            throw .store(error)
        } catch let error as CRMError {
            throw error
        } catch {
            throw .invalidInput(field: "export", reason: "the export could not be written: \(error)")
        }
    }

    /// `actor` as the policy sees them when they may read `record`; `nil` when access control is off.
    /// - Throws: ``CRMError/notAuthorized(actor:command:reason:)`` (command `read <kind>`) otherwise.
    private func reader(of record: EntityRef, _ actor: String) async throws(CRMError) -> AccessActor? {
        guard options.accessControl == .registeredUsers else { return nil }
        let query = "read \(record.kind.rawValue)"
        let reader = try await activeActor(actor, query)
        var teams: [String: String?] = [:]
        try await requireReadable(record.kind.rawValue, record.id, reader, query, &teams)
        return reader
    }

    /// Throws unless the policy lets `reader` read the record `<category>-<id>`.
    private func requireReadable(
        _ category: String, _ id: String, _ reader: AccessActor, _ query: String, _ teams: inout [String: String?]
    ) async throws(CRMError) {
        let target = try await accessTarget(category, id, teams: &teams)
        if case .deny(let reason) = options.accessPolicy.decide(query: target, actor: reader) {
            throw .notAuthorized(actor: reader.id, command: query, reason: reason)
        }
    }

    /// `text` redacted, unless it was erased (an erasure is no personal data and stays visible).
    static func redacted(_ text: String) -> String {
        text == PersonalDataPolicy.erasedText ? text : PersonalDataPolicy.redactedText
    }
}
