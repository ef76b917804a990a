#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain mutual-exclusion lock over `pthread_mutex_t`, for state that is not `Sendable` (LMDB pointers) and
/// for holding the writer's turn across a synchronous closure whose result need not be `sending`.
final class Lock: @unchecked Sendable {
    // @unchecked: the mutex is the synchronisation; it lives at a stable heap address as POSIX requires.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

/// A stack of reset read transactions kept for reuse (`mdb_txn_renew` is cheaper than `mdb_txn_begin`).
final class SpareReaders: @unchecked Sendable {
    // @unchecked: `transactions` is only touched with `lock` held.
    private let lock = Lock()
    private var transactions: [OpaquePointer] = []
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func pop() -> OpaquePointer? { lock.withLock { transactions.popLast() } }

    /// Keeps `txn` if there is room; returns `false` when the caller must abort it.
    func push(_ txn: OpaquePointer) -> Bool {
        lock.withLock {
            guard transactions.count < capacity else { return false }
            transactions.append(txn)
            return true
        }
    }

    /// Removes every spare, for the caller to abort.
    func drain() -> [OpaquePointer] {
        lock.withLock {
            defer { transactions.removeAll() }
            return transactions
        }
    }
}
