/// How far a projection rebuild has come, for a progress bar.
public struct RebuildProgress: Sendable, Hashable {
    /// The projection being rebuilt.
    public var projection: String
    /// Events of the log the rebuild has gone through.
    public var eventsDone: UInt64
    /// Events in the log now (it may still grow while the rebuild runs).
    public var eventsTotal: UInt64
    /// Events per second since the rebuild started in this process (0 before the first batch).
    public var eventsPerSecond: Double
    /// Whether the rebuilt state has been swapped in.
    public var isFinished: Bool

    /// Creates a progress report.
    public init(projection: String, eventsDone: UInt64, eventsTotal: UInt64, eventsPerSecond: Double, isFinished: Bool) {
        self.projection = projection
        self.eventsDone = eventsDone
        self.eventsTotal = eventsTotal
        self.eventsPerSecond = eventsPerSecond
        self.isFinished = isFinished
    }

    /// The part done, from 0 to 1.
    public var fractionDone: Double {
        eventsTotal == 0 ? 1 : min(1, Double(eventsDone) / Double(eventsTotal))
    }

    /// The estimated seconds left at the current rate, `nil` before a rate is known.
    public var secondsRemaining: Double? {
        guard eventsPerSecond > 0 else { return nil }
        return Double(eventsTotal - min(eventsDone, eventsTotal)) / eventsPerSecond
    }
}
