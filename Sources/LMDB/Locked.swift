// Public imports: `withLock` is inlinable (it runs on every append and read), so its body's C types must be visible
// to the modules it is inlined into.
#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// A value guarded by a `pthread_mutex_t`, with the shape of `Synchronization.Mutex` (`withLock` hands the value
/// to a closure as `inout`), for the mutable state that the package's types share between threads.
///
/// `Mutex` would do the same, but on Linux it locks a contended mutex with `FUTEX_LOCK_PI` and
/// `FUTEX_UNLOCK_PI` inside the standard library, where ThreadSanitizer sees neither the acquire nor the release:
/// it then reports the accesses that the lock orders as data races. ThreadSanitizer intercepts `pthread_mutex_lock`
/// and `pthread_mutex_unlock`, so it knows what this lock orders, and its reports are about real races only.
public final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only touched with `mutex` held; the mutex lives at a stable heap address as POSIX
    // requires.
    @usableFromInline let mutex: UnsafeMutablePointer<pthread_mutex_t>
    @usableFromInline var value: Value

    /// Guards `value`.
    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, the lock held.
    @inlinable
    public func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
