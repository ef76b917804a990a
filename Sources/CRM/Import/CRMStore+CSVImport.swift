public import EventSourcing

/// What a CSV import wrote.
public struct CSVImportSummary: Sendable, Hashable {
    /// The batch's identifier (its provenance is the stream `import-<batchId>`).
    public var batchId: String
    /// The records of the file (rows after the header).
    public var rows: Int
    /// The customers registered.
    public var customersRegistered: Int
    /// The contacts added.
    public var contactsAdded: Int
    /// The log position of the last event written.
    public var position: LogPosition
    /// Registered or added records that may duplicate existing ones (the import went ahead; merge them if they are).
    public var possibleDuplicates: [EntityRef: [DuplicateCandidate]]
}

extension CRMStore {
    /// Imports customers and contacts from a CSV table, whole or not at all.
    ///
    /// Every row is validated by the same rules as ``registerCustomer(id:kind:name:email:phone:website:industry:sizeBand:address:background:interests:source:campaignId:ownerId:onDuplicate:context:)``
    /// and ``addContact(id:customerId:name:title:emails:phones:role:context:)`` (identifiers, names, e-mail
    /// addresses, phones; a customer to register must not exist, a contact must not exist, a customer a contact
    /// joins must exist and accept changes) before anything is written. When any row breaks a rule the import
    /// throws ``CSVImportError/invalidRows(_:total:)`` listing them, and writes nothing. Otherwise one atomic append
    /// writes ``ImportBatchApplied`` (stream `import-<batchId>`, which must be new, so the same batch cannot be
    /// imported twice) and every ``CustomerRegistered`` and ``ContactAdded``, each caused by the batch event.
    ///
    /// With `customer.name` mapped, the rows register customers: rows repeating a customer id give the same
    /// customer (their customer fields must agree) and may each add a contact to it. Without it, `customer.id` names
    /// an existing customer that the row's contact joins.
    /// - Parameters:
    ///   - source: where the records came from (a file name), recorded in the batch event.
    ///   - progress: called as rows are validated, with the rows done and the total.
    /// - Throws: ``CSVImportError``.
    @discardableResult
    public func importCSV(
        _ table: CSVTable, mapping: CSVColumnMapping, batchId: String, source: String, context: CommandContext,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws(CSVImportError) -> CSVImportSummary {
        let (batch, origin): (String, String)
        do throws(CRMError) {
            (batch, origin) = (
                try Validate.identifier(batchId, field: "batch id"), try Validate.text(source, field: "source")
            )
            guard try await self.version(of: try Self.stream("import", batch)) == 0 else {
                throw .invalidInput(field: "batch id", reason: "batch \(batch) was imported already")
            }
        } catch { throw .crm(error) }
        let plan = try await planImport(table, mapping: mapping, progress: progress)
        let batchEvent = PendingEvent(
            ImportBatchApplied(
                batchId: batch, source: origin, recordCount: table.rows.count, mapping: mapping.description))
        let events: [RecordedEvent]
        do {
            events = try await execute("importCustomers", context) { () throws(CRMError) in
                let batchStream = try Self.stream("import", batch)
                guard try await self.version(of: batchStream) == 0 else {
                    throw .invalidInput(field: "batch id", reason: "batch \(batch) was imported already")
                }
                var writes = [PendingWrite(batchStream, at: 0, [batchEvent])]
                var refs: [EntityRef] = []
                for registered in plan.customers {
                    refs.append(EntityRef(kind: .customer, id: registered.customerId))
                    writes.append(
                        PendingWrite(
                            try Self.stream(CustomerState.category, registered.customerId), at: 0,
                            [PendingEvent(registered, causationID: batchEvent.id)]))
                }
                for added in plan.contacts {
                    refs.append(EntityRef(kind: .contact, id: added.contactId))
                    writes.append(
                        PendingWrite(
                            try Self.stream(ContactState.category, added.contactId), at: 0,
                            [PendingEvent(added, causationID: batchEvent.id)]))
                }
                // Every new record's stream must still be empty (one snapshot); the append expects exactly that, so
                // a record created meanwhile fails it and this check, run again, names the record.
                if let taken = try firstExisting(refs) { throw .alreadyExists(taken) }
                for customerId in plan.joined { _ = try await writable(CustomerState.self, customerId) }
                return writes
            }
        } catch { throw .crm(error) }
        var duplicates: [EntityRef: [DuplicateCandidate]] = [:]
        for (ref, candidates) in plan.duplicates where !candidates.isEmpty { duplicates[ref] = candidates }
        return CSVImportSummary(
            batchId: batch, rows: table.rows.count, customersRegistered: plan.customers.count,
            contactsAdded: plan.contacts.count, position: events.last?.position ?? .start, possibleDuplicates: duplicates)
    }

    /// The first of `refs` whose stream has events, read in one snapshot.
    private func firstExisting(_ refs: [EntityRef]) throws(CRMError) -> EntityRef? {
        do {
            return try store.read { snapshot in try refs.first { try snapshot.version(of: try $0.streamName()) > 0 } }
        } catch let error as CRMError {
            throw error
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .unreadableHistory(stream: "customer and contact streams", reason: "\(error)")
        }
    }

    /// The validated records of an import.
    private struct ImportPlan {
        var customers: [CustomerRegistered] = []
        var contacts: [ContactAdded] = []
        /// Existing customers that contacts join.
        var joined: Set<String> = []
        var duplicates: [(EntityRef, [DuplicateCandidate])] = []
    }

    private func planImport(
        _ table: CSVTable, mapping: CSVColumnMapping, progress: @Sendable (Int, Int) -> Void
    ) async throws(CSVImportError) -> ImportPlan {
        typealias Field = CSVColumnMapping.Field
        // A table made or changed by hand (its properties are public) may not have the shape parsing guarantees.
        guard table.lines.count == table.rows.count else {
            throw .malformed(line: 1, reason: "the table has \(table.rows.count) records but \(table.lines.count) line numbers")
        }
        for (index, row) in table.rows.enumerated() where row.count != table.header.count {
            throw .malformed(
                line: table.lines[index], reason: "the record has \(row.count) fields; the header has \(table.header.count)")
        }
        var columns: [Field: Int] = [:]
        var constants: [Field: String] = [:]
        for (field, source) in mapping.fields {
            switch source {
            case .column(let name):
                guard let index = table.header.firstIndex(of: name) else {
                    throw .mapping(
                        "\(field.rawValue) names the column \"\(name)\", which the file does not have (its columns: "
                            + table.header.joined(separator: ", ") + ")")
                }
                columns[field] = index
            case .constant(let value): constants[field] = value
            }
        }
        let mapped = Set(mapping.fields.keys)
        let customerFields = mapped.filter { $0.rawValue.hasPrefix("customer.") }
        let contactFields = mapped.filter { $0.rawValue.hasPrefix("contact.") }
        let registers = mapped.contains(.customerName)
        if !customerFields.isEmpty && !mapped.contains(.customerId) {
            throw .mapping("customer fields are mapped but customer.id is not")
        }
        if !contactFields.isEmpty && !(mapped.contains(.contactId) && mapped.contains(.contactName)) {
            throw .mapping("contact fields need both contact.id and contact.name")
        }
        if !registers && contactFields.isEmpty {
            throw .mapping("map customer.name to register customers, or contact.id and contact.name to add contacts")
        }
        if !registers, let extra = customerFields.subtracting([.customerId]).min() {
            throw .mapping("\(extra.rawValue) is mapped without customer.name; customers are registered only with a name")
        }

        var plan = ImportPlan()
        var problems: [CSVRowProblem] = []
        var customersInFile: [String: (line: Int, event: CustomerRegistered)] = [:]
        var contactsInFile: [String: Int] = [:]
        var existingCustomers: [String: Bool] = [:]  // id → exists and accepts changes (nil: not looked up)

        for (index, row) in table.rows.enumerated() {
            let line = table.lines[index]
            func value(_ field: Field) -> String? {
                let text = columns[field].map { row[$0] } ?? constants[field]
                guard let text = text?.trimmingSpaces, !text.isEmpty else { return nil }
                return text
            }
            func list(_ field: Field) -> [String] {
                (value(field) ?? "").split(separator: ";").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
            }
            defer { if index % 1_000 == 999 { progress(index + 1, table.rows.count) } }
            let customerId = value(.customerId)
            let contactId = value(.contactId)
            if customerId == nil && contactId == nil {
                problems.append(CSVRowProblem(line: line, reason: "the row has neither a customer id nor a contact id"))
                continue
            }
            var reasons: [String] = []
            do throws(CRMError) {
                if let customerId, registers {
                    let kindText = value(.customerKind) ?? CustomerKind.organization.rawValue
                    guard let kind = CustomerKind(rawValue: kindText) else {
                        throw .invalidInput(field: "customer kind", reason: "'\(kindText)' is not organization or person")
                    }
                    let sourceText = value(.customerSource) ?? AcquisitionChannel.partner.rawValue
                    guard let channel = AcquisitionChannel(rawValue: sourceText) else {
                        throw .invalidInput(
                            field: "customer source",
                            reason: "'\(sourceText)' is not one of "
                                + AcquisitionChannel.allCases.map(\.rawValue).joined(separator: ", "))
                    }
                    let registered = try await customerRegistration(
                        id: customerId, kind: kind, name: value(.customerName) ?? "", email: value(.customerEmail),
                        phone: value(.customerPhone), website: value(.customerWebsite),
                        industry: value(.customerIndustry), sizeBand: nil, address: nil,
                        background: value(.customerBackground), interests: [], source: channel, campaignId: nil,
                        ownerId: value(.customerOwner))
                    if let earlier = customersInFile[registered.customerId] {
                        guard earlier.event == registered else {
                            throw .invalidInput(
                                field: "customer \(registered.customerId)",
                                reason: "its fields differ from those on line \(earlier.line)")
                        }
                    } else {
                        let ref = EntityRef(kind: .customer, id: registered.customerId)
                        if try firstExisting([ref]) != nil { throw .alreadyExists(ref) }
                        customersInFile[registered.customerId] = (line, registered)
                        plan.customers.append(registered)
                        plan.duplicates.append(
                            (EntityRef(kind: .customer, id: registered.customerId), duplicateIndex.candidates(for: registered.probe)))
                    }
                } else if let customerId {
                    let id = try Validate.identifier(customerId, field: "customer id")
                    if existingCustomers[id] == nil {
                        let customer = try await state(CustomerState.self, id: id)
                        guard customer.exists else { throw .notFound(EntityRef(kind: .customer, id: id)) }
                        try customer.traits.checkWritable(customer.ref)
                        existingCustomers[id] = true
                        plan.joined.insert(id)
                    }
                }
            } catch {
                reasons.append("\(error)")
            }
            do throws(CRMError) {
                if let contactId {
                    let added = try Self.contactAdded(
                        id: contactId, customerId: customerId, name: value(.contactName) ?? "",
                        title: value(.contactTitle), emails: list(.contactEmail), phones: list(.contactPhone),
                        role: value(.contactRole))
                    if let earlier = contactsInFile[added.contactId] {
                        throw .invalidInput(field: "contact id", reason: "contact \(added.contactId) is on line \(earlier) too")
                    }
                    contactsInFile[added.contactId] = line
                    let ref = EntityRef(kind: .contact, id: added.contactId)
                    if try firstExisting([ref]) != nil { throw .alreadyExists(ref) }
                    plan.contacts.append(added)
                    plan.duplicates.append(
                        (EntityRef(kind: .contact, id: added.contactId),
                         duplicateIndex.candidates(for: DuplicateProbe(name: added.name, emails: added.emails, phones: added.phones))))
                }
            } catch {
                reasons.append("\(error)")
            }
            if !reasons.isEmpty { problems.append(CSVRowProblem(line: line, reason: reasons.joined(separator: "; "))) }
        }
        progress(table.rows.count, table.rows.count)
        if !problems.isEmpty { throw .invalidRows(Array(problems.prefix(20)), total: problems.count) }
        guard !plan.customers.isEmpty || !plan.contacts.isEmpty else {
            throw .invalidRows([CSVRowProblem(line: 1, reason: "the file has no records to import")], total: 1)
        }
        return plan
    }
}
