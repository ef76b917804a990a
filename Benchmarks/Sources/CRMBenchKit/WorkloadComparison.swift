import CRM
import Foundation

/// One figure of the comparison: Rapport's value, the baseline's, and what the target asks.
public struct Figure: Sendable {
    /// A short, stable key: `W1`, `W4`, `W5`, `W6`, `W6 catch-up`, `W6 peak`, `Verify`, `W2`, `W2 p50`, `W2 p99`,
    /// `W3`, `Sub p50`, `Sub p99`.
    public var id: String
    /// The workload's name.
    public var workload: String
    /// The unit of both values.
    public var unit: String
    /// Rapport's value.
    public var rapport: Double
    /// The baseline's value.
    public var baseline: Double
    /// What the issue asks for.
    public var target: String

    /// The keys of the figures a comparison reports, in order.
    public static let ids = [
        "W1", "W4", "W5", "W6", "W6 catch-up", "W6 peak", "Verify", "W2", "W2 p50", "W2 p99", "W3", "Sub p50",
        "Sub p99",
    ]

    /// Rapport's value over the baseline's.
    public var ratio: Double { baseline > 0 ? rapport / baseline : 0 }
}

/// The result of running the standard workload against both systems.
public struct ComparisonReport: Sendable {
    /// The sizes run.
    public var configuration: WorkloadConfiguration
    /// The machine it ran on.
    public var machine: String
    /// The figures, in run order.
    public var figures: [Figure] = []
    /// Rapport's W4 fold totals.
    public var rapportTotals = WorkloadTotals()
    /// The baseline's W4 fold totals.
    public var baselineTotals = WorkloadTotals()
    /// The process's peak resident memory.
    public var peakResidentMiB: Double = 0

    /// A Markdown table of the figures, then the W4 totals.
    public var markdown: String {
        func format(_ value: Double) -> String {
            value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
        }
        var lines = [
            "crm-bench v1: \(configuration.events) events, \(configuration.customers) customers",
            "machine: \(machine)", "",
            "| workload | Rapport | raw LMDB | ratio | target |", "| --- | --- | --- | --- | --- |",
        ]
        for figure in figures {
            lines.append(
                "| \(figure.workload) | \(format(figure.rapport)) \(figure.unit) | \(format(figure.baseline)) \(figure.unit) "
                    + "| \(String(format: "%.2f", figure.ratio)) | \(figure.target) |")
        }
        lines += [
            "", "W4 totals, Rapport:  \(rapportTotals)", "W4 totals, raw LMDB: \(baselineTotals)",
            "peak resident memory: \(format(peakResidentMiB)) MiB",
        ]
        return lines.joined(separator: "\n")
    }
}

/// Runs W1, W4, W5, W2 and W3 (WORKLOAD.md's order) on a Rapport store and on the raw-LMDB baseline, each
/// workload on both systems before the next, in one process.
public enum WorkloadComparison {
    /// The two systems read different data.
    public struct Mismatch: Error, CustomStringConvertible {
        /// What differed.
        public let description: String
    }

