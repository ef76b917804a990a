import EventSourcing
import Foundation
import LMDB
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Exactly-once across crashes: a child process rebuilds a projection and is killed (SIGKILL) mid-rebuild, several
/// times; each restart resumes from the last committed batch, and the final state counts every event exactly once.
@Suite("Projection crashes")
struct ProjectionCrashTests {
    static let events = 20_000

    @Test func aRebuildKilledMidwayResumesAndAppliesEachEventExactlyOnce() async throws {
        let child = try #require(Self.childExecutable(), "the projection-crash-child executable was not built")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let seeded = try await Self.run(child, ["seed", directory, "\(Self.events)"], killAfterProgress: nil)
        #expect(seeded.lines.last == "seeded \(Self.events)")

        var generator = SeededGenerator(seed: 2026)
        var lastKilledAt = 0
        var kills = 0
        for _ in 0..<4 {
            // Kill somewhere after the next 1,000 to 4,000 events of progress.
            let threshold = min(lastKilledAt + Int.random(in: 1_000...4_000, using: &generator), Self.events - 2_500)
            let run = try await Self.run(child, ["rebuild", directory], killAfterProgress: threshold)
            guard run.killed else { break }
            kills += 1
            let progress = run.lines.compactMap(Self.progress)
            // The restarted rebuild went on from its checkpoint, not from the start.
            if let first = progress.first, lastKilledAt > 0 {
                #expect(first >= lastKilledAt - 100, "a restart began at \(first), before the \(lastKilledAt) already passed")
            }
            lastKilledAt = progress.max() ?? lastKilledAt
        }
        #expect(kills >= 2)

        let finished = try await Self.run(child, ["rebuild", directory], killAfterProgress: nil)
        let state = try Self.state(finished)
        // 20,000 events over 50 streams, each counted once with weight 10.
        #expect(state.count == 50)
        #expect(state.values.allSatisfy { $0 == Self.events / 50 * 10 })
    }

    /// A rebuild whose batches are written in several commits each (2 records per commit, values slow to encode),
    /// killed several times: a kill between those commits starts the rebuild again from the first event, any other
    /// resumes it, and the final state still counts every event exactly once.
    @Test func aRebuildKilledWhileWritingABatchInPartsStartsAgainAndCountsEachEventOnce() async throws {
        let child = try #require(Self.childExecutable(), "the projection-crash-child executable was not built")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-crash-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let events = 5_000
        let seeded = try await Self.run(child, ["seed", directory, "\(events)"], killAfterProgress: nil)
        #expect(seeded.lines.last == "seeded \(events)")

        var generator = SeededGenerator(seed: 2027)
        var kills = 0
        for _ in 0..<4 {
            // After a batch's commit and some milliseconds more: often while the next batch is written in parts.
            let threshold = Int.random(in: 300...2_000, using: &generator)
            let delay = UInt32.random(in: 2_000...9_000, using: &generator)
            let run = try await Self.run(child, ["rebuild-parts", directory], killAfterProgress: threshold, killDelay: delay)
            if run.killed { kills += 1 }
            // A restart that found a batch written in part began from the first event (`progress 100`); either way
            // the final state below must hold.
        }
        #expect(kills >= 2)

        let finished = try await Self.run(child, ["rebuild-parts", directory], killAfterProgress: nil)
        let state = try Self.state(finished)
        // 5,000 events over 50 streams, each counted once with weight 10.
        #expect(state.count == 50)
        #expect(state.values.allSatisfy { $0 == events / 50 * 10 })
    }

    /// The state the child printed (`state key=count,...`).
    static func state(_ run: ChildRun) throws -> [String: Int] {
        let stateLine = try #require(run.lines.first { $0.hasPrefix("state ") }, "\(run.lines)")
        var state: [String: Int] = [:]
        for pair in stateLine.dropFirst("state ".count).split(separator: ",") {
            let parts = pair.split(separator: "=")
            state[String(parts[0])] = Int(parts[1])
        }
        return state
    }

    static func progress(_ line: String) -> Int? {
        let parts = line.split(separator: " ")
        guard parts.count == 4, parts[0] == "progress" else { return nil }
        return Int(parts[1])
    }

    /// The child next to the test bundle.
    static func childExecutable() -> String? {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [
            bundle.appendingPathComponent("projection-crash-child").path,
            bundle.deletingLastPathComponent().appendingPathComponent("projection-crash-child").path,
        ] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }

    struct ChildRun {
        var lines: [String]
        var killed: Bool
    }

    /// Runs the child; with `killAfterProgress`, kills it with SIGKILL once it reports that much progress (and
    /// `killDelay` microseconds more).
    static func run(_ executable: String, _ arguments: [String], killAfterProgress: Int?, killDelay: UInt32 = 0) async throws -> ChildRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let collected = Locked<(lines: [String], partial: String, killed: Bool)>(([], "", false))
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            let shouldKill = collected.withLock { state -> Bool in
                state.partial += String(decoding: data, as: UTF8.self)
                while let newline = state.partial.firstIndex(of: "\n") {
                    state.lines.append(String(state.partial[..<newline]))
                    state.partial = String(state.partial[state.partial.index(after: newline)...])
                }
                guard let threshold = killAfterProgress, !state.killed,
                    let done = state.lines.last.flatMap(progress), done >= threshold
                else { return false }
                state.killed = true
                return true
            }
            if shouldKill {
                if killDelay > 0 { usleep(killDelay) }
                kill(process.processIdentifier, SIGKILL)
            }
        }
        try process.run()
        // At most a minute, so that a stuck child cannot hang the run.
        let deadline = ContinuousClock.now + .seconds(60)
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        return collected.withLock { state in
            state.partial += String(decoding: rest, as: UTF8.self)
            var lines = state.lines
            lines.append(contentsOf: state.partial.split(separator: "\n").map(String.init))
            let killed = state.killed && process.terminationReason == .uncaughtSignal
            return ChildRun(lines: lines, killed: killed)
        }
    }
}
