// The standard workload as a package-benchmark benchmark: `swift package benchmark` (sizes from CRM_BENCH_*,
// 100,000 events unless CRM_BENCH_EVENTS says otherwise). Each figure is recorded for Rapport and for the
// raw-LMDB baseline of the same run, with their ratio in percent.
import Benchmark
import CRM
import CRMBenchKit
import Foundation

let benchmarks: @Sendable () -> Void = {
    let environment = ProcessInfo.processInfo.environment
    var sizes = environment
    if sizes["CRM_BENCH_EVENTS"] == nil { sizes["CRM_BENCH_EVENTS"] = "100000" }
    Benchmark(
        "crm-bench v1 (W1 W4 W5 W2 W3)",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(3_600), maxIterations: 1)
    ) { benchmark in
        let configuration = try WorkloadConfiguration(environment: sizes)
        let directory = NSTemporaryDirectory() + "crm-bench-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try await WorkloadComparison.run(configuration: configuration, directory: directory)
        for figure in report.figures {
            let larger: BenchmarkMetric.Polarity = figure.unit == "ms" ? .prefersSmaller : .prefersLarger
            let scale = figure.unit == "ms" ? 1_000.0 : 1.0
            benchmark.measurement(
                .custom("\(figure.workload) Rapport (\(figure.unit == "ms" ? "µs" : figure.unit))", polarity: larger, useScalingFactor: false),
                Int(figure.rapport * scale))
            benchmark.measurement(
                .custom("\(figure.workload) raw LMDB (\(figure.unit == "ms" ? "µs" : figure.unit))", polarity: larger, useScalingFactor: false),
                Int(figure.baseline * scale))
            benchmark.measurement(
                .custom("\(figure.workload) ratio (%)", polarity: larger, useScalingFactor: false), Int(figure.ratio * 100))
        }
        print(report.markdown)
    }
}
