/// What a verification of a store found.
public struct VerificationReport: Sendable, Hashable {
    /// Records checked.
    public var eventsChecked: UInt64
    /// The log's last position.
    public var head: LogPosition
    /// The chain hash of the last record checked.
    public var chainHead: ChainHash
    /// Whether the checkpoint verified against matched (`nil` without a checkpoint).
    public var checkpointMatched: Bool?
    /// The first disagreement found, if any; verification stops there.
    public var problem: VerificationProblem?

    /// Whether nothing disagreed.
    public var isIntact: Bool { problem == nil }
}

/// The first place where a store disagrees with itself or with a checkpoint.
public struct VerificationProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of disagreement.
    public enum Kind: String, Sendable, Hashable {
        /// A position has no record (a record was deleted).
        case missingRecord
        /// A key is not the next position (records reordered or a key damaged).
        case recordOutOfOrder
        /// A record does not parse.
        case corruptRecord
        /// A record's chain hash is not the one its bytes and the record before give (it, or the chain, was
        /// altered).
        case chainMismatch
        /// A record was recorded earlier than the one before it.
        case timeOrder
        /// A stream version does not follow the stream's previous event.
        case streamVersion
        /// The stream index disagrees with the log.
        case streamIndex
        /// The event-id index disagrees with the log.
        case idIndex
        /// The store's hash at the checkpoint's position is not the checkpoint's: history before it changed.
        case checkpointMismatch
        /// The log ends before the checkpoint's position: events were removed.
        case logShorterThanCheckpoint
        /// The checkpoint is of another store.
        case otherStore
    }

    /// The position where it was found.
    public var position: LogPosition
    /// What kind of disagreement.
    public var kind: Kind
    /// A sentence for a person.
    public var reason: String

    /// Creates a problem report.
    public init(position: LogPosition, kind: Kind, reason: String) {
        self.position = position
        self.kind = kind
        self.reason = reason
    }

    /// `position N: reason`.
    public var description: String { "position \(position): \(reason)" }
}
