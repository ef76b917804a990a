public import EventSourcing

/// A contract's current state, folded from `contract-<id>`.
public struct ContractState: EntityState, Hashable {
    /// Where a contract stands.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Drafted, not signed.
        case draft
        /// Signed and in force.
        case active
        /// Terminated early.
        case terminated
        /// Ended without renewal.
        case expired
    }

    /// `contract`.
    public static var kind: EntityKind { .contract }
    /// The contract's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The draft.
    public private(set) var draft: ContractDrafted?
    /// Where it stands.
    public private(set) var status = Status.draft
    /// The current value.
    public private(set) var value: Money?
    /// When it was signed.
    public private(set) var signedOn: LocalDate?
    /// The end date after the latest renewal.
    public private(set) var renewedUntil: LocalDate?
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// A contract not yet drafted.
    public init(id: String) { self.id = id }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case ContractDrafted.eventType:
            draft = try event.decode(ContractDrafted.self)
            value = draft?.value
        case ContractActivated.eventType: (status, signedOn) = (.active, try event.decode(ContractActivated.self).signedOn)
        case ContractAmended.eventType: value = try event.decode(ContractAmended.self).newValue ?? value
        case ContractRenewed.eventType:
            let renewed = try event.decode(ContractRenewed.self)
            (renewedUntil, value) = (renewed.newEndDate, renewed.newValue ?? value)
        case ContractTerminated.eventType: status = .terminated
        case ContractExpired.eventType: status = .expired
        default: break
        }
    }
}
