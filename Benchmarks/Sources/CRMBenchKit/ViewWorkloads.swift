import CRM
import EventSourcing
import Foundation

/// W6 and W7 with the CRM views (all seven): the standard workload's dataset is written as CRM
/// domain events by the CRM library's loader (``CRMWorkloadLoader`` with ``CRMWorkloadMapping/Detail/oneToOne``: one
/// CRM event per workload event, no derived events), so the views (which read only the CRM's own event shapes) run
/// over the same million events. ``CRMWorkloadMapping`` documents the mapping.
public enum ViewWorkloads {
    /// What W6 and W7 measured over the views.
    public struct Report: Sendable {
        /// CRM events in the store (what the loader wrote: one per workload event).
        public var events: Int
        /// Workload events generated.
        public var workloadEvents: Int
        /// Workload events per atomic append.
        public var batchSize: Int
        /// Seconds to write them.
        public var loadSeconds: Double
        /// Seconds for the first catch-up of all views from an empty state.
        public var catchUpSeconds: Double
        /// Seconds for ``CRMViews/rebuildAll(progress:)``.
        public var rebuildSeconds: Double
        /// Peak resident memory during the rebuild, MiB.
        public var rebuildPeakMiB: Double
        /// The largest anonymous resident memory (the heap) sampled during the rebuild, MiB.
        public var rebuildPeakAnonymousMiB: Double = 0
        /// The largest file-backed resident memory (the store's mapped pages) sampled during the rebuild, MiB.
        public var rebuildPeakFileMiB: Double = 0
        /// Seconds to open the store again and add the (caught-up) views.
        public var openSeconds: Double
        /// The first customer 360° read after the open, in milliseconds.
        public var firstReadMilliseconds: Double
        /// The median of 1,000 further reads of the same customer, in milliseconds.
        public var medianReadMilliseconds: Double
        /// The customer read, and what its view says.
        public var customer: String
        /// A summary of the view read.
        public var summary: String

        /// The report as Markdown.
        public var markdown: String {
            func rate(_ seconds: Double) -> String { String(format: "%.0f", Double(events) / seconds) }
            return """
                ## CRM views over the standard workload (\(events) CRM events from \(workloadEvents) workload events)

                | figure | value |
                | --- | --- |
                | load (CRM domain events, \(batchSize) workload events per append) | \(String(format: "%.2f", loadSeconds)) s |
                | W6 first catch-up of all views | \(String(format: "%.2f", catchUpSeconds)) s, \(rate(catchUpSeconds)) events/s |
                | W6 rebuild of all views | \(String(format: "%.2f", rebuildSeconds)) s, \(rate(rebuildSeconds)) events/s |
                | W6 peak RSS during the rebuild | \(String(format: "%.0f", rebuildPeakMiB)) MiB |
                | W6 largest anonymous / file-backed RSS sampled (every 20 ms) | \(String(format: "%.0f", rebuildPeakAnonymousMiB)) MiB / \(String(format: "%.0f", rebuildPeakFileMiB)) MiB |
                | W7 open store + add views | \(String(format: "%.2f", openSeconds * 1000)) ms |
                | W7 first customer 360° read (\(customer)) | \(String(format: "%.3f", firstReadMilliseconds)) ms |
                | W7 median of 1,000 more reads | \(String(format: "%.3f", medianReadMilliseconds)) ms |

                W7 customer: \(summary)
                """
        }
    }

