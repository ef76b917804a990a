import Foundation
import LMDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

private func key(_ n: UInt64) -> [UInt8] { withUnsafeBytes(of: n.bigEndian) { Array($0) } }
private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

/// The resident size, in KiB, of this process's maps of the file at `path` (the `Rss` lines of `/proc/self/smaps`
/// under the maps whose device and inode are the file's).
private func mappedKiB(of path: String) throws -> Int {
    let file = try FileManager.default.attributesOfItem(atPath: path)
    let inode = try #require(file[.systemFileNumber] as? Int)
    // Read to the end (a file of /proc reports no size, and a read by size would see only its start).
    let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
    defer { try? handle.close() }
    let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
    var total = 0
    var inside = false
    for line in smaps.split(separator: "\n") {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if let first = fields.first, first.contains("-"), first.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
            inside = fields.count >= 6 && Int(fields[4]) == inode && fields[5].hasSuffix("data.mdb")
        } else if inside, fields.first == "Rss:", fields.count >= 2, let kib = Int(fields[1]) {
            total += kib
        }
    }
    return total
}

@Suite("LMDB environment")
struct EnvironmentTests {
    @Test func putGetDeleteAndCount() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        let db = try env.openDatabase("names")
        try env.write { txn in
            try txn.put(db, key: bytes("ada"), value: bytes("Lovelace"))
            try txn.put(db, key: bytes("alan"), value: bytes("Turing"))
        }
        let value = try env.read { txn in try txn.value(db, forKey: bytes("ada")) }
        #expect(value == bytes("Lovelace"))
        #expect(try env.read { txn in try txn.value(db, forKey: bytes("grace")) } == nil)
        #expect(try env.read { txn in try txn.count(db) } == 2)
        let removed = try env.write { txn in try txn.delete(db, key: bytes("ada")) }
        let removedAgain = try env.write { txn in try txn.delete(db, key: bytes("ada")) }
        #expect(removed && !removedAgain)
        #expect(try env.read { txn in try txn.count(db) } == 1)
    }

    @Test func releasingTheMappedPagesKeepsEveryValueReadable() throws {
        for flags: EnvironmentFlags in [[], [.writeMap]] {
            let dir = try TemporaryDirectory()
            var configuration = EnvironmentConfiguration()
            configuration.flags = flags
            let env = try Environment(path: dir.path, configuration: configuration)
            let db = try env.openDatabase("pages")
            // 2,000 values of 1 KiB: hundreds of pages, all touched by the read below.
            let value = { (n: UInt64) in [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 1_024) }
            try env.write { txn in for n: UInt64 in 1...2_000 { try txn.put(db, key: key(n), value: value(n)) } }
            let sum = { try env.read { txn in try (1...2_000).reduce(0) { $0 + Int(try txn.value(db, forKey: key($1))?.first ?? 0) } } }
            let before = try sum()
            let mapped = try mappedKiB(of: dir.path + "/data.mdb")
            try env.releaseMappedPages()
            if flags.isEmpty {
                // The file's map held the pages read (2,000 KiB of values at least), and none after the release.
                #expect(mapped > 2_000)
                #expect(try mappedKiB(of: dir.path + "/data.mdb") < 64)
            }
            // Read again, and written to, after the release: the same bytes, from the page cache.
            #expect(try sum() == before)
            try env.write { txn in try txn.put(db, key: key(2_001), value: value(7)) }
            try env.releaseMappedPages()
            #expect(try env.read { txn in try txn.value(db, forKey: key(2_001)) } == value(7))
            // Inside a transaction too (which keeps the map where it is): its values stay readable.
            #expect(try env.read { txn in
                try env.releaseMappedPages()
                return try txn.value(db, forKey: key(1_000))
            } == value(1_000))
            #expect(try sum() == before)
            env.close()
            #expect(throws: LMDBError.self) { try env.releaseMappedPages() }
        }
    }

    @Test func freePagesPastTheEndOfTheFileStillOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.sub("loose")
        let key = { (n: UInt32) in withUnsafeBytes(of: n.bigEndian) { Array($0) } }
        let value = { (n: UInt32) in [UInt8](repeating: UInt8(truncatingIfNeeded: n), count: 1_000) }
        do {
            let environment = try Environment(path: path)
            let records = try environment.openDatabase("records")
            try environment.write { txn in
                for n in UInt32(0)..<200 { try txn.put(records, key: key(n), value: value(n)) }
            }
            // Rewriting every record frees its old pages for later transactions to reuse.
            try environment.write { txn in
                for n in UInt32(0)..<200 { try txn.put(records, key: key(n), value: value(n + 1)) }
            }
            // A transaction that reuses free pages adds a large value (a run of pages at the end of the file) and
            // deletes it again: LMDB gives those pages back to its free list and never writes them, though they
            // count in the last page number.
            try environment.write { txn in
                for n in UInt32(0)..<200 { try txn.put(records, key: key(n), value: value(n)) }
                try txn.put(records, key: Array("large".utf8), value: [UInt8](repeating: 7, count: 64 << 10))
                _ = try txn.delete(records, key: Array("large".utf8))
            }
            let info = try environment.info()
            let length = try #require(try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int)
            // The case at hand: the file ends before the last page in use.
            #expect(length < info.usedBytes)
            environment.close()
        }
        let environment = try Environment(path: path)
        let records = try environment.openDatabase("records")
        let (count, sample) = try environment.read { txn in (try txn.count(records), try txn.value(records, forKey: key(123))) }
        #expect(count == 200)
        #expect(sample == value(123))
        environment.close()

        // Pages in use past the end are still refused: the file cut in half.
        let length = try #require(try FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int)
        #expect(truncate(path + "/data.mdb", off_t(length / 2)) == 0)
        #expect {
            try Environment(path: path)
        } throws: { error in
            (error as? LMDBError)?.code == .corrupted && "\(error)".contains("shorter than its last committed page")
        }
    }

    @Test func noOverwriteAndOutOfOrderAppendAreKeyExists() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        let db = try env.openDatabase("log")
        try env.write { txn in
            for n: UInt64 in 1...10 { try txn.put(db, key: key(n), value: [UInt8(n)], flags: .append) }
        }
        #expect(throws: LMDBError.self) {
            try env.write { txn in try txn.put(db, key: key(5), value: [0], flags: .append) }
        }
        do {
            try env.write { txn in try txn.put(db, key: key(3), value: [0], flags: .noOverwrite) }
            Issue.record("expected keyExists")
        } catch let error as LMDBError {
            #expect(error.code == .keyExists)
        }
        // The failed transactions wrote nothing.
        #expect(try env.read { txn in try txn.value(db, forKey: key(3)) } == [3])
        #expect(try env.read { txn in try txn.count(db) } == 10)
    }

    @Test func abortedWriteLeavesNothing() throws {
        struct Stop: Error {}
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        let db = try env.openDatabase("x")
        #expect(throws: Stop.self) {
            try env.write { txn in
                try txn.put(db, key: bytes("a"), value: bytes("1"))
                throw Stop()
            }
        }
        #expect(try env.read { txn in try txn.count(db) } == 0)
    }

    @Test func cursorScansInKeyOrderAndSeeks() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        let db = try env.openDatabase("log")
        try env.write { txn in
            for n in stride(from: UInt64(10), through: 100, by: 10) { try txn.put(db, key: key(n), value: key(n * 2)) }
        }
        let (forward, fromSeek, backward) = try env.read { txn in
            try txn.withCursor(db) { cursor in
                var forward: [UInt64] = []
                var entry = try cursor.first()
                while let e = entry {
                    forward.append(e.key.loadUnaligned(as: UInt64.self).bigEndian)
                    entry = try cursor.next()
                }
                let seek = try cursor.seek(atLeast: key(35)).map { $0.key.loadUnaligned(as: UInt64.self).bigEndian }
                var backward: [UInt64] = []
                entry = try cursor.last()
                while let e = entry {
                    backward.append(e.value.loadUnaligned(as: UInt64.self).bigEndian)
                    entry = try cursor.previous()
                }
                return (forward, seek, backward)
            }
        }
        #expect(forward == [10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
        #expect(fromSeek == 40)
        #expect(backward == [200, 180, 160, 140, 120, 100, 80, 60, 40, 20])
    }

    @Test func mapGrowsFrom64KiBToManyMegabytes() throws {
        let dir = try TemporaryDirectory()
        var configuration = EnvironmentConfiguration()
        configuration.mapSize = 64 << 10
        let env = try Environment(path: dir.path, configuration: configuration)
        let db = try env.openDatabase("big")
        let value = [UInt8](repeating: 7, count: 200)
        var next: UInt64 = 0
        for _ in 0..<50 {
            try env.write { txn in
                for i in 0..<1_000 { try txn.put(db, key: key(next + UInt64(i)), value: value, flags: .append) }
            }
            next += 1_000
        }
        let info = try env.info()
        #expect(info.mapSize > 10 << 20)
        #expect(try env.read { txn in try txn.count(db) } == 50_000)
        #expect(try env.read { txn in try txn.value(db, forKey: key(49_999)) } == value)
    }

    @Test func mapGrowthWhileReadersRunConcurrently() async throws {
        let dir = try TemporaryDirectory()
        var configuration = EnvironmentConfiguration()
        configuration.mapSize = 64 << 10
        let env = try Environment(path: dir.path, configuration: configuration)
        let db = try openSync(env, "big")
        let writer = Task.detached {
            for batch in 0..<20 { try writeBatch(env, db, batch) }
        }
        var lastSeen = 0
        while !writer.isCancelled {
            let count = try env.read { txn in try txn.count(db) }
            #expect(count >= lastSeen && count % 500 == 0)
            lastSeen = count
            if count == 10_000 { break }
            await Task.yield()
        }
        try await writer.value
        #expect(try env.read { txn in try txn.count(db) } == 10_000)
    }

    @Test func nestedWriteThrowsInsteadOfDeadlocking() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        let db = try env.openDatabase("x")
        do {
            try env.write { _ in
                try env.write { txn in try txn.put(db, key: bytes("a"), value: bytes("b")) }
            }
            Issue.record("expected nestedWriteTransaction")
        } catch let error as LMDBError {
            #expect(error.code == .nestedWriteTransaction)
        }
    }

    @Test func openingOnePathTwiceIsRefused() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        do {
            _ = try Environment(path: dir.path)
            Issue.record("expected alreadyOpen")
        } catch {
            #expect(error.code == .alreadyOpen)
        }
        env.close()
        _ = try Environment(path: dir.path)
    }

    @Test func notAnLMDBFileIsATypedError() throws {
        let dir = try TemporaryDirectory()
        try Data(repeating: 0xAB, count: 16_384).write(to: URL(fileURLWithPath: dir.path + "/data.mdb"))
        do {
            _ = try Environment(path: dir.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidFile)
            #expect(error.description.contains("not an LMDB data file"))
        }
    }

    @Test func closedEnvironmentRefusesWork() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        env.close()
        do {
            _ = try env.read { _ in 1 }
            Issue.record("expected environmentClosed")
        } catch let error as LMDBError {
            #expect(error.code == .environmentClosed)
        }
    }

    @Test func compactingCopyHoldsTheSameData() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.sub("a"))
        let db = try env.openDatabase("x")
        try env.write { txn in
            for n: UInt64 in 0..<1_000 { try txn.put(db, key: key(n), value: key(n + 1)) }
        }
        try env.copy(to: dir.sub("b"))
        let copy = try Environment(path: dir.sub("b"))
        let copied = try copy.openDatabase("x")
        #expect(try copy.read { txn in try txn.count(copied) } == 1_000)
        #expect(try copy.read { txn in try txn.value(copied, forKey: key(999)) } == key(1_000))
    }

    @Test func staleReaderOfADeadProcessIsCleared() throws {
        let dir = try TemporaryDirectory()
        let env = try Environment(path: dir.path)
        _ = try env.openDatabase("x")
        #expect(try env.clearStaleReaders() == 0)
        // A child process takes a reader slot and dies without releasing it.
        let child = spawnReaderThatDies(path: dir.path)
        #expect(child)
        #expect(try env.clearStaleReaders() == 1)
        #expect(try env.clearStaleReaders() == 0)
    }
}

private func openSync(_ env: Environment, _ name: String) throws -> Database { try env.openDatabase(name) }

private func writeBatch(_ env: Environment, _ db: Database, _ batch: Int) throws {
    let value = [UInt8](repeating: 1, count: 500)
    try env.write { txn in
        for i in 0..<500 { try txn.put(db, key: key(UInt64(batch * 500 + i)), value: value, flags: .append) }
    }
}

/// Forks a child that opens the environment with the C API, begins a read transaction and kills itself.
private func spawnReaderThatDies(path: String) -> Bool {
    let pid = fork()
    if pid == 0 {
        // Child: only C calls, then SIGKILL so nothing is cleaned up.
        ChildReader.run(path: path)
        raise(SIGKILL)
        _exit(1)
    }
    guard pid > 0 else { return false }
    // Wait at most ten seconds, so that a child stuck after fork cannot hang the test run.
    var status: Int32 = 0
    for _ in 0..<1_000 {
        if waitpid(pid, &status, WNOHANG) == pid { return true }
        usleep(10_000)
    }
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
    return false
}
