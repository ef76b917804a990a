import CRawLMDB
import Crypto
import EventSourcing
import Foundation

extension RawLMDBBaseline {
    /// The baseline of verification: a cursor scan that chains a SHA-256 over every record (previous hash,
    /// position, record bytes), as a verifier of a hash-chained raw log would; returns the records hashed.
    func hashChain() throws -> Int {
        try read { txn in
            var cursor: OpaquePointer?
            try Self.check(mdb_cursor_open(txn, events, &cursor), "cursor")
            defer { mdb_cursor_close(cursor) }
            var k = MDB_val()
            var v = MDB_val()
            var previous = [UInt8](repeating: 0, count: 32)
            var count = 0
            var rc = mdb_cursor_get(cursor, &k, &v, MDB_FIRST)
            while rc == 0 {
                var hasher = SHA256()
                hasher.update(data: previous)
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: k.mv_data, count: k.mv_size))
                hasher.update(bufferPointer: UnsafeRawBufferPointer(start: v.mv_data, count: v.mv_size))
                previous = Array(hasher.finalize())
                count += 1
                rc = mdb_cursor_get(cursor, &k, &v, MDB_NEXT)
            }
            if rc != MDB_NOTFOUND { try Self.check(rc, "scan") }
            return count
        }
    }
}

extension WorkloadComparison {
    /// Verification of the whole store (chain, positions, time order, stream versions, both indexes) against the
    /// baseline's hash-chain scan.
    static func verifyWorkload(into report: inout ComparisonReport, rapport: RapportRunner, raw: BaselineRunner) throws {
        let (hashed, rawSeconds) = try Measure.time { try raw.baseline.hashChain() }
        let (verified, seconds) = try Measure.time { try rapport.store.verify() }
        guard verified.isIntact else {
            throw Mismatch(description: "verification of the benchmark store failed: \(verified.problem.map { "\($0)" } ?? "")")
        }
        report.figures.append(
            Figure(id: "Verify", workload: "verify the whole store", unit: "events/s",
                   rapport: Double(verified.eventsChecked) / seconds, baseline: Double(hashed) / rawSeconds,
                   target: "(recorded)"))
    }
}
