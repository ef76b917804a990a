import Foundation
import Synchronization

/// Shows how far long work has come on standard error: a bar with rate and time left on a terminal, a plain line
/// every few seconds (and at the end) otherwise.
final class ProgressDisplay: Sendable {
    private struct State {
        var done: UInt64 = 0
        var total: UInt64?
        var lastPrint: ContinuousClock.Instant?
        var finished = false
    }

    private let label: String
    private let unit: String
    private let terminal: Bool
    private let started = ContinuousClock.now
    private let state = Mutex(State())
    /// Seconds between plain lines when standard error is not a terminal.
    private let plainInterval: Double = 2

    /// Starts reporting work named `label` counted in `unit` (`events`, `lines`, `rows`).
    init(_ label: String, unit: String = "events", total: UInt64? = nil) {
        self.label = label
        self.unit = unit
        let terminal = isatty(STDERR_FILENO) != 0
        self.terminal = terminal
        let started = self.started
        state.withLock { state in
            state.total = total
            // Plain lines start after the first interval, so short work prints only its last line.
            if !terminal { state.lastPrint = started }
        }
    }

    /// Reports `done` of `total` (the total may be given or change here).
    func update(_ done: UInt64, of total: UInt64? = nil) {
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.done = done
            if let total { state.total = total }
            let now = ContinuousClock.now
            if let last = state.lastPrint, seconds(now - last) < (terminal ? 0.1 : plainInterval) { return nil }
            state.lastPrint = now
            return render(state, now: now, final: false)
        }
        if let line { write(line, final: false) }
    }

    /// Reports the end (prints the final line once).
    func finish() {
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            if let total = state.total { state.done = max(state.done, total) }
            return render(state, now: ContinuousClock.now, final: true)
        }
        if let line { write(line, final: true) }
    }

    private func write(_ line: String, final: Bool) {
        // On a terminal the bar is redrawn in place (carriage return, erase the line) and ends with a newline.
        let text = terminal ? "\r\u{1B}[2K" + line + (final ? "\n" : "") : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func render(_ state: State, now: ContinuousClock.Instant, final: Bool) -> String {
        let elapsed = seconds(now - started)
        let rate = elapsed > 0 ? Double(state.done) / elapsed : 0
        let rateText = "\(grouped(UInt64(rate.rounded())))/s"
        var parts: [String] = []
        if let total = state.total {
            let fraction = total == 0 ? 1 : min(1, Double(state.done) / Double(total))
            let percent = "\(Int((fraction * 100).rounded(.down)))%"
            let counts = "\(grouped(state.done))/\(grouped(total)) \(unit)"
            if terminal {
                let width = 30
                let filled = Int((fraction * Double(width)).rounded(.down))
                parts.append("[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            }
            parts += [percent, counts, rateText]
            if final {
                parts.append("in \(duration(elapsed))")
            } else if rate > 0 {
                parts.append("\(duration(Double(total - min(state.done, total)) / rate)) left")
            }
        } else {
            parts += ["\(grouped(state.done)) \(unit)", rateText]
            if final { parts.append("in \(duration(elapsed))") }
        }
        return "\(label): " + parts.joined(separator: " ") + (final ? ", done" : "")
    }

    private func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return whole >= 3600
            ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
            : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}

/// `1234567` as `1,234,567`.
func grouped(_ value: some BinaryInteger) -> String {
    let digits = String(value)
    var out = ""
    for (index, character) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
        out.append(character)
    }
    return out
}
