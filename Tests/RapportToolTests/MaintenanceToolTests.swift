import CRM
import EventSourcing
import Foundation
import Testing

@Suite("rapport rebuild, stats, progress and help")
struct MaintenanceToolTests {
    /// A store with the crm-bench history of `events` events.
    static func workloadStore(events: Int) async throws -> (directory: URL, path: String) {
        let (directory, path) = try ToolTests.newDirectory()
        let store = try EventStore(path: path, configuration: ToolTests.fastConfiguration())
        try await WorkloadLoader.load(WorkloadConfiguration(events: events), into: store)
        store.close()
        return (directory, path)
    }

    @Test func rebuildRebuildsEveryCRMViewTogetherToTheSameState() async throws {
        let (directory, path) = try ToolTests.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try EventStore(path: path, configuration: ToolTests.fastConfiguration())
        try await CRMWorkloadLoader.load(WorkloadConfiguration(events: 2_000), into: store)
        let views = CRMViews(store: store)
        try await views.addAll()
        let head = try store.head()
        try await views.waitForAll(toReach: head)
        let (pipeline, lifecycle) = (try await views.pipeline(), try await views.lifecycle())
        store.close()

        let rebuilt = try ToolTests.run(["rebuild", path])
        #expect(rebuilt.status == 0, "\(rebuilt.error)")
        let expected = CRMViews.projectionNames.sorted().map { name in
            let version = BuiltInProjections.named(name)?.version ?? 0
            return "rebuilt \(name): version \(version) at position \(head.rawValue) (lag 0)\n"
        }
        #expect(rebuilt.output == expected.joined())
        // One pass for all seven: one progress line names them all.
        #expect(rebuilt.error.contains("rebuild \(CRMViews.projectionNames.sorted().joined(separator: ", ")): 100%"))

        let reopened = try EventStore(path: path, configuration: ToolTests.fastConfiguration())
        defer { reopened.close() }
        let again = CRMViews(store: reopened)
        try await again.addAll()
        try await again.waitForAll(toReach: head)
        #expect(try await again.pipeline() == pipeline)
        #expect(try await again.lifecycle() == lifecycle)
    }

    @Test func rebuildBuildsAProjectionThatStatsThenReportsWithItsLag() async throws {
        let (directory, path) = try await Self.workloadStore(events: 3_000)
        defer { try? FileManager.default.removeItem(at: directory) }

        let none = try ToolTests.run(["rebuild", path])
        #expect(none.status != 0)
        let known = BuiltInProjections.all.map(\.name).sorted().joined(separator: ", ")
        #expect(known.hasPrefix("crm-") && known.hasSuffix(", workload-customers"))
        #expect(none.error == "rapport: the store has no projection to rebuild; name one of \(known)\n")
        let unknown = try ToolTests.run(["rebuild", path, "pipeline-board"])
        #expect(unknown.status != 0 && unknown.error == "rapport: unknown projection pipeline-board; this rapport knows \(known)\n")

        let rebuilt = try ToolTests.run(["rebuild", path, "workload-customers"])
        #expect(rebuilt.status == 0, "\(rebuilt.error)")
        #expect(rebuilt.output == "rebuilt workload-customers: version 1 at position 3000 (lag 0)\n")
        // Not a terminal: plain lines, the last one complete.
        let last = rebuilt.error.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("rebuild workload-customers: 100% 3,000/3,000 events ") && last.hasSuffix(", done"))
        #expect(!rebuilt.error.contains("\r"))

        // The rebuilt state is the fold of the log (the library's own replay).
        let configuration = ToolTests.fastConfiguration()
        let store = try EventStore(path: path, configuration: configuration)
        try await store.addProjection(WorkloadCustomerProjection())
        try await store.waitForProjection(WorkloadCustomerProjection().name, toReach: LogPosition(3_000))
        let projected = try WorkloadCustomerProjection.storedTotals(in: store)
        let customers = WorkloadConfiguration(events: 3_000).customers
        #expect(projected == (try WorkloadLoader.replayTotals(of: store, customers: customers)))
        let customer = try await store.streams(inCategory: "customer")[0]
        let history = try await store.readStream(customer)
        store.close()

        // The generated history's customer events are not the CRM's: `stream` compares their payloads.
        let stream = try jsonLines(try ToolTests.run(["stream", path, customer.rawValue, "--format", "json"]).output)
        #expect(stream.map { $0["position"]?.intValue } == history.map { Int64($0.position.rawValue) })
        #expect(stream.allSatisfy { $0["basis"]?.stringValue == "payload" })
        let firstPayload = try history[0].payloadValue()
        #expect(stream.first?["changes"]?.elements?.count == firstPayload.fields?.count)

