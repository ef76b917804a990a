import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Timing and memory helpers for the workload runs.
public enum Measure {
    /// Runs `body` and returns its result with the seconds it took.
    public static func time<R>(_ body: () throws -> R) rethrows -> (R, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        return (result, seconds(clock.now - start))
    }

    /// Runs `body` and returns its result with the seconds it took.
    public static func time<R>(_ body: () async throws -> R) async rethrows -> (R, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try await body()
        return (result, seconds(clock.now - start))
    }

    /// A duration in seconds.
    public static func seconds(_ duration: Duration) -> Double {
        let (s, attoseconds) = duration.components
        return Double(s) + Double(attoseconds) / 1e18
    }

    /// The `q` quantile (0…1) of `latencies`, in milliseconds.
    public static func quantileMilliseconds(_ latencies: [Duration], _ q: Double) -> Double {
        guard !latencies.isEmpty else { return 0 }
        let sorted = latencies.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * q).rounded()))
        return seconds(sorted[index]) * 1000
    }

    /// The process's peak resident memory since it started or since the last ``resetPeakResident()``, in MiB
    /// (`VmHWM` of `/proc/self/status`).
    public static func peakResidentMiB() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        {
            return kib / 1024
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// Starts a new peak-memory measurement (writes 5 to `/proc/self/clear_refs`, which resets `VmHWM` to the
    /// current resident size).
    public static func resetPeakResident() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    /// A one-line description of the machine: processor, cores, memory, kernel.
    public static func machine() -> String {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown processor"
        let memory = Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)
        var name = utsname()
        uname(&name)
        let release = withUnsafeBytes(of: name.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return "\(cpu), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + String(format: "%.0f GiB", memory) + ", Linux \(release)"
    }
}

/// Samples the process's resident memory every 20 ms on a thread of its own, keeping the largest readings of the
/// whole (`VmRSS`), of the anonymous part (`RssAnon`: the heap, what the process allocated) and of the file-backed
/// part (`RssFile`: pages of mapped files, here the store's memory map, which the kernel can drop and read again).
public final class ResidentSampler: @unchecked Sendable {
    // @unchecked: the peaks are only touched with `lock` held.
    private let lock = NSLock()
    private var peaks = (total: 0.0, anonymous: 0.0, file: 0.0)
    private var running = true
    private var thread: Thread?

    /// Starts sampling.
    public init() {
        let thread = Thread { [self] in
            while lock.withLock({ running }) {
                sample()
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        self.thread = thread
        thread.start()
    }

    /// Stops sampling; returns the peaks in MiB.
    public func stop() -> (total: Double, anonymous: Double, file: Double) {
        sample()
        return lock.withLock {
            running = false
            return peaks
        }
    }

    private func sample() {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func mib(_ field: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
                let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
            else { return 0 }
            return kib / 1024
        }
        let (total, anonymous, file) = (mib("VmRSS"), mib("RssAnon"), mib("RssFile"))
        lock.withLock {
            peaks = (max(peaks.total, total), max(peaks.anonymous, anonymous), max(peaks.file, file))
        }
    }
}
