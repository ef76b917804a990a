import CRM
import Foundation
import Testing

/// A CRM over a store in a fresh temporary directory, removed when the fixture goes away.
final class CRMFixture {
    let directory: String
    let crm: CRMStore
    let me = CommandContext(actor: "usr-7")
    /// The master key of every fixture: the CRM's personal fields are sealed in every CRM test.
    static let masterKey = MasterKey.generate()

    init(options: CRMOptions = CRMOptions()) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-crm-\(UUID().uuidString)").path
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        configuration.masterKey = Self.masterKey
        crm = try CRMStore(path: directory, configuration: configuration, options: options)
    }

    deinit {
        crm.store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The store's head position.
    func head() throws -> LogPosition { try crm.store.head() }

    /// Runs `body`, which must be rejected with a ``CRMError``; checks that nothing was appended and returns the
    /// error.
    func rejection(
        _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> CRMError? {
        let before = try head()
        do {
            try await body()
            Issue.record("the command was accepted", sourceLocation: sourceLocation)
            return nil
        } catch let error as CRMError {
            #expect(try head() == before, "a rejected command appended events", sourceLocation: sourceLocation)
            #expect(!error.description.isEmpty, sourceLocation: sourceLocation)
            return error
        }
    }

    /// The standard pipeline `sales`, the standard lifecycle policy, lost reasons and an SLA policy.
    func configure() async throws {
        try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: me)
        let policy = LifecyclePolicy.standardDefinition()
        try await crm.defineLifecyclePolicy(
            id: policy.policyId, stages: policy.stages, initialStage: policy.initialStage,
            backwardMoves: policy.backwardMoves, rules: policy.rules, context: me)
        try await crm.defineLostReasons(
            [
                LostReason(code: "price", label: "Price too high", requiresNote: false),
                LostReason(code: "competitor", label: "Went with a competitor", requiresNote: false),
                LostReason(code: "other", label: "Other", requiresNote: true),
            ], context: me)
        try await crm.defineSLAPolicy(
            id: "standard", name: "Standard support",
            targets: [
                SLATarget(priority: .normal, firstResponseMinutes: 240, resolutionMinutes: 1440),
                SLATarget(priority: .high, firstResponseMinutes: 60, resolutionMinutes: 480),
                SLATarget(priority: .urgent, firstResponseMinutes: 15, resolutionMinutes: 120),
            ], calendarId: "helsinki-office", pausedStatuses: [.waitingOnCustomer, .onHold], context: me)
    }

    /// Registers the organisation `id`.
    @discardableResult
    func customer(_ id: String, name: String = "Initech Oy", email: String? = nil, website: String? = nil) async throws
        -> Registration
    {
        try await crm.registerCustomer(
            id: id, kind: .organization, name: name, email: email, website: website, source: .website, context: me)
    }

    /// Opens opportunity `id` for `customer` in `stage`, EUR 48,000, closing 2026-03-31.
    @discardableResult
    func opportunity(_ id: String, customer: String, stage: String = "qualification") async throws -> [RecordedEvent] {
        try await crm.openOpportunity(
            id: id, customerId: customer, name: "Payroll rollout", pipelineId: "sales", stageId: stage,
            amount: try eur("48000"), expectedCloseDate: date("2026-03-31"), context: me)
    }
}

/// An amount in euros.
func eur(_ text: String) throws -> Money { try Money(text, currency: "EUR") }

/// A date written in a test; an invalid one fails the test.
func date(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> LocalDate {
    if let date = LocalDate(text) { return date }
    Issue.record("invalid date in a test: \(text)", sourceLocation: sourceLocation)
    return fallbackDate
}

private let fallbackDate: LocalDate = {
    guard let date = LocalDate("2000-01-01") else { preconditionFailure("a constant, valid date") }
    return date
}()

/// A moment written in a test (ISO 8601).
func moment(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Timestamp {
    if let timestamp = Timestamp(iso8601: text) { return timestamp }
    Issue.record("invalid time in a test: \(text)", sourceLocation: sourceLocation)
    return Timestamp(secondsSince1970: 0)
}
