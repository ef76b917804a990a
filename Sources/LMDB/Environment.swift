internal import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An LMDB environment: one memory-mapped data file holding named databases.
///
/// An environment is shared by every task and thread of the process (it is `Sendable`). Transactions are
/// closure-scoped:
///
/// ```swift
/// let environment = try Environment(path: "/tmp/example")
/// let names = try environment.openDatabase("names")
/// try environment.write { txn in
///     try txn.put(names, key: Array("ada".utf8), value: Array("Lovelace".utf8))
/// }
/// let last = try environment.read { txn in try txn.value(names, forKey: Array("ada".utf8)) }
/// ```
///
/// What the wrapper takes care of:
/// - Reader slots belong to transactions, not threads (`MDB_NOTLS`), so reads work from any task.
///   Read transactions are reset and renewed rather than created anew.
/// - The write transaction runs in one synchronous call (``write(_:)`` is unavailable from `async` code), so it
///   never changes threads; writers in the process take turns, and a nested write on the same thread throws
///   instead of deadlocking.
/// - When a write finds the map full, the map doubles, once no transaction is open in the process, and the write
///   closure runs again. The closure must therefore have no effects outside the transaction.
/// - Stale reader slots left by crashed processes are cleared at open and when the reader table is full.
/// - A commit that fails with `EIO` (a failed `fsync`) poisons the environment: every later write throws
///   ``LMDBError/Code/environmentPoisoned`` until the environment is opened again. Retrying could falsely report
///   success for data that never reached the disk.
public final class Environment: @unchecked Sendable {
    // @unchecked: `pointer` is only used under LMDB's own thread rules (NOTLS readers, one writer at a time
    // through `writerLock`); every mutable property is inside a `Locked`.

    /// The canonical path of the environment.
    public let path: String
    /// The configuration the environment was opened with.
    public let configuration: EnvironmentConfiguration

    let pointer: OpaquePointer
    private let gate = TransactionGate()
    private let threads = ThreadState()
    private let writerLock = Lock()
    private let state: Locked<State>
    private let spareReaders: SpareReaders

    private struct State {
        var mapSize: Int
        var poisoned: LMDBError?
        var closed = false
    }

    private static let openPaths = Locked<Set<String>>([])

    /// Opens (creating if needed) the environment at `path`.
    ///
    /// Unless ``EnvironmentFlags/noSubdirectory`` is set, `path` is a directory holding `data.mdb` and `lock.mdb`;
    /// it is created when missing.
    /// - Throws: ``LMDBError``: ``LMDBError/Code/alreadyOpen`` when this process has the path open already,
    ///   ``LMDBError/Code/invalidFile`` or ``LMDBError/Code/versionMismatch`` for a file that is not a
    ///   compatible LMDB file, `errno` codes for file-system problems.
    public init(path: String, configuration: EnvironmentConfiguration = EnvironmentConfiguration()) throws(LMDBError) {
        var flags = configuration.flags
        flags.insert(.noThreadLocalStorage)
        guard configuration.mapSize > 0, configuration.maximumMapSize >= configuration.mapSize,
            configuration.maxDatabases >= 0, configuration.maxReaders > 0
        else {
            throw LMDBError(
                .invalidArgument, operation: "open \(path)",
                message: "map sizes, maxDatabases and maxReaders must be positive, and maximumMapSize >= mapSize")
        }
        if !flags.contains(.noSubdirectory) && !flags.contains(.readOnly) {
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw LMDBError(returnCode: errno, operation: "create directory \(path)")
            }
        }
        let canonical = Self.canonicalPath(path)
        let inserted = Self.openPaths.withLock { $0.insert(canonical).inserted }
        guard inserted else { throw LMDBError(.alreadyOpen, operation: "open \(canonical)") }

