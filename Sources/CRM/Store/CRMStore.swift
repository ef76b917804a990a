public import EventSourcing
import Foundation

/// The CRM: open it at a path, issue commands, read the records' states.
///
/// Every command reads the streams it touches, folds them into their current state, checks its rules and
/// appends its events to all of them in one atomic append that expects exactly the versions it read. A
/// rejected command throws a ``CRMError`` in words a salesperson understands and appends nothing. When another
/// writer changed one of the streams in between, the command is decided again from the new state, up to
/// ``CRMOptions/maximumAttempts`` times, then ``CRMError/concurrentModification(stream:attempts:)``.
///
/// ```swift
/// var configuration = EventStoreConfiguration()
/// configuration.masterKey = try MasterKey(contentsOfFile: "/run/secrets/rapport.key")
/// let crm = try CRMStore(path: "/var/lib/rapport", configuration: configuration)
/// let me = CommandContext(actor: "usr-7")
/// try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: me)
/// try await crm.registerCustomer(id: "cus-1", kind: .organization, name: "Initech Oy", source: .website, context: me)
/// try await crm.openOpportunity(id: "opp-1", customerId: "cus-1", name: "Payroll", pipelineId: "sales",
///     stageId: "qualification", amount: Money("48000", currency: "EUR"),
///     expectedCloseDate: LocalDate(year: 2026, month: 3, day: 31), context: me)
/// let deal = try await crm.opportunity("opp-1")
/// ```
///
/// Every event records the context's actor, its causation id (the command's id unless given) and correlation
/// id, and the command's name in the metadata key `command`. Payloads are stored in the binary format
/// (``BinaryPayloadCodec``) unless ``CRMOptions/payloadEncoding`` says JSON; exports show them as the JSON of
/// `Documentation/EventCatalogue.md` either way.
public actor CRMStore {
    /// The event store underneath.
    public nonisolated let store: EventStore
    /// The options.
    public nonisolated let options: CRMOptions
    private let ownsStore: Bool
    private let clock: @Sendable () -> Timestamp
    /// The duplicate index, kept up to date with this store's own appends.
    public private(set) var duplicateIndex: DuplicateIndex

    /// Opens (or creates) the CRM's event store at `path` and builds the duplicate index from it.
    ///
    /// Personal data is sealed under `configuration.masterKey`; without one, `options.personalData` must say
    /// ``PersonalDataStorage/inClear`` (see ``CRMOptions/personalData``).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` (field `personal data`) when the choice is missing or
    ///   contradicts the configuration, before anything is opened; ``CRMError/store(_:)`` when the store cannot be
    ///   opened or read.
    public init(
        path: String, configuration: EventStoreConfiguration = EventStoreConfiguration(), options: CRMOptions = CRMOptions()
    ) throws(CRMError) {
        try Self.checkPersonalData(configuration.masterKey != nil, sealed: true, readOnly: configuration.readOnly, options)
        let store: EventStore
        do { store = try EventStore(path: path, configuration: Self.sealing(configuration)) } catch { throw .store(error) }
        try self.init(store: store, options: options, ownsStore: true)
    }

    /// Uses an open event store (shared with projections or tools); ``close()`` leaves it open. A writable store
    /// must have been opened with a master key and ``sealing(_:)``, unless `options.personalData` says
    /// ``PersonalDataStorage/inClear``.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` (field `personal data`) when that does not hold,
    ///   ``CRMError/store(_:)`` when the store cannot be read.
    public init(store: EventStore, options: CRMOptions = CRMOptions()) throws(CRMError) {
        let configuration = store.configuration
        try Self.checkPersonalData(
            configuration.masterKey != nil, sealed: configuration.personalData.rule(for: CustomerRegistered.eventType) != nil,
            readOnly: configuration.readOnly, options)
        try self.init(store: store, options: options, ownsStore: false)
    }

    /// Checks the explicit choice of ``CRMOptions/personalData`` against the store's configuration.
    private static func checkPersonalData(_ hasKey: Bool, sealed: Bool, readOnly: Bool, _ options: CRMOptions)
        throws(CRMError)
    {
        guard !readOnly else { return }
        switch options.personalData {
        case .inClear?:
            guard !hasKey else {
                throw .invalidInput(
                    field: "personal data",
                    reason: "a master key is given but CRMOptions.personalData says in clear; drop one of them")
            }
        case .sealed?, nil:
            guard hasKey else {
                throw .invalidInput(
                    field: "personal data",
                    reason: "give EventStoreConfiguration.masterKey to seal personal data, or set CRMOptions.personalData = .inClear to store it in clear (development only)")
            }
            guard sealed else {
                throw .invalidInput(
                    field: "personal data",
                    reason: "the store was opened without the CRM's personal fields; open it with CRMStore.sealing(configuration)")
            }
        }
    }

    private init(store: EventStore, options: CRMOptions, ownsStore: Bool) throws(CRMError) {
        self.store = store
        self.options = options
        self.ownsStore = ownsStore
        self.clock = store.configuration.clock
        var index = DuplicateIndex(normalisation: options.normalisation, nameThreshold: options.nameSimilarityThreshold)
        do {
            try store.read { snapshot in
                try snapshot.forEach(filter: EventFilter(categories: DuplicateIndex.categories)) { view in
                    index.applyIfReadable(try view.recordedEvent())
                    return true
                }
            }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .unreadableHistory(stream: "customer, contact and lead streams", reason: "\(error)")
        }
        self.duplicateIndex = index
    }

    /// `configuration` with the CRM's personal fields (the catalogue's 🔒 fields) registered for sealing when it
    /// has a master key. Without a master key the CRM stores personal data in clear and cannot erase it by
    /// shredding, which ``CRMOptions/personalData`` must then state (see `Documentation/Security.md`).
    public static func sealing(_ configuration: EventStoreConfiguration) -> EventStoreConfiguration {
        var configuration = configuration
        if configuration.masterKey != nil { configuration.personalData.register(EventCatalogue.eventTypes) }
        return configuration
    }

    /// Closes the event store if this CRM opened it.
    public func close() {
        if ownsStore { store.close() }
    }

    // MARK: - Reading states

    /// The current state of record `id`, folded from its stream (an empty state, `exists == false`, when there is
    /// no such record).
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for a malformed id, ``CRMError/store(_:)``,
    ///   ``CRMError/unreadableHistory(stream:reason:)``.
    public func state<State: AggregateState>(_ type: State.Type, id: String) async throws(CRMError) -> State {
        let valid = try Validate.identifier(id, field: "\(State.category) id")
        let stream = try Self.stream(State.category, valid)
        var state = State(id: valid)
        try await fold(stream) { (event) throws(EventStoreError) in try state.apply(event) }
        return state
    }

    /// The customer `id`.
    public func customer(_ id: String) async throws(CRMError) -> CustomerState { try await state(CustomerState.self, id: id) }
    /// The contact `id`.
    public func contact(_ id: String) async throws(CRMError) -> ContactState { try await state(ContactState.self, id: id) }
    /// The lead `id`.
    public func lead(_ id: String) async throws(CRMError) -> LeadState { try await state(LeadState.self, id: id) }
    /// The opportunity `id`.
    public func opportunity(_ id: String) async throws(CRMError) -> OpportunityState {
        try await state(OpportunityState.self, id: id)
    }
    /// The ticket `id`.
    public func ticket(_ id: String) async throws(CRMError) -> TicketState { try await state(TicketState.self, id: id) }
    /// The campaign `id`.
    public func campaign(_ id: String) async throws(CRMError) -> CampaignState { try await state(CampaignState.self, id: id) }
    /// The contract `id`.
    public func contract(_ id: String) async throws(CRMError) -> ContractState { try await state(ContractState.self, id: id) }
    /// The order `id`.
    public func order(_ id: String) async throws(CRMError) -> OrderState { try await state(OrderState.self, id: id) }
    /// The task `id`.
    public func task(_ id: String) async throws(CRMError) -> TaskState { try await state(TaskState.self, id: id) }
    /// The survey `id`.
    public func survey(_ id: String) async throws(CRMError) -> SurveyState { try await state(SurveyState.self, id: id) }
    /// The user `id`.
    public func user(_ id: String) async throws(CRMError) -> UserState { try await state(UserState.self, id: id) }
    /// The pipeline `id`.
    public func pipeline(_ id: String) async throws(CRMError) -> PipelineDefinition {
        try await state(PipelineDefinition.self, id: id)
    }
    /// The business calendar `id`.
    public func businessCalendar(_ id: String) async throws(CRMError) -> BusinessCalendar {
        try await state(BusinessCalendar.self, id: id)
    }
    /// The SLA policy `id`.
    public func slaPolicy(_ id: String) async throws(CRMError) -> SLAPolicy { try await state(SLAPolicy.self, id: id) }

    /// The lifecycle policy (stream `config-lifecycle`).
    public func lifecyclePolicy() async throws(CRMError) -> LifecyclePolicy {
        var policy = LifecyclePolicy()
        try await fold(ConfigurationStream.lifecycle.name()) { (event) throws(EventStoreError) in try policy.apply(event) }
        return policy
    }

    /// The lost reasons (stream `config-lostreasons`).
    public func lostReasons() async throws(CRMError) -> LostReasonList {
        var list = LostReasonList()
        try await fold(ConfigurationStream.lostReasons.name()) { (event) throws(EventStoreError) in try list.apply(event) }
        return list
    }

    /// The custom field definitions (stream `config-customfields`), by entity kind and field key.
    public func customFields() async throws(CRMError) -> CustomFieldCatalogue {
        var catalogue = CustomFieldCatalogue()
        try await fold(ConfigurationStream.customFields.name()) { (event) throws(EventStoreError) in
            try catalogue.apply(event)
        }
        return catalogue
    }

    /// The identifiers of every record of `kind`, sorted by stream name.
    /// - Throws: ``CRMError/store(_:)``.
    public func recordIDs(of kind: EntityKind) async throws(CRMError) -> [String] {
        let streams: [StreamName]
        do { streams = try await store.streams(inCategory: kind.rawValue) } catch { throw .store(error) }
        let prefix = kind.rawValue.count + 1
        return streams.map { String($0.rawValue.dropFirst(prefix)) }
    }

    /// Records that may duplicate `probe` (see ``DuplicateIndex``), strongest first.
    public func findDuplicates(of probe: DuplicateProbe, excluding: EntityRef? = nil) -> [DuplicateCandidate] {
        duplicateIndex.candidates(for: probe, excluding: excluding)
    }

    /// Rebuilds the duplicate index from the store (after other processes appended to it).
    /// - Throws: ``CRMError/store(_:)``.
    public func rebuildDuplicateIndex() async throws(CRMError) {
        var index = DuplicateIndex(normalisation: options.normalisation, nameThreshold: options.nameSimilarityThreshold)
        do {
            for event in try await store.readAll(filter: EventFilter(categories: DuplicateIndex.categories)) {
                index.applyIfReadable(event)
            }
        } catch { throw .store(error) }
        duplicateIndex = index
    }

    // MARK: - Internals for the commands

    /// The stream `<category>-<id>`.
    static func stream(_ category: String, _ id: String) throws(CRMError) -> StreamName {
        do { return try StreamName(category: category, id: id) } catch {
            throw .invalidInput(field: "\(category) id", reason: "\(error)")
        }
    }

    /// Reads a stream and folds every event.
    func fold(_ stream: StreamName, _ body: (RecordedEvent) throws(EventStoreError) -> Void) async throws(CRMError) {
        let events: [RecordedEvent]
        do { events = try await store.readStream(stream) } catch { throw .store(error) }
        for event in events {
            do { try body(event) } catch { throw .unreadableHistory(stream: stream.rawValue, reason: "\(error)") }
        }
    }

    /// The business time of a command: the context's, or now.
    func now(_ context: CommandContext) -> Timestamp { context.occurredAt ?? clock() }

    /// Today's date in the CRM's time zone (or the context's time).
    func today(_ context: CommandContext) -> LocalDate { LocalDate(now(context), in: options.timeZone) }

    /// Decides and appends a command: `decide` reads the current states and returns the writes; on a
    /// concurrency conflict it is called again, up to ``CRMOptions/maximumAttempts`` times.
    @discardableResult
    func execute(
        _ command: String, _ context: CommandContext, erasing: Bool = false,
        _ decide: () async throws(CRMError) -> [PendingWrite]
    ) async throws(CRMError) -> [RecordedEvent] {
        guard !context.actor.isEmpty, context.actor.utf8.count <= 255 else {
            throw .invalidInput(field: "actor", reason: "every command needs an actor of 1 to 255 bytes")
        }
        let actor = options.accessControl == .registeredUsers ? try await recordingDenial(context) {
            () throws(CRMError) in try await authorize(command, context.actor)
        } : nil
        var lastConflict = ""
        for _ in 0..<max(1, options.maximumAttempts) {
            let writes = try await decide()
            if let actor {
                try await recordingDenial(context) { () throws(CRMError) in
                    try await authorize(command, actor, changing: writes)
                }
            }
            let streamWrites = try writes.map { (write) throws(CRMError) in
                StreamWrite(
                    stream: write.stream, expectedVersion: write.expectedVersion,
                    events: try write.events.map { (pending) throws(CRMError) in try envelope(pending, command, context) })
            }
            do {
                // An erasing command destroys the keys of the records it appends a `PersonalDataErased` to.
                let subjects = erasing
                    ? writes.filter { $0.events.contains { $0.event is PersonalDataErased } }.map(\.stream.rawValue) : []
                if !subjects.isEmpty, store.configuration.masterKey != nil {
                    try await store.erase(subjects: subjects, alsoAppending: streamWrites, actor: context.actor)
                } else {
                    try await store.append(streamWrites)
                }
            } catch .wrongExpectedVersion(let stream, _, _) {
                lastConflict = stream.rawValue
                continue
            } catch {
                throw .store(error)
            }
            return try recorded(streamWrites)
        }
        throw .concurrentModification(stream: lastConflict, attempts: max(1, options.maximumAttempts))
    }

    func envelope(_ pending: PendingEvent, _ command: String, _ context: CommandContext) throws(CRMError)
        -> NewEvent
    {
        var metadata = ["command": command]
        if let channel = context.channel { metadata["channel"] = channel }
        do {
            return try NewEvent(
                pending.event, id: pending.id, occurredAt: now(context), actor: context.actor,
                correlationID: context.correlationID ?? context.commandID,
                causationID: pending.causationID ?? context.causationID ?? context.commandID, metadata: metadata,
                codec: options.payloadEncoding.codec)
        } catch { throw .store(error) }
    }

    /// The appended events as recorded, read back by id; the duplicate index is brought up to date with them.
    private func recorded(_ writes: [StreamWrite]) throws(CRMError) -> [RecordedEvent] {
        let ids = writes.flatMap { $0.events.map(\.id) }
        let events: [RecordedEvent]
        do {
            events = try store.read { snapshot in try ids.compactMap { try snapshot.event(id: $0) } }
        } catch let error as EventStoreError {
            throw .store(error)
        } catch {
            throw .unreadableHistory(stream: writes.first?.stream.rawValue ?? "", reason: "\(error)")
        }
        for event in events where DuplicateIndex.categories.contains(event.stream.category) {
            duplicateIndex.applyIfReadable(event)
        }
        return events
    }
}
