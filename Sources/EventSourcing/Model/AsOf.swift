/// A point in the log's history, for reading a state as it was.
///
/// ```swift
/// let endOfJune = Timestamp(secondsSince1970: 1_751_327_999)
/// let pipeline = try await store.state(of: PipelineTotals(), asOf: .time(endOfJune))
/// ```
public enum AsOf: Sendable, Hashable {
    /// Every event up to and including this position.
    case position(LogPosition)
    /// Every event recorded at or before this moment.
    case time(Timestamp)

    /// The last position the point includes, in `snapshot`.
    func cut(in snapshot: borrowing LogSnapshot) throws(EventStoreError) -> UInt64 {
        switch self {
        case .position(let position):
            return min(position.rawValue, snapshot.head.rawValue)
        case .time(let time):
            guard time.rawValue < Int64.max else { return snapshot.head.rawValue }
            guard let first = try snapshot.firstPosition(recordedAtOrAfter: Timestamp(rawValue: time.rawValue + 1)) else {
                return snapshot.head.rawValue
            }
            return first.rawValue - 1
        }
    }
}

extension LogSnapshot {
    /// The last position `point` includes in this snapshot: a position past the head is the head, a time is the
    /// last event recorded at or before it (``LogPosition/start`` when every event is later).
    /// - Throws: ``EventStoreError``.
    public func lastPosition(asOf point: AsOf) throws(EventStoreError) -> LogPosition {
        LogPosition(try point.cut(in: self))
    }
}
