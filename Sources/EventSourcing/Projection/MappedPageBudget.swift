import LMDB

/// When the projection thread lets go of the store's mapped pages during a long batch (see
/// ``EventStoreConfiguration/releasesMappedPages``): once the process's file-backed resident memory has grown by
/// ``allowance`` since the last release. A release costs the faults that map the pages again, so it is made only
/// when it takes back that much, not after every chunk of events.
final class MappedPageBudget {
    /// The growth of file-backed resident memory that calls for a release.
    static let allowance = 96 << 20

    private let environment: Environment
    private let enabled: Bool
    /// The file-backed resident memory just after the last release (or when the budget began).
    private var floor: Int

    init(environment: Environment, enabled: Bool) {
        self.environment = environment
        self.enabled = enabled
        floor = enabled ? Environment.processFileResidentBytes ?? 0 : 0
    }

    /// Releases the mapped pages when they have grown by ``allowance`` since the last release.
    func check() {
        guard enabled, let resident = Environment.processFileResidentBytes else { return }
        guard resident - floor >= Self.allowance else {
            // What the process maps besides the store (its code, other files) may shrink as well as grow.
            floor = min(floor, resident)
            return
        }
        release()
    }

    /// Releases the mapped pages now.
    func release() {
        guard enabled else { return }
        try? environment.releaseMappedPages()
        floor = Environment.processFileResidentBytes ?? 0
    }
}
