public import EventSourcing

extension CRMStore {
    /// Merges customers into a survivor, in one atomic append: ``RecordsMerged`` on the survivor (followed by a
    /// ``CustomerDetailsChanged`` taking the chosen fields from the absorbed records, reason `cleansing`, and a
    /// ``LifecycleStageChanged`` to the furthest stage among them, trigger `system`) and ``RecordAbsorbed`` on each
    /// absorbed customer, naming the merge event. Absorbed customers accept no more
    /// commands (``CRMError/absorbed(_:survivorId:)``) until the merge is reverted; nothing is deleted. Contacts,
    /// opportunities and tickets keep their customer id, which an alias projection resolves to the survivor.
    /// - Parameter fieldChoices: which absorbed record each field's value is taken from (fields not listed keep the
    ///   survivor's value).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` (no absorbed ids, the survivor among them, a choice naming
    ///   another record or an unknown field), ``CRMError/notFound(_:)``, ``CRMError/absorbed(_:survivorId:)``,
    ///   ``CRMError/erased(_:)``.
    @discardableResult
    public func mergeCustomers(
        survivorId: String, absorbedIds: [String], fieldChoices: [FieldChoice] = [], reason: String,
        context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let absorbedIds = try Validate.identifiers(absorbedIds, field: "customers to merge")
        guard !absorbedIds.contains(survivorId) else {
            throw .invalidInput(field: "customers to merge", reason: "\(survivorId) cannot be merged into itself")
        }
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        for choice in fieldChoices {
            guard CustomerRegistered.changeableFields.contains(choice.field) else {
                throw .invalidInput(field: "field choice", reason: "'\(choice.field)' is not a field that can be merged")
            }
            guard absorbedIds.contains(choice.sourceRecordId) || choice.sourceRecordId == survivorId else {
                throw .invalidInput(field: "field choice", reason: "\(choice.sourceRecordId) is not part of this merge")
            }
        }
        return try await execute("mergeCustomers", context) { () throws(CRMError) in
            let survivor = try await writable(CustomerState.self, survivorId)
            var absorbed: [CustomerState] = []
            for id in absorbedIds { absorbed.append(try await writable(CustomerState.self, id)) }
            let merged = PendingEvent(
                RecordsMerged(
                    entityKind: .customer, survivorId: survivorId, absorbedIds: absorbedIds, fieldChoices: fieldChoices,
                    reason: reason))
            var survivorEvents = [merged]
            let changes = fieldChoices.compactMap { choice -> FieldChange? in
                let source = absorbed.first { $0.id == choice.sourceRecordId }
                let old = survivor.profile?.value(of: choice.field)
                let new = source?.profile?.value(of: choice.field)
                return source == nil || old == new ? nil : FieldChange(field: choice.field, old: old, new: new)
            }
            survivorEvents += Self.cleansing(survivorId, changes, causedBy: merged.id)
            if let furthest = try await furthestStage(of: survivor, absorbed, mergeEventID: merged.id) {
                survivorEvents.append(furthest)
            }
            var writes = [try write(survivor, survivorEvents)]
            for customer in absorbed {
                let marker = RecordAbsorbed(
                    entityKind: .customer, absorbedId: customer.id, survivorId: survivorId, mergeEventId: merged.id)
                writes.append(try write(customer, [PendingEvent(marker, causationID: merged.id)]))
            }
            return writes
        }
    }

    /// Reverts a merge, in one atomic append: ``MergeReverted`` on the survivor and on each absorbed customer
    /// (which accept commands again), a ``CustomerDetailsChanged`` that puts back the survivor's fields the
    /// merge changed (those still holding the merged value) and a move back from the stage the merge gave.
    /// - Throws: ``CRMError/notFound(_:)`` when the survivor has no such merge, ``CRMError/invalidTransition(_:state:action:)``
    ///   when it was reverted already.
    @discardableResult
    public func revertMerge(survivorId: String, mergeEventId: EventID, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("revertMerge", context) { () throws(CRMError) in
            let survivor = try await writable(CustomerState.self, survivorId)
            guard let absorbedIds = survivor.traits.activeMerges[mergeEventId] else {
                if survivor.traits.revertedMerges.contains(mergeEventId) {
                    throw .invalidTransition(survivor.ref, state: "no longer merged by \(mergeEventId)", action: "revert it again")
                }
                throw .notFound(EntityRef(kind: .customer, id: "merge \(mergeEventId) into \(survivorId)"))
            }
            let reverted = PendingEvent(
                MergeReverted(
                    entityKind: .customer, mergeEventId: mergeEventId, survivorId: survivorId, restoredIds: absorbedIds,
                    reason: reason))
            var survivorEvents = [reverted]
            let effects = try await mergeEffects(survivorId, mergeEventId)
            let undo = effects.changes.compactMap { change -> FieldChange? in
                survivor.profile?.value(of: change.field) == change.new
                    ? FieldChange(field: change.field, old: change.new, new: change.old) : nil
            }
            survivorEvents += Self.cleansing(survivorId, undo, causedBy: reverted.id)
            if let promoted = effects.promotion, survivor.lifecycleStage == promoted.toStage {
                var back = promoted
                (back.fromStage, back.toStage, back.direction) = (promoted.toStage, promoted.fromStage, .backward)
                (back.triggeringEventId, back.reason) = (reverted.id, "Merge reverted")
                survivorEvents.append(PendingEvent(back, causationID: reverted.id))
            }
            var writes = [try write(survivor, survivorEvents)]
            for id in absorbedIds {
                let customer = try await existing(CustomerState.self, id)
                guard customer.traits.absorbingMergeEventID == mergeEventId else {
                    throw .invalidTransition(customer.ref, state: "not absorbed by this merge", action: "be restored")
                }
                let marker = MergeReverted(
                    entityKind: .customer, mergeEventId: mergeEventId, survivorId: survivorId, restoredIds: [id],
                    reason: reason)
                writes.append(try write(customer, [PendingEvent(marker, causationID: reverted.id)]))
            }
            return writes
        }
    }