        var env: OpaquePointer?
        var rc = mdb_env_create(&env)
        guard rc == 0, let env else {
            Self.openPaths.withLock { _ = $0.remove(canonical) }
            throw LMDBError(returnCode: rc, operation: "create environment")
        }
        rc = mdb_env_set_mapsize(env, configuration.mapSize)
        if rc == 0 { rc = mdb_env_set_maxreaders(env, UInt32(configuration.maxReaders)) }
        if rc == 0 { rc = mdb_env_set_maxdbs(env, UInt32(configuration.maxDatabases)) }
        if rc == 0 { rc = mdb_env_open(env, path, flags.rawValue, mdb_mode_t(configuration.fileMode)) }
        if rc != 0 {
            mdb_env_close(env)
            Self.openPaths.withLock { _ = $0.remove(canonical) }
            throw LMDBError(returnCode: rc, operation: "open \(path)")
        }
        var dead: Int32 = 0
        _ = mdb_reader_check(env, &dead)
        var info = MDB_envinfo()
        mdb_env_info(env, &info)
        if let shortBy = Self.missingBytes(env, info: info) {
            // A data file cut short (a copy that stopped, a truncate) still has meta pages pointing past its end;
            // LMDB would map them and the first read there would kill the process with SIGBUS.
            mdb_env_close(env)
            Self.openPaths.withLock { _ = $0.remove(canonical) }
            throw LMDBError(
                .corrupted, operation: "open \(path)",
                message: "the data file is \(shortBy) bytes shorter than its last committed page; it was truncated: "
                    + "restore it from a backup")
        }

