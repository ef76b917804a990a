import Foundation
import LMDB

/// Keeps the store's mapped pages from piling up in the process's resident memory while the projection thread runs
/// a long batch (see ``EventStoreConfiguration/releasesMappedPages``).
///
/// LMDB reads through a file-backed map, and the kernel maps more than the page read: on Linux 6 a read of one 4 KiB
/// page of a cached file maps some 96 KiB around it (fault-around and large folios), so a rebuild that touches pages
/// all over a 1 GB store, or one `mdb_drop` that walks a large database's leaves, can map hundreds of megabytes in a
/// few milliseconds. While a long batch runs, a thread of the budget's own therefore reads the process's file-backed
/// resident memory every 5 ms (`/proc/self/statm`) and lets go of the map's pages
/// (``LMDB/Environment/releaseMappedPages()``) once it has grown by ``allowance`` since the last release. A release
/// costs the faults that map the pages again, so it is made only when it takes back that much. Between long batches
/// the thread sleeps.
final class MappedPageBudget: @unchecked Sendable {
    // @unchecked: `watchers`, `stopped`, `running`, `floor` and `thread` are touched with `condition` locked.

    /// The growth of file-backed resident memory that calls for a release.
    static let allowance = 64 << 20
    /// How often the growth is read while a long batch runs.
    static let interval = 0.005

    private let environment: Environment
    private let enabled: Bool
    private let condition = NSCondition()
    /// How many long batches are running (the runner's thread runs one at a time).
    private var watchers = 0
    private var stopped = false
    /// Whether the thread is in its loop.
    private var running = false
    /// The file-backed resident memory just after the last release (or when watching began).
    private var floor = 0
    private var thread: Thread?

    init(environment: Environment, enabled: Bool) {
        self.environment = environment
        self.enabled = enabled
    }

    /// Starts watching, starting the budget's thread the first time.
    func begin() {
        guard enabled else { return }
        condition.lock()
        defer { condition.unlock() }
        guard !stopped else { return }
        watchers += 1
        floor = Environment.processFileResidentBytes ?? 0
        if thread == nil {
            running = true
            let thread = Thread { [self] in run() }
            thread.name = "rapport.mapped-pages"
            self.thread = thread
            thread.start()
        }
        condition.broadcast()
    }

    /// Stops watching (the thread sleeps until the next long batch).
    func end() {
        guard enabled else { return }
        condition.lock()
        watchers = max(0, watchers - 1)
        condition.unlock()
    }

    /// Ends the thread and waits for it; called when the store closes.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    /// Releases the mapped pages now (after a long batch).
    func release() {
        guard enabled else { return }
        try? environment.releaseMappedPages()
        condition.lock()
        floor = Environment.processFileResidentBytes ?? 0
        condition.unlock()
    }

    private func run() {
        condition.lock()
        while !stopped {
            if watchers == 0 {
                condition.wait()
                continue
            }
            _ = condition.wait(until: Date(timeIntervalSinceNow: Self.interval))
            guard !stopped, watchers > 0, let resident = Environment.processFileResidentBytes else { continue }
            if resident - floor < Self.allowance {
                // What the process maps besides the store (its code, other files) may shrink as well as grow.
                floor = min(floor, resident)
                continue
            }
            condition.unlock()
            try? environment.releaseMappedPages()
            let after = Environment.processFileResidentBytes ?? 0
            condition.lock()
            floor = after
        }
        // The thread's closure holds the budget: letting go of the thread ends that cycle, so the budget (and the
        // environment it holds) can go away.
        thread = nil
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
