// The standard workload as a package-benchmark benchmark: `swift package benchmark` (sizes from CRM_BENCH_*,
// 100,000 events unless CRM_BENCH_EVENTS says otherwise). Each figure is recorded for Rapport and for the
// raw-LMDB baseline of the same run, with their ratio in percent.
import Benchmark
import CRM
import CRMBenchKit
import Foundation

/// One custom metric per figure and side: `W1 Rapport`, `W1 raw LMDB`, `W1 ratio %`, … Rates are per second;
/// latencies (`W2 p50`, `W2 p99`) are in microseconds.
func metric(_ id: String, _ side: String) -> BenchmarkMetric {
    let smaller = id.hasPrefix("W2 p") || id.hasPrefix("Sub p") || id == "W6 peak"
    return .custom("\(id) \(side)", polarity: smaller ? .prefersSmaller : .prefersLarger, useScalingFactor: false)
}

let benchmarks: @Sendable () -> Void = {
    var sizes = ProcessInfo.processInfo.environment
    if sizes["CRM_BENCH_EVENTS"] == nil { sizes["CRM_BENCH_EVENTS"] = "100000" }
    let custom = Figure.ids.flatMap { id in ["Rapport", "raw LMDB", "ratio %"].map { metric(id, $0) } }
    Benchmark(
        "crm-bench v1 (W1 W4 W5 W2 W3)",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident] + custom, maxDuration: .seconds(3_600), maxIterations: 1)
    ) { benchmark in
        let configuration = try WorkloadConfiguration(environment: sizes)
        let directory = NSTemporaryDirectory() + "crm-bench-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try await WorkloadComparison.run(configuration: configuration, directory: directory)
        for figure in report.figures {
            let scale = figure.unit == "ms" ? 1_000.0 : 1.0
            benchmark.measurement(metric(figure.id, "Rapport"), Int(figure.rapport * scale))
            benchmark.measurement(metric(figure.id, "raw LMDB"), Int(figure.baseline * scale))
            benchmark.measurement(metric(figure.id, "ratio %"), Int(figure.ratio * 100))
        }
        print(report.markdown)
    }
}
