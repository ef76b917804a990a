/// What an append expects of a stream's current version (optimistic concurrency).
///
/// The version of a stream is the number of events in it: 0 before the first event, 1 after it, and so on.
/// When the expectation does not hold, the append throws ``EventStoreError/wrongExpectedVersion(stream:expected:actual:)``
/// naming the actual version, and writes nothing.
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// No check: append whatever the stream holds.
    case any
    /// The stream must not exist yet (version 0).
    case noStream
    /// The stream must hold at least one event.
    case streamExists
    /// The stream's version must be exactly this (0 means it must not exist).
    case exactly(UInt64)

    /// Whether a stream at `version` satisfies the expectation.
    public func isSatisfied(byVersion version: UInt64) -> Bool {
        switch self {
        case .any: return true
        case .noStream: return version == 0
        case .streamExists: return version > 0
        case .exactly(let expected): return version == expected
        }
    }

    /// `any`, `no stream`, `stream exists` or `version N`.
    public var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "no stream"
        case .streamExists: return "stream exists"
        case .exactly(let version): return "version \(version)"
        }
    }
}