    /// Generates the dataset, writes it as CRM events into a store under `directory`, and measures W6 and W7.
    ///
    /// With `keptStore`, the store at that path is used as it is when it exists (no load; the catch-up is whatever
    /// the views still had to read), or written there and kept when it does not: for measuring the rebuild again and
    /// again without writing the log each time.
    public static func run(configuration: WorkloadConfiguration, directory: String, keptStore: String? = nil) async throws -> Report {
        let path = keptStore ?? (directory as NSString).appendingPathComponent("views")
        let reusing = keptStore.map { FileManager.default.fileExists(atPath: $0) } ?? false
        var report = Report(
            events: configuration.events, workloadEvents: configuration.events, batchSize: configuration.batchSize,
            loadSeconds: 0, catchUpSeconds: 0, rebuildSeconds: 0, rebuildPeakMiB: 0, openSeconds: 0,
            firstReadMilliseconds: 0, medianReadMilliseconds: 0, customer: "", summary: "")
        do {
            // `CRM_BENCH_PROJECTION_THREADS` sets the threads a long projection batch runs on (default: the store's).
            var storeConfiguration = EventStoreConfiguration()
            if let threads = ProcessInfo.processInfo.environment["CRM_BENCH_PROJECTION_THREADS"].flatMap({ Int($0) }) {
                storeConfiguration.projectionThreads = threads
            }
            // `CRM_BENCH_PROJECTION_BATCH` and `CRM_BENCH_PROJECTION_CHANGES` set the batch size and its change limit.
            if let size = ProcessInfo.processInfo.environment["CRM_BENCH_PROJECTION_BATCH"].flatMap({ Int($0) }) {
                storeConfiguration.projectionBatchSize = size
            }
            if let limit = ProcessInfo.processInfo.environment["CRM_BENCH_PROJECTION_CHANGES"].flatMap({ Int($0) }) {
                storeConfiguration.projectionBatchChangeLimit = limit
            }
            // `CRM_BENCH_REBUILD_BATCH` sets a rebuild's batch size.
            if let size = ProcessInfo.processInfo.environment["CRM_BENCH_REBUILD_BATCH"].flatMap({ Int($0) }) {
                storeConfiguration.projectionRebuildBatchSize = size
            }
            let store = try EventStore(path: path, configuration: storeConfiguration)
            defer { store.close() }
            if reusing {
                report.events = Int(try store.head().rawValue)
            } else {
                let (loaded, load) = try await Measure.time {
                    try await CRMWorkloadLoader.load(configuration, detail: .oneToOne, into: store)
                }
                report.events = loaded.crmEvents
                report.loadSeconds = load
            }
            let views = CRMViews(store: store)
            let head = try store.head()
            let (_, catchUp) = try await Measure.time {
                try await views.addAll()
                try await views.waitForAll(toReach: head)
            }
            report.catchUpSeconds = catchUp
            Measure.resetPeakResident()
            let sampler = ResidentSampler()
            let (_, rebuild) = try await Measure.time { try await views.rebuildAll() }
            report.rebuildSeconds = rebuild
            report.rebuildPeakMiB = Measure.peakResidentMiB()
            let sampled = sampler.stop()
            (report.rebuildPeakAnonymousMiB, report.rebuildPeakFileMiB) = (sampled.anonymous, sampled.file)
        }
        // W7: a new EventStore on the same files (the operating system's page cache is still warm).
        let customer = String(WorkloadEvent.streamName(customer: WorkloadGenerator.w7Customer(configuration: configuration)).dropFirst(9))
        report.customer = customer
        let clock = ContinuousClock()
        let opened = clock.now
        let store = try EventStore(path: path)
        defer { store.close() }
        let views = CRMViews(store: store)
        try await views.addAll()
        report.openSeconds = Measure.seconds(clock.now - opened)
        let first = clock.now
        let view = try views.currentCustomer360(customer)
        report.firstReadMilliseconds = Measure.seconds(clock.now - first) * 1000
        var reads: [Duration] = []
        for _ in 0..<1_000 {
            let start = clock.now
            _ = try views.currentCustomer360(customer)
            reads.append(clock.now - start)
        }
        report.medianReadMilliseconds = Measure.quantileMilliseconds(reads, 0.5)
        if let view = view?.view {
            report.summary = "stage \(view.lifecycleStage), \(view.openOpportunities.count) open opportunities, "
                + "\(view.openTickets.count) open tickets, \(view.wonOpportunities) won, last interaction "
                + "\(view.lastInteraction.map { "\($0.at)" } ?? "none")"
        } else {
            report.summary = "not found"
        }
        return report
    }
}
