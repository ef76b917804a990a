import LMDB

/// A position that only grows (the log's head, or how far a projection has applied the log), with tasks waiting
/// for it to reach a value.
///
/// Waiting costs no thread; cancelling a waiting task resumes it at once and forgets it.
final class PositionNotifier: Sendable {
    enum Outcome: Sendable {
        case reached
        case closed
        case cancelled
        case failed(EventStoreError)
    }

    private struct Waiter {
        var target: UInt64
        var continuation: CheckedContinuation<Outcome, Never>
    }

    private struct State {
        var position: UInt64
        var failure: EventStoreError?
        var closed = false
        var waiters: [UInt64: Waiter] = [:]
        var cancelled: Set<UInt64> = []
        var nextID: UInt64 = 0
    }

    private let state: Locked<State>

    init(position: UInt64) {
        state = Locked(State(position: position))
    }

    /// The current position.
    var position: UInt64 { state.withLock { $0.position } }

    /// Raises the position (a lower value is ignored) and resumes the waiters it satisfies.
    func advance(to position: UInt64) {
        let ready = state.withLock { state -> [CheckedContinuation<Outcome, Never>] in
            guard position > state.position else { return [] }
            state.position = position
            var ready: [CheckedContinuation<Outcome, Never>] = []
            for (id, waiter) in state.waiters where waiter.target <= position {
                ready.append(waiter.continuation)
                state.waiters[id] = nil
            }
            return ready
        }
        for continuation in ready { continuation.resume(returning: .reached) }
    }

    /// Marks the position as stuck because of `error` (or clears that with `nil`); waiters get the error.
    func setFailure(_ error: EventStoreError?) {
        let waiting = state.withLock { state -> [CheckedContinuation<Outcome, Never>] in
            state.failure = error
            guard error != nil else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.continuation)
        }
        if let error { for continuation in waiting { continuation.resume(returning: .failed(error)) } }
    }

    /// Resumes every waiter with ``Outcome/closed``, now and from now on.
    func close() {
        let waiting = state.withLock { state -> [CheckedContinuation<Outcome, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return state.waiters.values.map(\.continuation)
        }
        for continuation in waiting { continuation.resume(returning: .closed) }
    }

    /// Waits until the position is at least `target`, the notifier fails or closes, or the task is cancelled.
    func wait(until target: UInt64) async -> Outcome {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let immediate = state.withLock { state -> Outcome? in
                    if state.position >= target { return .reached }
                    if let failure = state.failure { return .failed(failure) }
                    if state.closed { return .closed }
                    if state.cancelled.remove(id) != nil { return .cancelled }
                    state.waiters[id] = Waiter(target: target, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                if let waiter = state.waiters.removeValue(forKey: id) { return waiter }
                state.cancelled.insert(id)
                return nil
            }
            waiter?.continuation.resume(returning: .cancelled)
        }
        // A cancellation that came after the wait ended leaves its mark; remove it.
        state.withLock { _ = $0.cancelled.remove(id) }
        return outcome
    }
}
