import EventSourcing
import Foundation
import LMDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Resource faults: each one a typed error or a correct recovery, never a crash, never a silent loss.
@Suite("Resource faults")
struct ResourceFaultTests {
    static func event(_ size: Int, _ seed: Int) -> NewEvent {
        NewEvent(type: "Filler", payload: (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed) })
    }

    static var smallStore: EventStoreConfiguration {
        var configuration = EventStoreConfiguration()
        configuration.initialMapSize = 64 << 10
        return configuration
    }

    /// Appends 8 KiB events one by one until an append fails (at most `limit`); returns the acknowledged ids and the
    /// error.
    static func fill(_ store: EventStore, limit: Int = 2_000) async -> (acknowledged: [EventID], error: EventStoreError?) {
        var acknowledged: [EventID] = []
        let stream = try? StreamName("filler-1")
        guard let stream else { return ([], nil) }
        for number in 0..<limit {
            let event = event(8 << 10, number)
            do {
                try await store.append([event], to: stream)
                acknowledged.append(event.id)
            } catch {
                return (acknowledged, error)
            }
        }
        return (acknowledged, nil)
    }

    /// Whether the store holds exactly `ids`, in order, and verifies.
    static func holds(_ store: EventStore, exactly ids: [EventID]) async throws -> Bool {
        let events = try await store.readAll()
        let intact = try store.verify().isIntact
        return events.map(\.id) == ids && intact
    }

    @Test(.enabled(if: Mounts.canMountTmpfs)) func aFullDiskFailsTheAppendWithNoSpaceAndLosesNothing() async throws {
        let disk = try Mounts.Tmpfs(size: 1 << 20)
        defer { disk.unmount() }
        let path = disk.path + "/store"
        let store = try EventStore(path: path, configuration: Self.smallStore)
        let (acknowledged, error) = await Self.fill(store)
        let failure = try #require(error, "1 MiB of tmpfs took 16 MiB of events")
        guard case .storage(let storage) = failure else {
            Issue.record("expected a storage error, got \(failure)")
            return
        }
        #expect(storage.code == .noSpace, "got \(storage)")
        #expect(!acknowledged.isEmpty)
        // The failed append wrote nothing; the acknowledged ones are all readable, in the same process.
        #expect(try await Self.holds(store, exactly: acknowledged))
        store.close()

        // Reopened on the still-full disk: intact. Given room, appends go on.
        let reopened = try EventStore(path: path, configuration: Self.smallStore)
        defer { reopened.close() }
        #expect(try await Self.holds(reopened, exactly: acknowledged))
        try disk.remount("size=4m")
        let next = Self.event(100, 7)
        try await reopened.append([next], to: try StreamName("filler-1"))
        #expect(try await Self.holds(reopened, exactly: acknowledged + [next.id]))
        print("disk full: \(acknowledged.count) appends of 8 KiB acknowledged on a 1 MiB tmpfs, then \(storage)")
    }

    @Test func aFullMapAtItsMaximumFailsTheAppendAndKeepsEverythingBefore() async throws {
        let directory = try ScratchDirectory("mapfull")
        defer { directory.remove() }
        var configuration = Self.smallStore
        configuration.maximumMapSize = 512 << 10
        let store = try EventStore(path: directory.file("store"), configuration: configuration)
        let (acknowledged, error) = await Self.fill(store)
        let failure = try #require(error, "a 512 KiB map took 16 MiB of events")
        guard case .storage(let storage) = failure else {
            Issue.record("expected a storage error, got \(failure)")
            return
        }
        #expect(storage.code == .mapFull, "got \(storage)")
        print("map full: \(acknowledged.count) appends of 8 KiB in a 512 KiB map, then \(storage)")
        #expect(acknowledged.count > 10)
        #expect(try await Self.holds(store, exactly: acknowledged))
        // A small event may still fit, or fail the same way; either way nothing is half-written.
        let small = Self.event(10, 1)
        let fitted = (try? await store.append([small], to: try StreamName("filler-1"))) != nil
        #expect(try await Self.holds(store, exactly: acknowledged + (fitted ? [small.id] : [])))
        store.close()

        // With a larger maximum the same store grows on.
        configuration.maximumMapSize = 64 << 20
        let reopened = try EventStore(path: directory.file("store"), configuration: configuration)
        defer { reopened.close() }
        let next = Self.event(8 << 10, 99)
        try await reopened.append([next], to: try StreamName("filler-1"))
        #expect(try await Self.holds(reopened, exactly: acknowledged + (fitted ? [small.id] : []) + [next.id]))
    }

    @Test func aFullReaderTableIsATypedErrorAndReadsResumeOnceSlotsFree() throws {
        let directory = try ScratchDirectory("readers")
        defer { directory.remove() }
        var configuration = EnvironmentConfiguration()
        configuration.maxReaders = 4
        configuration.spareReadTransactions = 0
        let environment = try Environment(path: directory.path, configuration: configuration)
        defer { environment.close() }
        let database = try environment.openDatabase("d")
        try environment.write { txn in try txn.put(database, key: [1], value: [42]) }

        // Four threads each hold a read transaction open until released.
        let release = DispatchSemaphore(value: 0)
        let holding = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<4 {
            done.enter()
            Thread.detachNewThread {
                _ = try? environment.read { _ in
                    holding.signal()
                    release.wait()
                }
                done.leave()
            }
        }
        for _ in 0..<4 { holding.wait() }
        var fifth: (any Error)?
        do {
            _ = try environment.read { txn in try txn.value(database, forKey: [1]) }
        } catch {
            fifth = error
        }
        for _ in 0..<4 { release.signal() }
        done.wait()
        let error = try #require(fifth as? LMDBError, "a fifth reader got a slot of four: \(String(describing: fifth))")
        #expect(error.code == .readersFull, "got \(error)")
        print("reader table full: \(error)")
        // The slots are free again: reads work, and the data is intact.
        #expect(try environment.read { txn in try txn.value(database, forKey: [1]) } == [42])
    }

    @Test(.enabled(if: Mounts.canMountTmpfs)) func aReadOnlyFileSystemRefusesWritesWithATypedErrorAndStillReads() async throws {
        let disk = try Mounts.Tmpfs(size: 8 << 20)
        defer { disk.unmount() }
        let path = disk.path + "/store"
        let store = try EventStore(path: path, configuration: Self.smallStore)
        let events = (0..<20).map { Self.event(500, $0) }
        try await store.append(events, to: try StreamName("kept-1"))
        store.close()
        try disk.remount("ro")

        // Opening for writing: a typed storage error naming the read-only file system.
        var writable: (any Error)?
        do { _ = try EventStore(path: path, configuration: Self.smallStore) } catch { writable = error }
        let failure = try #require(writable as? EventStoreError, "a store opened for writing on a read-only file system")
        guard case .storage(let storage) = failure else {
            Issue.record("expected a storage error, got \(failure)")
            return
        }
        #expect(storage.code == .readOnlyFileSystem || storage.code == .permissionDenied, "got \(storage)")
        print("read-only file system: opening for writing: \(storage)")

        // Opening read-only: the events are all there and verify (or, if LMDB cannot lock, a typed error).
        var readOnly = Self.smallStore
        readOnly.readOnly = true
        do {
            let reader = try EventStore(path: path, configuration: readOnly)
            defer { reader.close() }
            #expect(try await Self.holds(reader, exactly: events.map(\.id)))
        } catch let error as EventStoreError {
            Issue.record("a read-only store on a read-only file system did not open: \(error)")
        }
        try disk.remount("rw")
        let again = try EventStore(path: path, configuration: Self.smallStore)
        defer { again.close() }
        #expect(try await Self.holds(again, exactly: events.map(\.id)))
    }

    /// A store of 300 events in 30 appends, closed; returns its path and the data file's bytes.
    static func storeToDamage(_ directory: ScratchDirectory) async throws
        -> (path: String, data: [UInt8], checkpoint: LogCheckpoint)
    {
        let path = directory.file("store")
        let store = try EventStore(path: path, configuration: Self.smallStore)
        for round in 0..<30 {
            try await store.append((0..<10).map { Self.event(600, round * 10 + $0) }, to: try StreamName("damaged-\(round % 3)"))
        }
        let checkpoint = try store.checkpoint()
        store.close()
        let data = try #require(FileManager.default.contents(atPath: path + "/data.mdb"))
        return (path, Array(data), checkpoint)
    }

    /// Runs the child's `scan` on the store: it must end normally (a typed error or an intact read), never by a
    /// signal; returns its line.
    static func scanInChild(_ path: String) async throws -> String {
        let child = try ChildProcess(["scan", path])
        let (lines, _) = try await child.waitForExit()
        #expect(!child.wasKilled, "the scan of a damaged store crashed the process: \(lines)")
        return lines.last ?? ""
    }

    @Test func aTruncatedStoreFileIsRefusedWithATypedErrorNotACrash() async throws {
        let directory = try ScratchDirectory("truncated")
        defer { directory.remove() }
        let (path, data, checkpoint) = try await Self.storeToDamage(directory)
        #expect(data.count > 64 << 10)
        for keep in [data.count / 2, 3 * 4096, 4096, 100] {
            try Data(data[..<keep]).write(to: URL(fileURLWithPath: path + "/data.mdb"))
            let line = try await Self.scanInChild(path)
            #expect(line.hasPrefix("typed-error"), "truncated to \(keep) bytes: \(line)")
            // In this process too: a typed error.
            #expect(throws: EventStoreError.self) { _ = try EventStore(path: path, configuration: Self.smallStore) }
        }
        // Cut to nothing, the file cannot be told from a new one (LMDB starts it afresh); a checkpoint kept from
        // before tells: verification against it reports another store.
        try Data().write(to: URL(fileURLWithPath: path + "/data.mdb"))
        let emptied = try EventStore(path: path, configuration: Self.smallStore)
        defer { emptied.close() }
        let report = try emptied.verify(from: checkpoint)
        #expect(!report.isIntact && report.checkpointMatched == false, "\(report)")
    }

    @Test func aStoreFileOverwrittenWithGarbageIsRefusedWithATypedError() async throws {
        let directory = try ScratchDirectory("garbage")
        defer { directory.remove() }
        let (path, data, _) = try await Self.storeToDamage(directory)
        var random = SystemRandomNumberGenerator()
        // The whole file, and the two meta pages alone.
        let whole = (0..<data.count).map { _ in UInt8.random(in: 0...255, using: &random) }
        var metas = data
        for index in 0..<(2 * 4096) { metas[index] = UInt8.random(in: 0...255, using: &random) }
        for damaged in [whole, metas] {
            try Data(damaged).write(to: URL(fileURLWithPath: path + "/data.mdb"))
            let line = try await Self.scanInChild(path)
            #expect(line.hasPrefix("typed-error"), "\(line)")
            #expect(throws: EventStoreError.self) { _ = try EventStore(path: path, configuration: Self.smallStore) }
        }
    }

    /// One page after the meta pages overwritten with random bytes, 20 times (each on a fresh copy), read in a
    /// child. A known limit, not a promise: LMDB keeps no page checksums and trusts the B-tree it reads, so a page
    /// turned to garbage by something other than LMDB (a bad disk, a stray write) can crash the process that
    /// reads it; `rapport verify`, a process of its own, then reports the crash. Recorded as a known issue, so the
    /// test says so if it ever stops happening.
    @Test func aDataPageOverwrittenWithGarbageCanCrashTheReaderAKnownLimitOfLMDB() async throws {
        let directory = try ScratchDirectory("garbage-page")
        defer { directory.remove() }
        let (path, data, _) = try await Self.storeToDamage(directory)
        var random = SystemRandomNumberGenerator()
        let pages = data.count / 4096
        var outcomes: [String: Int] = [:]
        for _ in 0..<20 {
            var damaged = data
            let page = Int.random(in: 2..<pages, using: &random)
            for index in (page * 4096)..<((page + 1) * 4096) { damaged[index] = UInt8.random(in: 0...255, using: &random) }
            try Data(damaged).write(to: URL(fileURLWithPath: path + "/data.mdb"))
            let child = try ChildProcess(["scan", path])
            let (lines, status) = try await child.waitForExit()
            let line = lines.last ?? ""
            let outcome =
                child.wasKilled ? "reader killed by signal \(status)"
                : line.hasPrefix("typed-error") ? "typed error"
                : line.contains("intact false") ? "verification problem" : line.contains("intact true") ? "intact" : line
            outcomes[outcome, default: 0] += 1
        }
        print("garbage page: 20 single pages overwritten: \(outcomes)")
        withKnownIssue("LMDB keeps no page checksums: a garbage B-tree page can crash the process reading it") {
            #expect(outcomes.keys.allSatisfy { !$0.hasPrefix("reader killed") }, "\(outcomes)")
        }
    }

    /// Marks the store as written by `format`, through LMDB directly.
    static func markFormat(_ format: UInt8, path: String) throws {
        let environment = try Environment(path: path)
        defer { environment.close() }
        let meta = try environment.openDatabase("meta")
        try environment.write { txn in try txn.put(meta, key: Array("format".utf8), value: [format, 0, 0, 0]) }
    }

    @Test func aStoreOfANewerFormatIsRefusedAndLeftUnchanged() async throws {
        let directory = try ScratchDirectory("newer")
        defer { directory.remove() }
        let path = directory.file("store")
        let store = try EventStore(path: path, configuration: Self.smallStore)
        try await store.append([Self.event(100, 1)], to: try StreamName("old-1"))
        store.close()
        try Self.markFormat(2, path: path)
        let before = FileManager.default.contents(atPath: path + "/data.mdb")

        #expect(throws: EventStoreError.unsupportedFormat(found: 2, supported: 1)) {
            _ = try EventStore(path: path, configuration: Self.smallStore)
        }
        var readOnly = Self.smallStore
        readOnly.readOnly = true
        #expect(throws: EventStoreError.unsupportedFormat(found: 2, supported: 1)) {
            _ = try EventStore(path: path, configuration: readOnly)
        }
        #expect(FileManager.default.contents(atPath: path + "/data.mdb") == before, "the refused opens wrote nothing")
    }
}