        // Events the projection has not seen: stats shows the lag.
        let more = try EventStore(path: path, configuration: configuration)
        try await more.append([NewEvent(type: "Other", payload: [])], to: try StreamName("misc-1"))
        try await more.append([NewEvent(type: "Other", payload: [])], to: try StreamName("misc-2"))
        more.close()
        let stats = try ToolTests.run(["stats", path])
        #expect(stats.status == 0)
        #expect(stats.output.contains("projections: 1\n  workload-customers: version 1, position 3000, lag 2\n"))
        let json = try PayloadValue(jsonText: try ToolTests.run(["stats", path, "--format", "json"]).output)
        let reader = try EventStore(path: path, configuration: configuration)
        let (counts, chain) = try reader.read { (try $0.countsByType(), try $0.chainHead()) }
        reader.close()
        #expect(json["events"]?.intValue == 3_002 && json["chainHead"]?["hash"]?.stringValue == chain.hash.description)
        #expect(json["types"]?.fields?.count == counts.count)
        #expect(json["types"]?.fields?.allSatisfy { counts[$0.key].map(Int64.init) == $0.value.intValue } == true)
        #expect(json["categories"]?["misc"]?.intValue == 2)
        #expect(json["projections"] == .array([.object([
            PayloadField(key: "name", value: .string("workload-customers")), PayloadField(key: "servingVersion", value: .int(1)),
            PayloadField(key: "position", value: .int(3_000)), PayloadField(key: "lag", value: .int(2)),
        ])]))

        // Without a name: every built-in projection the store has.
        let again = try ToolTests.run(["rebuild", path])
        #expect(again.status == 0 && again.output == "rebuilt workload-customers: version 1 at position 3002 (lag 0)\n")
        #expect(try ToolTests.run(["stats", path]).output.contains("  workload-customers: version 1, position 3002, lag 0\n"))
    }

    @Test func longWorkReportsProgressOnStandardError() async throws {
        let (directory, path) = try await ToolTests.store(count: 30)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("log.jsonl").path
        let export = try ToolTests.run(["export", path, "--output", file])
        #expect(export.status == 0)
        #expect(export.error.hasPrefix("export: 100% 30/30 events "))
        #expect(export.error.hasSuffix(", done\nexported 30 events\n"))

        let verify = try ToolTests.run(["verify", path])
        #expect(verify.error.hasPrefix("verify: 100% 30/30 events ") && verify.error.hasSuffix(", done\n"))

        let imported = try ToolTests.run(["import", directory.appendingPathComponent("copy").path, file])
        #expect(imported.status == 0)
        #expect(imported.error.hasPrefix("import: 100% 30/30 lines "))
        #expect(imported.output == "imported 30 events (0 already present) from 30 lines; head 30\n")
    }

    /// On a terminal: a bar redrawn in place (util-linux's `script` gives the tool a pseudo-terminal).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onATerminalProgressIsABarRedrawnInPlace() async throws {
        let (directory, path) = try await ToolTests.store(count: 30)
        defer { try? FileManager.default.removeItem(at: directory) }
        let command = [try ToolTests.tool(), "export", path, "--output", directory.appendingPathComponent("log.jsonl").path]
            .map { "'" + $0 + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("\r\u{1B}[2Kexport: [" + String(repeating: "#", count: 30) + "] 100% 30/30 events "), "\(text.debugDescription)")
        #expect(text.contains(", done\r\n") && text.hasSuffix("exported 30 events\r\n"), "\(text.debugDescription)")
    }

    @Test func everyCommandHasHelpWithAnExample() throws {
        for command in ["demo", "stats", "log", "stream", "show", "verify", "checkpoint", "rebuild", "export", "import"] {
            let help = try ToolTests.run([command, "--help"])
            #expect(help.status == 0, "\(command)")
            #expect(help.output.contains("Example"), "\(command) --help has no example")
            #expect(help.output.contains("rapport \(command) "), "\(command) --help shows no command line")
        }
        let unknown = try ToolTests.run(["frobnicate"])
        #expect(unknown.status != 0 && unknown.error.hasPrefix("rapport: ") && unknown.error.split(separator: "\n").count == 1)
        let missing = try ToolTests.run(["show"])
        #expect(missing.status != 0 && missing.error.hasPrefix("rapport: ") && missing.error.split(separator: "\n").count == 1)
    }
}
