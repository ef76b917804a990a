import Foundation
import LMDB

#if canImport(Glibc)
import Glibc
#endif

/// Lines of output as they arrive (behind `Locked`, not `Mutex`, so that ThreadSanitizer sees the lock: see
/// Documentation/Reliability.md).
final class LineCollector: Sendable {
    let state = Locked<(lines: [String], partial: String)>(([], ""))
}

/// A running `reliability-child`, its output collected line by line.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` and `output` are Foundation objects used through their thread-safe calls only.
    private let process: Process
    private let output = Pipe()
    private let collected = LineCollector()

    /// The child next to the test bundle, or `nil` when it was not built.
    static let executable: String? = {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [
            bundle.appendingPathComponent("reliability-child").path,
            bundle.deletingLastPathComponent().appendingPathComponent("reliability-child").path,
        ] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    /// Starts the child with `arguments`.
    init(_ arguments: [String]) throws {
        guard let executable = Self.executable else { throw ChildError("the reliability-child executable was not built") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A child that crashes on purpose (a damaged store) need not symbolicate a backtrace.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        process.standardOutput = output
        let collected = self.collected
        output.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { return }
            collected.state.withLock { state in
                state.partial += String(decoding: data, as: UTF8.self)
                while let newline = state.partial.firstIndex(of: "\n") {
                    state.lines.append(String(state.partial[..<newline]))
                    state.partial = String(state.partial[state.partial.index(after: newline)...])
                }
            }
        }
        try process.run()
    }

    var lines: [String] { collected.state.withLock { $0.lines } }
    var isRunning: Bool { process.isRunning }
    var identifier: Int32 { process.processIdentifier }

    /// Waits until a line satisfies `condition` (true), the child exits or `timeout` passes (false).
    func waitForLine(timeout: Duration = .seconds(60), _ condition: (String) -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if lines.contains(where: condition) { return true }
            if !process.isRunning { return lines.contains(where: condition) }
            try await Task.sleep(for: .milliseconds(2))
        }
        return false
    }

    /// Kills the child with SIGKILL and waits for it.
    func kill() {
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        finish()
    }

    /// Waits for the child to exit by itself (killing it after `timeout`); returns its lines and exit status.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(120)) async throws -> (lines: [String], status: Int32) {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        if process.isRunning { _ = Glibc.kill(process.processIdentifier, SIGKILL) }
        finish()
        return (lines, process.terminationStatus)
    }

    /// Whether the child ended by a signal (as a SIGKILL does).
    var wasKilled: Bool { !process.isRunning && process.terminationReason == .uncaughtSignal }

    private func finish() {
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
        let rest = output.fileHandleForReading.readDataToEndOfFile()
        collected.state.withLock { state in
            state.partial += String(decoding: rest, as: UTF8.self)
            state.lines.append(contentsOf: state.partial.split(separator: "\n").map(String.init))
            state.partial = ""
        }
    }
}

struct ChildError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A fresh directory under the temporary directory, removed by `remove()`.
struct ScratchDirectory {
    let path: String

    init(_ name: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
