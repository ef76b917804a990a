public import LMDB

/// Why an event store operation failed.
///
/// Each case carries what a caller needs to react, and ``description`` says it in a sentence a person can act
/// on. A failed append writes nothing.
public enum EventStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The stream's version did not satisfy the append's expectation; `actual` is the version found (0: the
    /// stream does not exist).
    case wrongExpectedVersion(stream: StreamName, expected: ExpectedVersion, actual: UInt64)
    /// An event identifier was recorded before with different content.
    case duplicateEventID(EventID, recordedAt: LogPosition)
    /// Some events of an append were recorded before and some were not: the append is neither new nor a retry.
    case partiallyRecorded(recorded: [EventID], new: [EventID])
    /// The input was rejected before anything was written (an empty append, an invalid stream name, an
    /// oversized event, …); the text says which and why.
    case invalidInput(String)
    /// A stored record could not be decoded.
    case corruptRecord(position: LogPosition, reason: String)
    /// The store was written by a newer version of the library.
    case unsupportedFormat(found: UInt32, supported: UInt32)
    /// The payload was encoded with a codec this reader does not have.
    case unknownCodec(UInt8)
    /// The payload could not be encoded or decoded.
    case codec(PayloadCodingError)
    /// A typed decode was asked for one event type but the event is of another.
    case eventTypeMismatch(expected: String, found: String)
    /// LMDB failed; the ``LMDBError`` says how.
    case storage(LMDBError)
    /// The store was closed.
    case closed
    /// A stored payload of an old schema version could not be brought to the current one.
    case upcastFailed(type: String, fromVersion: UInt32, reason: String)
    /// A projection threw while applying the event at `position`; it stopped there (its state and checkpoint are
    /// those before the batch that held the event) and the other projections keep running.
    case projectionFailed(name: String, position: LogPosition, reason: String)
    /// No projection of that name was added to this store.
    case unknownProjection(String)
    /// A line of an import is invalid; `line` counts from 1. Nothing of the batch holding it was written.
    case invalidImport(line: Int, reason: String)

    /// A sentence a person can act on.
    public var description: String {
        switch self {
        case .wrongExpectedVersion(let stream, let expected, let actual):
            let found = actual == 0 ? "it does not exist" : "it is at version \(actual)"
            return "stream '\(stream)' was expected to be at \(expected) but \(found); "
                + "someone else changed it: read it again and retry"
        case .duplicateEventID(let id, let position):
            return "event id \(id) was already recorded at position \(position) with different content; "
                + "use a new id for a new event"
        case .partiallyRecorded(let recorded, let new):
            return "\(recorded.count) of the append's events were recorded before (first: \(recorded.first.map { "\($0)" } ?? "-")) "
                + "and \(new.count) were not; retry with exactly the original events or with new ids"
        case .invalidInput(let reason):
            return "invalid input: \(reason); nothing was written"
        case .corruptRecord(let position, let reason):
            return "the record at position \(position) is corrupt (\(reason)); run a verification and restore "
                + "from a backup"
        case .unsupportedFormat(let found, let supported):
            return "the store uses format version \(found) but this library reads up to version \(supported); "
                + "upgrade the library"
        case .unknownCodec(let id):
            return "the payload was written with codec \(id), which this reader does not have; register it"
        case .codec(let error):
            return "payload coding failed: \(error)"
        case .eventTypeMismatch(let expected, let found):
            return "expected an event of type \(expected) but found \(found)"
        case .storage(let error):
            return "storage error: \(error)"
        case .closed:
            return "the event store is closed"
        case .upcastFailed(let type, let version, let reason):
            return "a \(type) payload of schema version \(version) could not be upcast (\(reason)); "
                + "register an upcaster for that version or fix the failing one"
        case .projectionFailed(let name, let position, let reason):
            return "projection '\(name)' failed on the event at position \(position) (\(reason)); it stopped there: "
                + "fix the projection, raise its version or rebuild it"
        case .invalidImport(let line, let reason):
            return "line \(line) of the import is invalid: \(reason); nothing of its batch was imported"
        case .unknownProjection(let name):
            return "no projection named '\(name)' was added to this store; add it with addProjection(_:mode:) first"
        }
    }
}
