// crm-bench: the standard workload (shared/bench/WORKLOAD.md, W1-W5) against Rapport and a raw-LMDB baseline
// in the same run, with the ratio of each figure. Sizes come from the CRM_BENCH_* variables (GENERATOR.md);
// stores are written under CRM_BENCH_DIR (default: the system's temporary directory) and removed afterwards.
import CRM
import CRMBenchKit
import Foundation

let environment = ProcessInfo.processInfo.environment
do {
    let configuration = try WorkloadConfiguration(environment: environment)
    let base = environment["CRM_BENCH_DIR"] ?? NSTemporaryDirectory()
    let directory = (base as NSString).appendingPathComponent("crm-bench-\(getpid())")
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    if CommandLine.arguments.contains("--views") {
        // W6 and W7 over the CRM views, the dataset written as CRM domain events (Documentation/Performance.md).
        // CRM_BENCH_STORE: a store to keep and use again (ViewWorkloads.run(configuration:directory:keptStore:)).
        print(try await ViewWorkloads.run(configuration: configuration, directory: directory, keptStore: environment["CRM_BENCH_STORE"]).markdown)
    } else {
        let report = try await WorkloadComparison.run(configuration: configuration, directory: directory)
        print(report.markdown)
    }
} catch {
    FileHandle.standardError.write(Data("crm-bench: \(error)\n".utf8))
    exit(1)
}
