import EventSourcing
import Foundation
import ReliabilityFixtures
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Process death: a child appends from four tasks (single and grouped appends, an inline and an async projection)
/// and is killed with SIGKILL at a random moment, again and again; after each kill the store must hold every
/// acknowledged append, gap-free, verifying, with both projections equal to a fold of the log.
///
/// `RAPPORT_CRASH_CYCLES` sets the number of cycles (default 50); a fresh store is started every 50 cycles so
/// that each check stays small.
@Suite("Crash: SIGKILL at random moments")
struct CrashTests {
    @Test func everyAcknowledgedAppendSurvivesRepeatedKills() async throws {
        let cycles = ProcessInfo.processInfo.environment["RAPPORT_CRASH_CYCLES"].flatMap(Int.init) ?? 50
        let cyclesPerStore = 50
        var random = SystemRandomNumberGenerator()
        var totals = StoreChecks.Findings()
        var killedBeforeReady = 0
        var stores = 0
        var sideFiles: [String] = []
        var directory = try ScratchDirectory("crash")
        defer { directory.remove() }
        let started = ContinuousClock.now
        for cycle in 0..<cycles {
            if cycle > 0 && cycle % cyclesPerStore == 0 {
                directory.remove()
                directory = try ScratchDirectory("crash")
            }
            if cycle % cyclesPerStore == 0 {
                stores += 1
                sideFiles = []
            }
            let store = directory.file("store")
            let side = directory.file("acknowledged-\(cycle)")
            sideFiles.append(side)
            let child = try ChildProcess(["crash", store, side, "\(UInt64.random(in: 1...UInt64.max, using: &random))"])
            if Int.random(in: 0..<5, using: &random) == 0 {
                // Early: while the store opens, recovers, or adds its projections.
                try await Task.sleep(for: .milliseconds(Int.random(in: 0..<30, using: &random)))
                if !child.lines.contains("ready") { killedBeforeReady += 1 }
            } else {
                let ready = try await child.waitForLine { $0 == "ready" }
                #expect(ready, "the child did not start: \(child.lines)")
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...120, using: &random)))
            }
            child.kill()
            #expect(child.wasKilled, "cycle \(cycle): the child ended by itself: \(child.lines.suffix(3))")
            let findings = try await StoreChecks.check(path: store, sideFiles: sideFiles)
            #expect(findings.problems.isEmpty, "cycle \(cycle): \(findings.problems)")
            if !findings.problems.isEmpty { return }
            if (cycle + 1) % cyclesPerStore == 0 || cycle == cycles - 1 {
                totals.events += findings.events
                totals.acknowledgedAppends += findings.acknowledgedAppends
                totals.acknowledgedEvents += findings.acknowledgedEvents
                totals.unacknowledgedEvents += findings.unacknowledgedEvents
            }
        }
        print(
            "crash: \(cycles) SIGKILL cycles (\(killedBeforeReady) before the store was ready) on \(stores) stores in "
                + "\(ContinuousClock.now - started): \(totals.acknowledgedAppends) acknowledged appends "
                + "(\(totals.acknowledgedEvents) events) all present, \(totals.events) events in all "
                + "(\(totals.unacknowledgedEvents) committed but not yet acknowledged when killed), no gap, chain verified, "
                + "projections equal to the fold after every cycle")
        // The harness really appended: a test that never got an append acknowledged proves nothing.
        #expect(totals.acknowledgedAppends > cycles)
    }
}
