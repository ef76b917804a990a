import Foundation
import LMDB

/// What a process knows, between commits, about one projection: how far its serving state is, how many rebuilds
/// finished, and who wants rebuild progress reports.
final class ProjectionTracker: Sendable {
    /// The last position applied to the state that serves reads.
    let served: PositionNotifier
    /// How many rebuilds of this projection finished in this process.
    let rebuildsFinished = PositionNotifier(position: 0)

    typealias Observer = @Sendable (RebuildProgress) -> Void

    private struct State {
        var observers: [UInt64: Observer] = [:]
        var nextObserver: UInt64 = 0
        /// When and where the running rebuild was first seen by this process, for its rate.
        var rebuildStart: (time: ContinuousClock.Instant, position: UInt64)?
    }

    private let state = Locked(State())

    init(position: UInt64) {
        served = PositionNotifier(position: position)
    }

    func addObserver(_ observer: @escaping Observer) -> UInt64 {
        state.withLock { state in
            state.nextObserver += 1
            state.observers[state.nextObserver] = observer
            return state.nextObserver
        }
    }

    func removeObserver(_ id: UInt64) {
        state.withLock { _ = $0.observers.removeValue(forKey: id) }
    }

    /// The rate of the running rebuild, starting its clock on the first call.
    func rebuildRate(at position: UInt64) -> Double {
        state.withLock { state in
            let now = ContinuousClock.now
            guard let start = state.rebuildStart else {
                state.rebuildStart = (now, position)
                return 0
            }
            let elapsed = now - start.time
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return seconds > 0 ? Double(position - min(start.position, position)) / seconds : 0
        }
    }

    /// Tells the observers; when `progress` is finished, forgets the rebuild's clock.
    func report(_ progress: RebuildProgress) {
        let observers = state.withLock { state -> [Observer] in
            if progress.isFinished { state.rebuildStart = nil }
            return Array(state.observers.values)
        }
        for observer in observers { observer(progress) }
    }
}
