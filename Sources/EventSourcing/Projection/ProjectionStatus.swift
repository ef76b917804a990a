/// Where a projection stands: what it has applied, whether it is rebuilding, whether it stopped.
public struct ProjectionStatus: Sendable, Hashable {
    /// The projection's name.
    public var name: String
    /// How it is kept up to date.
    public var mode: ProjectionMode
    /// The version of the projection's code that this store runs.
    public var version: UInt32
    /// The version whose state serves reads (older than ``version`` while a rebuild runs).
    public var servingVersion: UInt32
    /// The last log position applied to the state that serves reads.
    public var position: LogPosition
    /// The log's head when the status was read.
    public var head: LogPosition
    /// The rebuild in progress, if any.
    public var rebuild: RebuildProgress?
    /// Where and why the projection stopped, if it did.
    public var failure: Failure?

    /// Why a projection stopped.
    public struct Failure: Sendable, Hashable {
        /// The event it failed on.
        public var position: LogPosition
        /// What the projection threw.
        public var reason: String

        /// Creates a failure report.
        public init(position: LogPosition, reason: String) {
            self.position = position
            self.reason = reason
        }
    }

    /// How many events the serving state is behind the log.
    public var lag: UInt64 { head.rawValue - min(position.rawValue, head.rawValue) }
}
