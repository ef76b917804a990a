public import EventSourcing
import Foundation

extension CRMStore {
    /// A common pipeline: qualification (10 %), needs analysis (30 %), proposal (60 %), negotiation (80 %),
    /// closed won (100 %), closed lost (0 %).
    public static let standardStages: [PipelineStage] = [
        PipelineStage(stageId: "qualification", name: "Qualification", order: 1, defaultProbability: 10, category: .open,
            forecastCategory: .pipeline),
        PipelineStage(stageId: "needs-analysis", name: "Needs analysis", order: 2, defaultProbability: 30,
            category: .open, forecastCategory: .pipeline),
        PipelineStage(stageId: "proposal", name: "Proposal", order: 3, defaultProbability: 60, category: .open,
            forecastCategory: .bestCase),
        PipelineStage(stageId: "negotiation", name: "Negotiation", order: 4, defaultProbability: 80, category: .open,
            forecastCategory: .commit),
        PipelineStage(stageId: "won", name: "Closed won", order: 5, defaultProbability: 100, category: .won,
            forecastCategory: .closed),
        PipelineStage(stageId: "lost", name: "Closed lost", order: 6, defaultProbability: 0, category: .lost,
            forecastCategory: .omitted),
    ]

    /// Defines a pipeline (``PipelineDefined``) or, when it exists, revises it (``PipelineRevised``) as the next
    /// version. Opportunities keep the stage snapshots they recorded.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for stages without an open, won and lost stage,
    ///   duplicate ids or orders, or probabilities outside 0 to 100.
    @discardableResult
    public func definePipeline(id: String, name: String, stages: [PipelineStage], context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let id = try Validate.identifier(id, field: "pipeline id")
        let name = try Validate.text(name, field: "pipeline name")
        try PipelineDefinition.validate(stages)
        return try await execute("definePipeline", context) { () throws(CRMError) in
            let current = try await state(PipelineDefinition.self, id: id)
            let version = current.definitionVersion + 1
            let event: any Event =
                current.exists
                ? PipelineRevised(pipelineId: id, version: version, name: name, stages: stages)
                : PipelineDefined(pipelineId: id, version: version, name: name, stages: stages)
            return try write(current, event)
        }
    }

