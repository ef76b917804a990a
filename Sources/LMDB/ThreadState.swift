#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread bookkeeping of one environment's open transactions, kept in a POSIX thread-specific key.
///
/// LMDB deadlocks when a thread that holds the write transaction begins another, and a map resize must not wait
/// for a read transaction held by the very thread that asks for it. Swift has no thread-local storage of its
/// own, so the two counters are packed into the pointer value of a `pthread_key_t`.
struct ThreadState: ~Copyable {
    private var key = pthread_key_t()
    private let valid: Bool

    init() {
        valid = pthread_key_create(&key, nil) == 0
    }

    deinit {
        if valid { pthread_key_delete(key) }
    }

    private var packed: UInt {
        guard valid, let pointer = pthread_getspecific(key) else { return 0 }
        return UInt(bitPattern: pointer)
    }

    private func store(_ value: UInt) {
        guard valid else { return }
        _ = pthread_setspecific(key, UnsafeRawPointer(bitPattern: value))
    }

    /// Whether this thread holds the environment's write transaction.
    var holdsWriter: Bool { packed & 1 == 1 }

    /// How many transactions (read or write) this thread has open in the environment.
    var openTransactions: UInt { packed >> 1 }

    func enter(writer: Bool) {
        let value = packed
        store(((value >> 1) + 1) << 1 | (writer ? 1 : value & 1))
    }

    func exit(writer: Bool) {
        let value = packed
        let count = (value >> 1) &- 1
        store(count << 1 | (writer ? 0 : value & 1))
    }
}
