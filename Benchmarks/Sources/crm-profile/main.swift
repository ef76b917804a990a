// crm-profile: Rapport's side of crm-bench's W1, W4 and W5 without an async main, so that the run can be profiled
// with `valgrind --tool=callgrind` (valgrind stops at the async main's signal thread). Sizes come from the
// CRM_BENCH_* variables like crm-bench's; the store goes under CRM_BENCH_DIR and is removed afterwards.
//
//     CRM_BENCH_EVENTS=20000 valgrind --tool=callgrind \
//         '--toggle-collect=$s11CRMBenchKit13RapportRunnerC6replay9customers*' .build/release/crm-profile
import CRM
import CRMBenchKit
import Foundation

/// The outcome of the asynchronous W1, handed from its task to the main thread.
final class Outcome: @unchecked Sendable {
    // @unchecked: written once by the task before `done` is signalled, read after the wait.
    var error: (any Error)?
    let done = DispatchSemaphore(value: 0)
}

let environment = ProcessInfo.processInfo.environment
do {
    let configuration = try WorkloadConfiguration(environment: environment)
    let base = environment["CRM_BENCH_DIR"] ?? NSTemporaryDirectory()
    let directory = (base as NSString).appendingPathComponent("crm-profile-\(getpid())")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let workload = try PreparedWorkload(configuration: configuration)
    let rapport = try RapportRunner(path: directory + "/rapport")
    defer { rapport.close() }

    let outcome = Outcome()
    let started = Date()
    Task.detached {
        do { try await rapport.bulkAppend(workload.dataset, batchSize: configuration.batchSize) } catch { outcome.error = error }
        outcome.done.signal()
    }
    outcome.done.wait()
    if let error = outcome.error { throw error }
    let w1 = Date().timeIntervalSince(started)
    // CRM_PROFILE_REPLAYS: run W4 that many times and report the fastest (this machine's speed varies run to run).
    let replays = max(1, environment["CRM_PROFILE_REPLAYS"].flatMap { Int($0) } ?? 1)
    var (replay, w4) = try Measure.time { try rapport.replay(customers: configuration.customers) }
    for _ in 1..<replays {
        let (again, seconds) = try Measure.time { try rapport.replay(customers: configuration.customers) }
        if seconds < w4 { (replay, w4) = (again, seconds) }
    }
    let (_, w5) = try Measure.time { try rapport.streamReads(workload.w5Customers) }
    print(
        "W1 \(Int(Double(configuration.events) / w1)) events/s, W4 \(Int(Double(replay.events) / w4)) events/s, "
            + "W5 \(Int(Double(workload.w5Customers.count) / w5)) streams/s; \(replay.totals)")
} catch {
    FileHandle.standardError.write(Data("crm-profile: \(error)\n".utf8))
    exit(1)
}