    /// Defines or revises the lifecycle policy (``LifecyclePolicyDefined``); its version is the next one.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for empty or repeated stages, an initial stage or a rule
    ///   target that is not a stage.
    @discardableResult
    public func defineLifecyclePolicy(
        id: String = "standard", stages: [String], initialStage: String, backwardMoves: BackwardMovePolicy,
        rules: [LifecycleRule], context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "policy id")
        guard !stages.isEmpty, Set(stages).count == stages.count else {
            throw .invalidInput(field: "lifecycle stages", reason: "give at least one stage, each once")
        }
        for stage in stages { _ = try Validate.identifier(stage, field: "lifecycle stage") }
        for stage in [initialStage] + rules.map(\.toStage) where !stages.contains(stage) {
            throw .unknownLifecycleStage(stage, known: stages)
        }
        return try await execute("defineLifecyclePolicy", context) { () throws(CRMError) in
            let current = try await lifecyclePolicy()
            let event = LifecyclePolicyDefined(
                policyId: id, version: (current.definition?.version ?? 0) + 1, stages: stages, initialStage: initialStage,
                backwardMoves: backwardMoves, rules: rules)
            return [PendingWrite(try ConfigurationStream.lifecycle.name(), at: current.version, [PendingEvent(event)])]
        }
    }

    /// Defines or revises the lost reasons (``LostReasonsDefined``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for an empty list or repeated codes.
    @discardableResult
    public func defineLostReasons(_ reasons: [LostReason], context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        guard !reasons.isEmpty, Set(reasons.map(\.code)).count == reasons.count else {
            throw .invalidInput(field: "lost reasons", reason: "give at least one reason, each code once")
        }
        for reason in reasons {
            _ = try Validate.identifier(reason.code, field: "lost reason code")
            _ = try Validate.text(reason.label, field: "lost reason label")
        }
        return try await execute("defineLostReasons", context) { () throws(CRMError) in
            let current = try await lostReasons()
            let event = LostReasonsDefined(version: current.listVersion + 1, reasons: reasons)
            return [PendingWrite(try ConfigurationStream.lostReasons.name(), at: current.version, [PendingEvent(event)])]
        }
    }

    /// Defines or revises an SLA policy (``SLAPolicyDefined``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for missing targets, non-positive minutes, a first
    ///   response due after the resolution, or closed/resolved statuses listed as pausing.
    @discardableResult
    public func defineSLAPolicy(
        id: String, name: String, targets: [SLATarget], calendarId: String, pausedStatuses: [TicketStatus],
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "SLA policy id")
        let name = try Validate.text(name, field: "SLA policy name")
        let calendarId = try Validate.identifier(calendarId, field: "calendar id")
        guard !targets.isEmpty, Set(targets.map(\.priority)).count == targets.count else {
            throw .invalidInput(field: "SLA targets", reason: "give one target per priority")
        }
        for target in targets where target.firstResponseMinutes <= 0 || target.resolutionMinutes < target.firstResponseMinutes {
            throw .invalidInput(
                field: "SLA target for \(target.priority.rawValue)",
                reason: "minutes must be positive and the resolution due no earlier than the first response")
        }
        guard !pausedStatuses.contains(where: { $0 == .resolved || $0 == .closed || $0 == .new }) else {
            throw .invalidInput(field: "paused statuses", reason: "only open statuses (waiting, on hold) can pause the clock")
        }
        return try await execute("defineSLAPolicy", context) { () throws(CRMError) in
            let current = try await state(SLAPolicy.self, id: id)
            let event = SLAPolicyDefined(
                policyId: id, version: (current.definition?.version ?? 0) + 1, name: name, targets: targets,
                calendarId: calendarId, pausedStatuses: pausedStatuses)
            return try write(current, event)
        }
    }

    /// Defines a business calendar (``BusinessCalendarDefined``) in stream `calendar-<id>`.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for an unknown time zone or hours outside the day.
    @discardableResult
    public func defineBusinessCalendar(
        id: String, timeZone: String, workingHours: [WorkingHours], holidays: [LocalDate], context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "calendar id")
        guard TimeZone(identifier: timeZone) != nil else {
            throw .invalidInput(field: "time zone", reason: "'\(timeZone)' is not an IANA time zone like Europe/Helsinki")
        }
        for hours in workingHours where !(0..<hours.endMinute).contains(hours.startMinute) || hours.endMinute > 1440 {
            throw .invalidInput(field: "working hours of \(hours.weekday.rawValue)", reason: "start before end, within 0 to 1440")
        }
        return try await execute("defineBusinessCalendar", context) { () throws(CRMError) in
            let stream = try Self.stream("calendar", id)
            let version = try await self.version(of: stream)
            let event = BusinessCalendarDefined(
                calendarId: id, version: Int(version) + 1, timeZone: timeZone, workingHours: workingHours,
                holidays: holidays)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }

    /// Defines a custom field for a kind of record (``CustomFieldDefined``).
    /// - Throws: ``CRMError/alreadyExists(_:)``-like ``CRMError/invalidInput(field:reason:)`` when the key is
    ///   in use, or a choice field without options.
    @discardableResult
    public func defineCustomField(
        for kind: EntityKind, key: String, label: String, dataType: CustomFieldType, options: [String] = [],
        isPII: Bool = false, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let key = try Validate.identifier(key, field: "custom field key")
        let label = try Validate.text(label, field: "custom field label")
        guard dataType != .choice || !options.isEmpty else {
            throw .invalidInput(field: "custom field options", reason: "a choice field needs at least one option")
        }
        return try await execute("defineCustomField", context) { () throws(CRMError) in
            let current = try await customFields()
            guard current.fields[kind]?[key] == nil else {
                throw .invalidInput(field: "custom field key", reason: "\(kind.rawValue)s already have a field '\(key)'")
            }
            let event = CustomFieldDefined(
                entityKind: kind, fieldKey: key, label: label, dataType: dataType, options: options, isPII: isPII)
            return [PendingWrite(try ConfigurationStream.customFields.name(), at: current.version, [PendingEvent(event)])]
        }
    }

    /// Defines or revises a segment (``SegmentDefined`` / ``SegmentRevised``) in stream `segment-<id>`.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``.
    @discardableResult
    public func defineSegment(id: String, name: String, ruleSpec: String, context: CommandContext) async throws(CRMError)
        -> [RecordedEvent]
    {
        let id = try Validate.identifier(id, field: "segment id")
        let name = try Validate.text(name, field: "segment name")
        let ruleSpec = try Validate.text(ruleSpec, field: "segment rule", limit: Validate.textLimit)
        return try await execute("defineSegment", context) { () throws(CRMError) in
            let stream = try Self.stream("segment", id)
            let version = try await self.version(of: stream)
            let next = Int(version) + 1
            let event: any Event =
                version == 0
                ? SegmentDefined(segmentId: id, version: next, name: name, ruleSpec: ruleSpec)
                : SegmentRevised(segmentId: id, version: next, name: name, ruleSpec: ruleSpec)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }
}
