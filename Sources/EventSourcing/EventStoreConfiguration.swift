import Foundation
/// How an ``EventStore`` is opened.
public struct EventStoreConfiguration: Sendable {
    /// What an acknowledged append survives.
    public var durability: Durability = .durable
    /// The initial size of the memory map in bytes; it grows by itself as the store fills.
    public var initialMapSize: Int = 64 << 20
    /// The largest the store may grow to, in bytes.
    public var maximumMapSize: Int = 1 << 40
    /// The largest encoded event accepted, in bytes.
    public var maximumEventSize: Int = 4 << 20
    /// The most events one group commit gathers from concurrent appends (one append is never split).
    public var maximumEventsPerCommit: Int = 10_000
    /// How long the writer waits for appenders to come back before a commit, when the previous commit served more
    /// appenders than are waiting now. Longer windows group more concurrent appends per `fsync`; a lone appender
    /// never waits.
    public var groupCommitWindow: Duration = .microseconds(200)
    /// How many appended events the in-memory tail index holds before they are merged into the index databases.
    ///
    /// Larger values make bulk appends cheaper and make opening after a crash scan more of the log.
    public var indexMergeThreshold: Int = 250_000
    /// Open the store read-only (no appends; for auditors and tools).
    public var readOnly: Bool = false
    /// Upcasters applied when events of older schema versions are decoded through this store's reads,
    /// projections and subscriptions.
    public var upcasters = EventUpcasters()
    /// The most events an asynchronous projection (or a rebuild) applies per transaction: its state and checkpoint
    /// commit together once per batch. Larger batches write each changed record less often; a crash redoes at most
    /// one batch.
    public var projectionBatchSize: Int = 100_000
    /// The most events a rebuild applies per batch (in place of ``projectionBatchSize``, for a batch whose
    /// projections are all being rebuilt). A rebuilt state serves no reads until it is swapped in, so its batches
    /// can be long: each record is then written once or a few times rather than once per batch, and read back from
    /// the database less often. ``projectionBatchChangeLimit`` still bounds a batch's memory. Progress reports come
    /// every 4,096 events applied in memory as well as at each commit; a crash redoes at most one batch.
    public var projectionRebuildBatchSize: Int = 1_000_000
    /// The most records the projections of one batch may have changed before it commits early (with fewer events
    /// than ``projectionBatchSize``): a bound on the memory a batch holds, whatever its projections write per event.
    /// It is checked every 1,024 events (every 4,096 on several threads). The CRM's seven views, rebuilt over the
    /// standard workload's 1,000,000 events, change about 473,000 records and peak at about 420 MiB of resident
    /// memory in one batch; a smaller limit holds less but writes and reads back records at each early commit.
    public var projectionBatchChangeLimit: Int = 500_000
    /// The most records a rebuild writes per commit. A rebuild's batch that changed more records is written in
    /// several commits, the last with the checkpoint, so that LMDB never holds more than about this many changed
    /// pages in memory for one transaction (it keeps the memory of the largest transaction's pages for reuse). The
    /// slot being rebuilt serves no reads meanwhile; a crash between these commits restarts the rebuild from the
    /// first event (a crash at any other time resumes it from its last batch). Catch-ups of the serving slot always
    /// commit a batch whole.
    public var projectionRebuildCommitRecords: Int = 16_384
    /// How many threads apply a long batch (a rebuild, or a catch-up of many events) to the projections that read
    /// it together: each thread applies the events to some of the projections, which are shared out by the time
    /// they took so far, and the batch commits as one. Every projection still sees every event in log order, so the
    /// outcome is the same with any number (one exception: each thread reads through its own snapshot, so a data
    /// subject's key erased while the batch runs may still open a sealed value for one projection and no longer for
    /// another). Each thread takes one of the store's reader slots (126) while it applies a chunk.
    /// 1 applies everything on the projection thread alone. The default is the number of processors, at most 4.
    /// With more than 1, a long write of a projection's records also encodes them on another thread, a chunk of 1,024
    /// ahead of the projection thread that puts them into LMDB.
    public var projectionThreads: Int = min(4, max(1, ProcessInfo.processInfo.activeProcessorCount))
    /// Whether the store, during and after a long projection batch (4,096 events or more: a rebuild or a catch-up),
    /// lets the operating system take back the pages of the store's memory map that were touched. They stay in the
    /// kernel's page cache, so a later read maps them again without reading the disk, but they stop counting in this
    /// process's resident memory (a rebuild of a large log would otherwise leave most of the file mapped). During the
    /// batch a thread of the store's reads the process's file-backed resident memory every 5 ms and releases the
    /// pages once it has grown by 64 MiB.
    public var releasesMappedPages: Bool = true
    /// How long the projection runner, once caught up with the log, lets new events gather before its next batch:
    /// asynchronous projections then cost one durable commit per interval, not one per append. Their lag (and a
    /// ``EventStore/waitForProjection(_:toReach:)``) grows by up to this much; inline projections and
    /// subscriptions do not wait for it.
    public var projectionCommitInterval: Duration = .milliseconds(10)
    /// The event types whose personal fields are sealed per data subject on append (see ``PersonalData``).
    public var personalData = PersonalDataSchema()
    /// The key that opens the store's data-subject keys, supplied by the embedding service; `nil` opens the
    /// store with every personal field redacted and refuses appends of personal data. A wrong key fails the
    /// open.
    public var masterKey: MasterKey?
    /// The clock that stamps ``RecordedEvent/recordedAt``; replaceable in tests.
    public var clock: @Sendable () -> Timestamp = { Timestamp.now() }

    /// The default configuration: durable, starting at 64 MiB.
    public init() {}
}

/// What an acknowledged append survives.
public enum Durability: Sendable, Hashable {
    /// An append returns once its commit is on disk: a power cut loses nothing it acknowledged. The default.
    case durable
    /// The data is synced on commit but LMDB's meta page is not (`MDB_NOMETASYNC`): an operating-system crash or
    /// power cut may undo the last commits acknowledged before it, but never corrupts the store. A process crash
    /// loses nothing.
    case lastCommitsAtRisk
    /// Nothing is synced on commit (`MDB_NOSYNC`): a power cut may lose any number of recent commits. A process
    /// crash loses nothing. For tests and throwaway data only.
    case none
}