    /// The survivor's promotion to the furthest lifecycle stage among the merged customers (a survivor that was a
    /// prospect becomes a customer when it absorbs one), with trigger `system`.
    private func furthestStage(of survivor: CustomerState, _ absorbed: [CustomerState], mergeEventID: EventID)
        async throws(CRMError) -> PendingEvent?
    {
        let policy = try await lifecyclePolicy()
        guard let definition = policy.definition else { return nil }
        let current = policy.rank(of: survivor.lifecycleStage) ?? -1
        guard let best = absorbed.max(by: { (policy.rank(of: $0.lifecycleStage) ?? -1) < (policy.rank(of: $1.lifecycleStage) ?? -1) }),
            (policy.rank(of: best.lifecycleStage) ?? -1) > current
        else { return nil }
        let changed = LifecycleStageChanged(
            customerId: survivor.id, fromStage: survivor.lifecycleStage, toStage: best.lifecycleStage, direction: .forward,
            trigger: .system, triggeringEventId: mergeEventID, policyId: definition.policyId,
            policyVersion: definition.version, reason: "Merged with \(best.id)")
        return PendingEvent(changed, causationID: mergeEventID)
    }

    /// A ``CustomerDetailsChanged`` (reason `cleansing`) caused by a merge or its revert; none without changes.
    private static func cleansing(_ customerId: String, _ changes: [FieldChange], causedBy cause: EventID) -> [PendingEvent] {
        guard !changes.isEmpty else { return [] }
        return [
            PendingEvent(CustomerDetailsChanged(customerId: customerId, changes: changes, reason: .cleansing), causationID: cause)
        ]
    }

    /// What a merge changed on the survivor: its detail changes and its lifecycle promotion (the events it caused).
    private func mergeEffects(_ survivorId: String, _ mergeEventId: EventID) async throws(CRMError)
        -> (changes: [FieldChange], promotion: LifecycleStageChanged?)
    {
        var changes: [FieldChange] = []
        var promotion: LifecycleStageChanged?
        try await fold(try Self.stream(CustomerState.category, survivorId)) { (event) throws(EventStoreError) in
            guard event.causationID == mergeEventId else { return }
            switch event.type {
            case CustomerDetailsChanged.eventType: changes += try event.decode(CustomerDetailsChanged.self).changes
            case LifecycleStageChanged.eventType: promotion = try event.decode(LifecycleStageChanged.self)
            default: break
            }
        }
        return (changes, promotion)
    }

    /// Records that records suspected to be duplicates are not (``DuplicateDismissed``, on the first record's
    /// stream); duplicate detection stops proposing them for each other.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for fewer than two ids, ``CRMError/notFound(_:)``.
    @discardableResult
    public func dismissDuplicate(_ kind: EntityKind, recordIds: [String], note: String? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let ids = try Validate.identifiers(recordIds, field: "records")
        guard ids.count >= 2 else { throw .invalidInput(field: "records", reason: "name at least two records") }
        let note = try Validate.optionalText(note, field: "note", limit: Validate.textLimit)
        return try await execute("dismissDuplicate", context) { () throws(CRMError) in
            for id in ids.dropFirst() { try await requireExists(EntityRef(kind: kind, id: id)) }
            let (stream, version) = try await version(of: EntityRef(kind: kind, id: ids[0]))
            guard version > 0 else { throw .notFound(EntityRef(kind: kind, id: ids[0])) }
            let event = DuplicateDismissed(entityKind: kind, recordIds: ids, note: note)
            return [PendingWrite(stream, at: version, [PendingEvent(event)])]
        }
    }
}
