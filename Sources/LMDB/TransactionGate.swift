#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts the transactions open in this process, so that the map can be resized only when none is open.
///
/// `mdb_env_set_mapsize` requires that no transaction is active in the process. Every transaction enters the
/// gate before it begins and leaves it when it ends; a resize closes the gate, waits for it to drain, resizes,
/// and opens it again. Transactions are closure-scoped and short, so the wait is short.
final class TransactionGate: @unchecked Sendable {
    // @unchecked: every stored property is only touched with `mutex` held.
    // The pthread objects live at stable heap addresses, as POSIX requires.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var active = 0
    private var exclusive = false

    init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Waits while a resize or close is in progress, then counts one more open transaction.
    func enter() {
        pthread_mutex_lock(mutex)
        while exclusive { pthread_cond_wait(condition, mutex) }
        active += 1
        pthread_mutex_unlock(mutex)
    }

    /// Counts one transaction fewer.
    func exit() {
        pthread_mutex_lock(mutex)
        active -= 1
        if active == 0 { pthread_cond_broadcast(condition) }
        pthread_mutex_unlock(mutex)
    }

    /// Runs `body` once no transaction is open in the process, keeping new ones out meanwhile.
    ///
    /// - Parameter alreadyHeld: transactions the calling thread holds itself and that must not be waited for;
    ///   when it is not zero the caller gets `false` back and `body` does not run (waiting would deadlock).
    func exclusively<R>(alreadyHeld: UInt, _ body: () throws -> R) rethrows -> R? {
        if alreadyHeld > 0 { return nil }
        pthread_mutex_lock(mutex)
        while exclusive { pthread_cond_wait(condition, mutex) }
        exclusive = true
        while active > 0 { pthread_cond_wait(condition, mutex) }
        pthread_mutex_unlock(mutex)
        defer {
            pthread_mutex_lock(mutex)
            exclusive = false
            pthread_cond_broadcast(condition)
            pthread_mutex_unlock(mutex)
        }
        return try body()
    }
}
