import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport report`: the CRM views' figures as tables, JSON or one HTML page with charts.
struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report the pipeline, forecast, funnel, lifecycle, service, campaigns, customer value or churn.",
        discussion: """
            The figures are the CRM views' (CRMStore.views), folded from the log up to its head, or with --as-of up to \
            that position or ISO 8601 UTC time (a date alone means the end of that day), so any store reports, whether \
            or not its application keeps the views. Ages, SLA clocks, recency and churn are measured at the --as-of \
            time (at the recorded time of the --as-of position's event; now without --as-of). --format json prints one \
            object {report, position, at, <section>: [rows]}; --html FILE also writes one self-contained HTML page with \
            bar charts. Examples:

              rapport report /var/lib/crm pipeline
              rapport report /var/lib/crm forecast --as-of 2026-06-30 --format json
              rapport report /var/lib/crm service --html service.html
            """
    )

    /// The reports `report` knows.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case pipeline, forecast, funnel, lifecycle, service, campaigns, value, churn
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: "pipeline, forecast, funnel, lifecycle, service, campaigns, value or churn.")
    var kind: Kind

    @Option(name: .customLong("as-of"), help: "A log position or an ISO 8601 UTC time.")
    var asOf: PointArgument?

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    @Option(help: "Also write the report as one self-contained HTML page with charts to this file.")
    var html: String?

    @Option(name: .customLong("time-zone"), help: "The time zone of months and days (funnel cohorts, SLA months, value and churn days).")
    var timeZone: String = "UTC"

    @Option(help: "The reporting currency of RFM and predicted value (value report).")
    var currency: String = "EUR"

    func validate() throws {
        guard TimeZone(identifier: timeZone) != nil else { throw ValidationError("unknown time zone '\(timeZone)'") }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("'\(currency)' is not a currency code (three capital letters, e.g. EUR)")
        }
    }

    func run() async throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        guard let zone = TimeZone(identifier: timeZone) else { throw ValidationError("unknown time zone '\(timeZone)'") }
        let head = try store.head()
        let position = try store.read { try $0.lastPosition(asOf: asOf?.point ?? .position(head)) }
        let at: Timestamp
        switch asOf?.point {
        case .time(let time): at = time
        case .position: at = try store.read { try $0.event(at: position)?.recordedAt } ?? Timestamp.now()
        case nil: at = Timestamp.now()
        }
        let point = asOf?.point ?? .position(head)
        let builder = ReportBuilder(views: CRMViews(store: store), point: point, at: at, timeZone: zone, currency: currency)
        let sections = try await builder.sections(kind)
        let report = ReportDocument(kind: kind.rawValue, position: position, at: at, sections: sections)
        if let html {
            do {
                try Data(ReportHTML.render(report).utf8).write(to: URL(fileURLWithPath: html))
            } catch {
                throw ToolError("cannot write \(html): \(error.localizedDescription)")
            }
        }
        switch format {
        case .json: print(report.payload.jsonText())
        case .table: print(ReportTable.render(report))
        }
    }
}

/// The sections of each report, from the views' snapshots.
struct ReportBuilder {
    var views: CRMViews
    var point: AsOf?
    var at: Timestamp
    var timeZone: TimeZone
    var currency: String

    func sections(_ kind: Report.Kind) async throws -> [ReportSection] {
        switch kind {
        case .pipeline: return pipeline(try await views.pipeline(asOf: point))
        case .forecast: return forecast(try await views.pipeline(asOf: point))
        case .funnel: return funnel(try await views.pipeline(asOf: point))
        case .lifecycle: return lifecycle(try await views.lifecycle(asOf: point))
        case .service: return service(try await views.service(asOf: point))
        case .campaigns: return campaigns(try await views.campaigns(asOf: point))
        case .value: return value(try await views.value(asOf: point))
        case .churn: return churn(try await views.value(asOf: point))
        }
    }

    var today: LocalDate { LocalDate(at, in: timeZone) }

    func pipeline(_ snapshot: PipelineSnapshot) -> [ReportSection] {
        let stages = snapshot.openByStage(at: at)
        let stageRows: [[ReportCell]] = stages.map {
            [
                .text($0.pipelineId), .text($0.stageId), .text($0.stageName), .int($0.count), .money($0.amount),
                .money($0.weighted), .number(Double($0.averageAgeInStageSeconds) / 86_400), .int($0.stalledIds.count),
            ]
        }
        let owners = snapshot.ownerPerformance().map { line -> [ReportCell] in
            [
                .text(line.ownerId), .int(line.open), .money(line.openAmount), .money(line.weighted), .int(line.won),
                .int(line.lost), .money(line.wonTotal), .number(line.winRate),
            ]
        }
        let all = snapshot.winRates(by: .all).map { line -> [ReportCell] in
            [
                .int(line.won), .int(line.lost), .number(line.winRate), .money(line.wonTotal), .money(line.averageWonSize),
                .number(snapshot.averageCycleDays(from: .opportunity)), .number(snapshot.averageCycleDays(from: .lead)),
            ]
        }
        return [
            ReportSection(
                name: "stages",
                columns: ["pipeline", "stage", "name", "open", "amount", "weighted", "averageDaysInStage", "stalled"],
                rows: stageRows,
                chart: ReportChart(
                    title: "Open deals by stage",
                    bars: stages.map { ("\($0.pipelineId) / \($0.stageName)", Double($0.count), String($0.count)) })),
            ReportSection(
                name: "owners",
                columns: ["owner", "open", "openAmount", "weighted", "won", "lost", "wonTotal", "winRate"], rows: owners),
            ReportSection(
                name: "totals",
                columns: ["won", "lost", "winRate", "wonTotal", "averageWonSize", "averageCycleDays", "averageLeadToWinDays"],
                rows: all),
        ]
    }

    func forecast(_ snapshot: PipelineSnapshot) -> [ReportSection] {
        let lines = snapshot.forecast()
        var byMonth: [String: Int64] = [:]
        for line in lines {
            for amount in line.weighted { byMonth["\(line.key.closeMonth) \(amount.currency)", default: 0] += amount.minorUnits }
        }
        let bars = byMonth.sorted { $0.key < $1.key }.map { entry -> (label: String, value: Double, text: String) in
            let amount = Money(minorUnits: entry.value, currency: String(entry.key.suffix(3)))
            return (entry.key, NSDecimalNumber(decimal: amount.decimalValue).doubleValue, amount.description)
        }
        return [
            ReportSection(
                name: "forecast", columns: ["closeMonth", "owner", "category", "open", "amount", "weighted"],
                rows: lines.map {
                    [.text($0.key.closeMonth), .text($0.key.ownerId), .text($0.key.category.rawValue), .int($0.count),
                     .money($0.amount), .money($0.weighted)]
                },
                chart: ReportChart(title: "Weighted forecast by close month", bars: bars)),
        ]
    }

    func funnel(_ snapshot: PipelineSnapshot) -> [ReportSection] {
        let lines = snapshot.funnel(in: timeZone)
        let total = (
            lines.reduce(0) { $0 + $1.leads }, lines.reduce(0) { $0 + $1.qualified },
            lines.reduce(0) { $0 + $1.opportunities }, lines.reduce(0) { $0 + $1.won }
        )
        let bars: [(label: String, value: Double, text: String)] = [
            ("leads", Double(total.0), String(total.0)), ("qualified", Double(total.1), String(total.1)),
            ("opportunities", Double(total.2), String(total.2)), ("won", Double(total.3), String(total.3)),
        ]
        return [
            ReportSection(
                name: "funnel", columns: ["source", "cohortMonth", "leads", "qualified", "opportunities", "won"],
                rows: lines.map {
                    [.text($0.source.rawValue), .text($0.cohortMonth), .int($0.leads), .int($0.qualified), .int($0.opportunities),
                     .int($0.won)]
                },
                chart: ReportChart(title: "Lead funnel, all sources and cohorts", bars: bars)),
            ReportSection(
                name: "winRatesBySource", columns: ["source", "won", "lost", "winRate"],
                rows: snapshot.winRates(by: .source).map { [.text($0.group), .int($0.won), .int($0.lost), .number($0.winRate)] }),
        ]
    }

    func lifecycle(_ snapshot: LifecycleSnapshot) -> [ReportSection] {
        let counts = snapshot.countsByStage().sorted { $0.key < $1.key }
        return [
            ReportSection(
                name: "stages", columns: ["stage", "customers", "averageDaysInStage"],
                rows: counts.map { entry in
                    [.text(entry.key), .int(entry.value),
                     .number(snapshot.averageSecondsInCurrentStage(entry.key, at: at).map { Double($0) / 86_400 })]
                },
                chart: ReportChart(
                    title: "Customers by lifecycle stage", bars: counts.map { ($0.key, Double($0.value), String($0.value)) })),
        ]
    }

    func service(_ snapshot: ServiceSnapshot) -> [ReportSection] {
        let queue = snapshot.queue()
        var queueRows: [[ReportCell]] = []
        for (status, count) in queue.byStatus.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            queueRows.append([.text("status"), .text(status.rawValue), .int(count)])
        }
        for (priority, count) in queue.byPriority.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            queueRows.append([.text("priority"), .text(priority.rawValue), .int(count)])
        }
        for (assignee, count) in queue.byAssignee.sorted(by: { $0.key < $1.key }) {
            queueRows.append([.text("assignee"), .text(assignee.isEmpty ? "(unassigned)" : assignee), .int(count)])
        }
        func row(_ period: String, _ milestone: SLAMilestone, _ summary: SLASummary) -> [ReportCell] {
            [.text(period), .text(milestone.rawValue), .int(summary.met), .int(summary.breached), .int(summary.running),
             .int(summary.atRisk.count), .number(summary.metRate)]
        }
        let overall = SLAMilestone.allCases.map { ($0, snapshot.slaSummary($0, at: at)) }
        var monthly: [[ReportCell]] = []
        var bars: [(label: String, value: Double, text: String)] = []
        for (month, start, end) in months(of: snapshot.tickets.map(\.openedAt)) {
            for milestone in SLAMilestone.allCases {
                let summary = snapshot.slaSummary(milestone, at: at, openedFrom: start, to: end)
                guard summary.met + summary.breached + summary.running + summary.atRisk.count > 0 else { continue }
                monthly.append(row(month, milestone, summary))
                if let rate = summary.metRate {
                    bars.append(("\(month) \(milestone.rawValue)", rate * 100, formatted(rate * 100) + " %"))
                }
            }
        }
        let columns = ["period", "milestone", "met", "breached", "running", "atRisk", "metRate"]
        return [
            ReportSection(name: "queue", columns: ["by", "value", "open"], rows: queueRows),
            ReportSection(
                name: "sla", columns: columns, rows: overall.map { row("all", $0.0, $0.1) },
                chart: ReportChart(
                    title: "SLA met (%)",
                    bars: overall.compactMap { entry in
                        entry.1.metRate.map { (entry.0.rawValue, $0 * 100, formatted($0 * 100) + " %") }
                    })),
            ReportSection(
                name: "slaByMonth", columns: columns, rows: monthly,
                chart: ReportChart(title: "SLA met by month of opening (%)", bars: bars)),
            ReportSection(
                name: "satisfaction", columns: ["csatAverage", "csatSatisfiedPercent", "nps", "ces"],
                rows: [[.number(snapshot.csatAverage()), .number(snapshot.csatSatisfiedPercent()), .number(snapshot.nps()),
                        .number(snapshot.ces())]]),
        ]
    }

    /// The calendar months (`YYYY-MM` in the time zone) the times fall in, each with its first moment and the next
    /// month's, in order.
    func months(of times: [Timestamp]) -> [(String, Timestamp, Timestamp)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var starts: Set<Date> = []
        for time in times {
            let date = Date(timeIntervalSince1970: Double(time.rawValue) / 1_000_000)
            if let start = calendar.dateInterval(of: .month, for: date)?.start { starts.insert(start) }
        }
        return starts.sorted().compactMap { start in
            guard let end = calendar.date(byAdding: .month, value: 1, to: start) else { return nil }
            let parts = calendar.dateComponents([.year, .month], from: start)
            let name = String(format: "%04d-%02d", parts.year ?? 0, parts.month ?? 0)
            return (name, Timestamp(start), Timestamp(end))
        }
    }

    func campaigns(_ snapshot: CampaignSnapshot) -> [ReportSection] {
        let revenue = snapshot.attributedRevenue(.lastTouch)
        let leads = snapshot.attributedLeads(.lastTouch)
        let rows = snapshot.campaigns.keys.sorted().compactMap { id -> [ReportCell]? in
            guard let figures = snapshot.campaign(id) else { return nil }
            let roi = snapshot.roi(id, model: .lastTouch)?.sorted { $0.key < $1.key }
                .map { "\($0.key) \(formatted($0.value))" }.joined(separator: ", ")
            return [
                .text(id), .text(figures.name), .text(figures.status), .int(figures.members), .int(figures.count(.sent)),
                .number(figures.openRate), .number(figures.clickRate), .int(figures.responses), .number(figures.responseRate),
                .money(figures.cost), .number(leads[id]), .money(revenue[id] ?? []), .text(roi ?? "-"),
            ]
        }
        return [
            ReportSection(
                name: "campaigns",
                columns: ["campaign", "name", "status", "members", "sent", "openRate", "clickRate", "responses",
                          "responseRate", "cost", "attributedLeads", "attributedRevenue", "roi"],
                rows: rows,
                chart: ReportChart(
                    title: "Members by campaign",
                    bars: snapshot.campaigns.keys.sorted().compactMap { id in
                        snapshot.campaign(id).map { (id, Double($0.members), String($0.members)) }
                    })),
        ]
    }

    func value(_ snapshot: ValueSnapshot) -> [ReportSection] {
        let rfm = snapshot.rfm(today: today, currency: currency)
        var segments: [String: Int] = [:]
        for score in rfm { segments[score.segment.rawValue, default: 0] += 1 }
        return [
            ReportSection(
                name: "rfm",
                columns: ["customer", "recencyDays", "frequency", "monetary", "r", "f", "m", "segment"],
                rows: rfm.map {
                    [.text($0.customerId), .int($0.recencyDays), .int($0.frequency), .money([$0.monetary]), .int($0.r), .int($0.f),
                     .int($0.m), .text($0.segment.rawValue)]
                },
                chart: ReportChart(
                    title: "Buyers by RFM segment",
                    bars: segments.sorted { $0.key < $1.key }.map { ($0.key, Double($0.value), String($0.value)) })),
            ReportSection(
                name: "lifetimeValue", columns: ["customer", "historical", "predicted"],
                rows: snapshot.customers.map { customer in
                    let predicted = snapshot.predictedValue(customer.customerId, today: today, currency: currency)
                    return [.text(customer.customerId), .money(snapshot.historicalValue(customer.customerId)),
                            .money(predicted.map { [$0] } ?? [])]
                }),
            ReportSection(name: "totals", columns: ["repeatPurchaseRate"], rows: [[.number(snapshot.repeatPurchaseRate())]]),
        ]
    }

    func churn(_ snapshot: ValueSnapshot) -> [ReportSection] {
        let risks = snapshot.customers.compactMap { snapshot.churnRisk($0.customerId, today: today, in: timeZone) }
            .sorted { ($1.score, $0.customerId) < ($0.score, $1.customerId) }
        return [
            ReportSection(
                name: "churnRisk", columns: ["customer", "score", "factors"],
                rows: risks.map { [.text($0.customerId), .int($0.score), .text($0.factors.map(\.rawValue).joined(separator: ", "))] },
                chart: ReportChart(
                    title: "Churn risk (0-100)", bars: risks.map { ($0.customerId, Double($0.score), String($0.score)) })),
            ReportSection(
                name: "winBack", columns: ["customer"],
                rows: snapshot.winBack(today: today, in: timeZone, currency: currency).map { [.text($0)] }),
        ]
    }
}
