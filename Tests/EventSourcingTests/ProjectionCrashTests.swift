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
        let stateLine = try #require(finished.lines.first { $0.hasPrefix("state ") }, "\(finished.lines)")
        var state: [String: Int] = [:]
        for pair in stateLine.dropFirst("state ".count).split(separator: ",") {
            let parts = pair.split(separator: "=")
            state[String(parts[0])] = Int(parts[1])
        }
        // 20,000 events over 50 streams, each counted once with weight 10.
        #expect(state.count == 50)
        #expect(state.values.allSatisfy { $0 == Self.events / 50 * 10 })
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

    /// Runs the child; with `killAfterProgress`, kills it with SIGKILL once it reports that much progress.
    static func run(_ executable: String, _ arguments: [String], killAfterProgress: Int?) async throws -> ChildRun {
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
            if shouldKill { kill(process.processIdentifier, SIGKILL) }
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