        self.path = canonical
        self.configuration = configuration
        self.pointer = env
        self.state = Locked(State(mapSize: info.me_mapsize))
        self.spareReaders = SpareReaders(capacity: configuration.spareReadTransactions)
    }

    deinit {
        closeNow()
    }

    /// Closes the environment after the transactions in flight have finished.
    ///
    /// Later calls of any method throw ``LMDBError/Code/environmentClosed``. Closing also happens when the last
    /// reference goes away.
    public func close() {
        closeNow()
    }

    private func closeNow() {
        let alreadyClosed = state.withLock { state in
            defer { state.closed = true }
            return state.closed
        }
        if alreadyClosed { return }
        _ = gate.exclusively(alreadyHeld: threads.openTransactions) {
            for txn in spareReaders.drain() { mdb_txn_abort(txn) }
            mdb_env_close(pointer)
        }
        Self.openPaths.withLock { _ = $0.remove(path) }
    }

    /// How many bytes the data file lacks to hold the last committed page, or `nil` when it holds it.
    private static func missingBytes(_ env: OpaquePointer, info: MDB_envinfo) -> Int? {
        var statistics = MDB_stat()
        var descriptor: mdb_filehandle_t = -1
        guard mdb_env_stat(env, &statistics) == 0, mdb_env_get_fd(env, &descriptor) == 0 else { return nil }
        return DataFileLength.missingBytes(
            descriptor: descriptor, pageSize: Int(statistics.ms_psize), lastPage: UInt64(info.me_last_pgno))
    }

    private static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func checkOpen(_ operation: @autoclosure () -> String) throws(LMDBError) {
        if state.withLock({ $0.closed }) { throw LMDBError(.environmentClosed, operation: operation()) }
    }

    // MARK: - Reading

    /// Runs `body` in a read-only snapshot.
    ///
    /// Safe from any thread or task, concurrently with other readers and with the writer. Keep `body` short:
    /// an open snapshot keeps the pages it sees from being reused, so the file grows while it lasts.
    /// - Throws: ``LMDBError`` or what `body` throws.
    public func read<R>(_ body: (borrowing ReadTransaction) throws -> R) throws -> R {
        try checkOpen("read")
        while true {
            gate.enter()
            let txn: OpaquePointer
            do {
                txn = try beginRead()
            } catch let error where error.code == .mapResized {
                gate.exit()
                try adoptForeignResize()
                continue
            } catch {
                gate.exit()
                throw error
            }
            threads.enter(writer: false)
            defer {
                threads.exit(writer: false)
                endRead(txn)
                gate.exit()
            }
            return try body(ReadTransaction(pointer: txn))
        }
    }

    private func beginRead() throws(LMDBError) -> OpaquePointer {
        if let spare = spareReaders.pop() {
            if mdb_txn_renew(spare) == 0 { return spare }
            mdb_txn_abort(spare)
        }
        var txn: OpaquePointer?
        var rc = mdb_txn_begin(pointer, nil, UInt32(MDB_RDONLY), &txn)
        if rc == MDB_READERS_FULL {
            var dead: Int32 = 0
            _ = mdb_reader_check(pointer, &dead)
            rc = mdb_txn_begin(pointer, nil, UInt32(MDB_RDONLY), &txn)
        }
        try check(rc, "begin read transaction")
        guard let txn else { throw LMDBError(.invalidParameter, operation: "begin read transaction") }
        return txn
    }

    private func endRead(_ txn: OpaquePointer) {
        mdb_txn_reset(txn)
        if !spareReaders.push(txn) { mdb_txn_abort(txn) }
    }

    // MARK: - Writing

    /// Runs `body` in the write transaction and commits it; aborts it if `body` throws.
    ///
    /// Writers in this process take turns (other processes wait on LMDB's lock). The call is synchronous and
    /// unavailable from `async` code, so the transaction never changes threads: from async code, call it from a
    /// thread you own or wrap it in a synchronous function. If the map fills up, it grows and `body` runs again,
    /// so `body` must not have effects outside the transaction.
    /// - Returns: what `body` returned, once the commit is durable (unless ``EnvironmentFlags/noSync`` or
    ///   ``EnvironmentFlags/noMetaSync`` weaken that).
    /// - Throws: ``LMDBError`` (``LMDBError/Code/nestedWriteTransaction`` when this thread is already writing,
    ///   ``LMDBError/Code/environmentPoisoned`` after a failed `fsync`), or what `body` throws.
    @available(*, noasync, message: "LMDB write transactions are bound to one thread; call write from synchronous code")
    public func write<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        try checkOpen("write")
        if threads.holdsWriter { throw LMDBError(.nestedWriteTransaction, operation: "begin write transaction") }
        return try writerLock.withLock { try writeLocked(body) }
    }

    private func writeLocked<R>(_ body: (borrowing WriteTransaction) throws -> R) throws -> R {
        while true {
            if let poisoned = state.withLock({ $0.poisoned }) {
                throw LMDBError(.environmentPoisoned, operation: "write", message: "\(LMDBError.defaultMessage(for: .environmentPoisoned)); the failure was: \(poisoned)")
            }
            gate.enter()
            var txn: OpaquePointer?
            let rc = mdb_txn_begin(pointer, nil, 0, &txn)
            if rc == MDB_MAP_RESIZED {
                gate.exit()
                try adoptForeignResize()
                continue
            }
            guard rc == 0, let txn else {
                gate.exit()
                throw LMDBError(returnCode: rc, operation: "begin write transaction")
            }
            let attempt = WriteAttempt()
            threads.enter(writer: true)
            let result: R
            do {
                result = try body(WriteTransaction(pointer: txn, attempt: attempt))
            } catch {
                mdb_txn_abort(txn)
                threads.exit(writer: true)
                gate.exit()
                if attempt.mapWasFull || (error as? LMDBError)?.code == .mapFull {
                    try grow()
                    continue
                }
                throw error
            }
            // A failed commit has already freed the transaction: it must not be aborted.
            let commit = mdb_txn_commit(txn)
            threads.exit(writer: true)
            gate.exit()
            switch commit {
            case 0:
                return result
            case MDB_MAP_FULL:
                try grow()
                continue
            case EIO, MDB_PANIC:
                let error = LMDBError(returnCode: commit, operation: "commit")
                state.withLock { $0.poisoned = error }
                throw error
            default:
                throw LMDBError(returnCode: commit, operation: "commit")
            }
        }
    }

    /// Doubles the map (up to the configured maximum) once no transaction is open in the process.
    private func grow() throws(LMDBError) {
        let current = state.withLock { $0.mapSize }
        guard current < configuration.maximumMapSize else {
            throw LMDBError(
                .mapFull, operation: "grow map",
                message: "the store needs more than maximumMapSize (\(configuration.maximumMapSize) bytes); raise it")
        }
        let target = min(current * 2, configuration.maximumMapSize)
        try resize(to: target)
    }

    private func resize(to size: Int) throws(LMDBError) {
        let rc = gate.exclusively(alreadyHeld: threads.openTransactions) { () -> Int32 in
            // Spare (reset) readers are aborted too, so nothing of the old mapping is referenced.
            for txn in spareReaders.drain() { mdb_txn_abort(txn) }
            let rc = mdb_env_set_mapsize(pointer, size)
            if rc == 0 {
                var info = MDB_envinfo()
                mdb_env_info(pointer, &info)
                state.withLock { $0.mapSize = info.me_mapsize }
            }
            return rc
        }
        guard let rc else {
            throw LMDBError(
                .mapFull, operation: "grow map",
                message: "the map is full and cannot grow while this thread holds a read transaction; "
                    + "do not write from inside a read")
        }
        try check(rc, "resize map to \(size) bytes")
    }

    /// Another process grew the map: adopt its size (`mdb_env_set_mapsize(env, 0)`).
    private func adoptForeignResize() throws(LMDBError) {
        try resize(to: 0)
    }

    // MARK: - Maintenance

    /// Opens (creating if needed) a database in its own write transaction, or in a read transaction when the
    /// environment is read-only.
    ///
    /// Open every database once at start-up and keep the handle.
    /// - Throws: ``LMDBError``.
    @available(*, noasync, message: "opening a database writes; call it from synchronous code")
    public func openDatabase(_ name: String?, flags: DatabaseFlags = [.create]) throws -> Database {
        if configuration.flags.contains(.readOnly) {
            // A handle opened in a read transaction survives only if that transaction commits.
            try checkOpen("open database")
            gate.enter()
            defer { gate.exit() }
            var txn: OpaquePointer?
            try check(mdb_txn_begin(pointer, nil, UInt32(MDB_RDONLY), &txn), "begin read transaction")
            guard let txn else { throw LMDBError(.invalidParameter, operation: "begin read transaction") }
            let database: Database
            do {
                database = try ReadTransaction(pointer: txn).openDatabase(name, flags: flags)
            } catch {
                mdb_txn_abort(txn)
                throw error
            }
            try check(mdb_txn_commit(txn), "commit read transaction")
            return database
        }
        return try write { txn in try txn.openDatabase(name, flags: flags) }
    }

    /// The environment's current figures (`mdb_env_info`).
    public func info() throws(LMDBError) -> EnvironmentInfo {
        try checkOpen("info")
        var info = MDB_envinfo()
        try check(mdb_env_info(pointer, &info), "info")
        var stat = MDB_stat()
        try check(mdb_env_stat(pointer, &stat), "stat")
        return EnvironmentInfo(
            mapSize: info.me_mapsize, lastPage: info.me_last_pgno, lastTransactionID: info.me_last_txnid,
            maxReaders: Int(info.me_maxreaders), readersInUse: Int(info.me_numreaders),
            pageSize: Int(stat.ms_psize))
    }

    /// Lets the operating system take back the pages of the memory map that this process has touched, so that they
    /// stop counting in its resident memory; it returns nothing and changes no data.
    ///
    /// LMDB reads through a shared, read-only map of the data file (without ``EnvironmentFlags/writeMap`` it writes
    /// with `pwrite`, never through the map), so the pages a long read touched stay mapped, and resident, after it.
    /// This drops them from the process's page tables (`madvise(MADV_DONTNEED)`): they stay in the kernel's page
    /// cache, and a later read maps them again without going to the disk. It is safe while other threads read: a
    /// page they touch is mapped again on the spot. It may be called with a transaction open. With
    /// ``EnvironmentFlags/writeMap`` it does nothing, nor on systems other than Linux, nor where the data file's map
    /// cannot be found in `/proc/self/maps` (by the file's device and inode, or its inode alone).
    /// - Throws: ``LMDBError`` when the environment is closed.
    public func releaseMappedPages() throws(LMDBError) {
        // Inside the gate: a resize (which may move the map) or a close waits until this is done. A thread that holds
        // a transaction already keeps them out (and entering the gate again could wait for a pending resize that
        // waits for this thread).
        let holds = threads.openTransactions > 0
        if !holds { gate.enter() }
        defer { if !holds { gate.exit() } }
        try checkOpen("release mapped pages")
        var flags: UInt32 = 0
        try check(mdb_env_get_flags(pointer, &flags), "get flags")
        guard flags & UInt32(MDB_WRITEMAP) == 0 else { return }
        #if os(Linux)
        var descriptor: mdb_filehandle_t = -1
        try check(mdb_env_get_fd(pointer, &descriptor), "get file descriptor")
        var file = stat()
        guard fstat(descriptor, &file) == 0 else { return }
        // LMDB does not say where it mapped the file: the process's own list of maps does (the data file's device
        // and inode). A failure (which would only mean nothing is mapped there) is harmless and ignored.
        var ranges = ProcessMaps.ranges(device: UInt64(file.st_dev), inode: UInt64(file.st_ino))
        // Some file systems (btrfs subvolumes) show another device in the list of maps than `fstat` reports.
        if ranges.isEmpty { ranges = ProcessMaps.ranges(device: nil, inode: UInt64(file.st_ino)) }
        for (start, end) in ranges {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), Int32(MADV_DONTNEED))
        }
        #endif
    }


    /// The resident memory of this process that files back (its mapped files, the data files' maps among them) and
    /// shared memory, in bytes, from `/proc/self/statm`: a cheap reading for deciding when
    /// ``releaseMappedPages()`` is worth its cost. `nil` on systems other than Linux, or when it cannot be read.
    public static var processFileResidentBytes: Int? {
        #if os(Linux)
        return ProcessMaps.residentSharedBytes()
        #else
        return nil
        #endif
    }

    /// Clears reader slots left behind by processes that died (`mdb_reader_check`).
    /// - Returns: the number of slots cleared.
    @discardableResult
    public func clearStaleReaders() throws(LMDBError) -> Int {
        try checkOpen("reader check")
        var dead: Int32 = 0
        try check(mdb_reader_check(pointer, &dead), "reader check")
        return Int(dead)
    }

    /// Flushes the data to disk (`mdb_env_sync`), for environments opened with ``EnvironmentFlags/noSync`` or
    /// ``EnvironmentFlags/noMetaSync``.
    /// - Throws: ``LMDBError``; an `EIO` poisons the environment.
    public func sync() throws(LMDBError) {
        try checkOpen("sync")
        let rc = mdb_env_sync(pointer, 1)
        if rc == EIO {
            let error = LMDBError(returnCode: rc, operation: "sync")
            state.withLock { $0.poisoned = error }
            throw error
        }
        try check(rc, "sync")
    }

    /// Writes a consistent copy of the environment to `destination` while reads and writes go on
    /// (`mdb_env_copy2`).
    ///
    /// - Parameters:
    ///   - destination: a directory that exists and holds no LMDB files (it is created when missing), or a file
    ///     path when the environment uses ``EnvironmentFlags/noSubdirectory``.
    ///   - compacting: omit free pages and renumber the rest, giving the smallest file (`MDB_CP_COMPACT`).
    /// - Throws: ``LMDBError``.
    public func copy(to destination: String, compacting: Bool = true) throws(LMDBError) {
        try checkOpen("copy")
        if !configuration.flags.contains(.noSubdirectory) {
            if mkdir(destination, 0o755) != 0 && errno != EEXIST {
                throw LMDBError(returnCode: errno, operation: "create directory \(destination)")
            }
        }
        gate.enter()
        defer { gate.exit() }
        try check(mdb_env_copy2(pointer, destination, compacting ? UInt32(MDB_CP_COMPACT) : 0), "copy to \(destination)")
    }

    /// Writes a consistent copy of the environment's data file to an open file descriptor (a file, a pipe, a
    /// socket) while reads and writes go on (`mdb_env_copyfd2`). What it writes is a `data.mdb` image.
    /// - Parameter compacting: omit free pages and renumber the rest (`MDB_CP_COMPACT`).
    /// - Throws: ``LMDBError``.
    public func copy(toFileDescriptor descriptor: Int32, compacting: Bool = true) throws(LMDBError) {
        try checkOpen("copy")
        gate.enter()
        defer { gate.exit() }
        try check(
            mdb_env_copyfd2(pointer, descriptor, compacting ? UInt32(MDB_CP_COMPACT) : 0),
            "copy to file descriptor \(descriptor)")
    }
}

/// Figures describing an open ``Environment``.
public struct EnvironmentInfo: Sendable, Hashable {
    /// The size of the memory map, in bytes.
    public var mapSize: Int
    /// The number of the last page in use.
    public var lastPage: Int
    /// The identifier of the last committed transaction.
    public var lastTransactionID: Int
    /// The size of the reader table.
    public var maxReaders: Int
    /// Reader slots in use (by every process).
    public var readersInUse: Int
    /// The size of a page, in bytes.
    public var pageSize: Int

    /// Bytes in use by the data (pages up to the last one).
    public var usedBytes: Int { (lastPage + 1) * pageSize }
}