    /// Runs the comparison with stores under `directory`.
    public static func run(configuration: WorkloadConfiguration, directory: String) async throws -> ComparisonReport {
        var report = ComparisonReport(configuration: configuration, machine: Measure.machine())
        let workload = try PreparedWorkload(configuration: configuration)
        let raw = try BaselineRunner(path: directory + "/raw")
        var rapport = try RapportRunner(path: directory + "/rapport")
        defer { rapport.close() }

        let (_, rawW1) = try Measure.time { try raw.bulkAppend(workload.dataset, batchSize: configuration.batchSize) }
        let (_, oursW1) = try await Measure.time {
            try await rapport.bulkAppend(workload.dataset, batchSize: configuration.batchSize)
        }
        let events = Double(configuration.events)
        report.figures.append(Figure(id: "W1", workload: "W1 bulk append", unit: "events/s", rapport: events / oursW1, baseline: events / rawW1, target: "ratio ≥ 2"))

        let (rawReplay, rawW4) = try Measure.time { try raw.replay(customers: configuration.customers) }
        let (ourReplay, oursW4) = try Measure.time { try rapport.replay(customers: configuration.customers) }
        report.baselineTotals = rawReplay.totals
        report.rapportTotals = ourReplay.totals
        guard ourReplay.totals == rawReplay.totals else {
            throw Mismatch(description: "W4 totals differ: Rapport \(ourReplay.totals), raw \(rawReplay.totals)")
        }
        report.figures.append(
            Figure(id: "W4", workload: "W4 replay (decode + fold)", unit: "events/s", rapport: Double(ourReplay.events) / oursW4,
                   baseline: Double(rawReplay.events) / rawW4, target: "≥ 1,000,000 events/s"))
        let (codableReplay, codableW4) = try Measure.time { try rapport.replay(customers: configuration.customers, codable: true) }
        guard codableReplay.totals == rawReplay.totals else {
            throw Mismatch(description: "W4 totals through Codable differ: Rapport \(codableReplay.totals), raw \(rawReplay.totals)")
        }
        report.figures.append(
            Figure(id: "W4 Codable", workload: "W4 replay, payloads through Codable only", unit: "events/s",
                   rapport: Double(codableReplay.events) / codableW4, baseline: Double(rawReplay.events) / rawW4,
                   target: "for comparison"))

        let (rawRead, rawW5) = try Measure.time { try raw.streamReads(workload.w5Customers) }
        let (ourRead, oursW5) = try Measure.time { try rapport.streamReads(workload.w5Customers) }
        guard rawRead == ourRead else {
            throw Mismatch(description: "W5 read \(ourRead) events from Rapport, \(rawRead) from raw LMDB")
        }
        let reads = Double(workload.w5Customers.count)
        report.figures.append(Figure(id: "W5", workload: "W5 stream reads", unit: "streams/s", rapport: reads / oursW5, baseline: reads / rawW5, target: "ratio ≥ 0.5"))

        try await projectionWorkloads(into: &report, rapport: rapport, raw: raw, configuration: configuration)
        try verifyWorkload(into: &report, rapport: rapport, raw: raw)
        // W2 and W3 measure the log alone, like the baseline: the store is opened again without W6's projection.
        rapport.close()
        rapport = try RapportRunner(path: directory + "/rapport")

        let (rawLatencies, rawW2) = try Measure.time { try raw.singleAppends(workload.w2) }
        let (ourLatencies, oursW2) = try await Measure.time { try await rapport.singleAppends(workload.w2) }
        let singles = Double(workload.w2.count)
        report.figures.append(Figure(id: "W2", workload: "W2 durable single appends", unit: "appends/s", rapport: singles / oursW2, baseline: singles / rawW2, target: "ratio ≥ 0.9"))
        report.figures.append(
            Figure(id: "W2 p50", workload: "W2 latency p50", unit: "ms", rapport: Measure.quantileMilliseconds(ourLatencies, 0.5),
                   baseline: Measure.quantileMilliseconds(rawLatencies, 0.5), target: "lower is better"))
        report.figures.append(
            Figure(id: "W2 p99", workload: "W2 latency p99", unit: "ms", rapport: Measure.quantileMilliseconds(ourLatencies, 0.99),
                   baseline: Measure.quantileMilliseconds(rawLatencies, 0.99), target: "lower is better"))

        let (_, rawW3) = try Measure.time { try raw.concurrentAppends(workload.w3) }
        let (_, oursW3) = try await Measure.time { try await rapport.concurrentAppends(workload.w3) }
        let concurrent = Double(workload.w3.reduce(0) { $0 + $1.count })
        report.figures.append(
            Figure(id: "W3", workload: "W3 \(configuration.w3Writers) concurrent writers", unit: "appends/s",
                   rapport: concurrent / oursW3, baseline: concurrent / rawW3,
                   target: String(format: "≥ 4 × own W2 (%.1f ×)", (concurrent / oursW3) / (singles / oursW2))))
        try await subscriptionWorkload(into: &report, rapport: rapport, raw: raw, workload: workload)
        report.peakResidentMiB = Measure.peakResidentMiB()
        return report
    }
}
