import CRM
import EventSourcing
import Foundation
import Testing

@Suite("rapport import --csv")
struct CSVImportToolTests {
    static let mapping =
        "customer.id=Account ID,customer.name=Company,customer.email=E-mail,customer.industry=Industry,"
        + "customer.source:=event,contact.id=Contact ID,contact.name=Contact,contact.email=Contact e-mail,contact.title=Title"

    /// A fresh directory with a store holding one customer, and a CSV file.
    static func setUp(_ csv: String) async throws -> (directory: URL, store: String, file: String) {
        let (directory, store) = try ToolTests.newDirectory()
        var options = CRMOptions()
        options.personalData = .inClear
        let crm = try CRMStore(path: store, configuration: ToolTests.fastConfiguration(), options: options)
        try await crm.registerCustomer(
            id: "cus-0", kind: .organization, name: "Existing Ltd", source: .website, context: CommandContext(actor: "usr-7"))
        await crm.close()
        let file = directory.appendingPathComponent("accounts.csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        return (directory, store, file)
    }

    @Test func aMappedFileBecomesCustomersAndContactsInOneAppend() async throws {
        let csv = [
            "Account ID,Company,E-mail,Industry,Contact ID,Contact,Contact e-mail,Title",
            "cus-1,\"Initech, Oy\",info@initech.example,Software,con-1,Bill Lumbergh,bill@initech.example,\"VP, \"\"Operations\"\"\"",
            "cus-1,\"Initech, Oy\",info@initech.example,Software,con-2,Peter Gibbons,peter@initech.example,",
            "cus-2,Globex,,\"Power\nplants\",,,,",
            "",
        ].joined(separator: "\r\n")
        let (directory, store, file) = try await Self.setUp(csv)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ToolTests.run(["import", store, "--csv", file, "--mapping", Self.mapping, "--batch", "june"])
        #expect(run.status == 0, "\(run.error)")
        #expect(run.output.hasPrefix("imported 3 rows as batch june: 2 customers, 2 contacts; head 6\n"))
        #expect(run.error.split(separator: "\n").last?.hasPrefix("import: 100% 3/3 rows ") == true)

        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        let eventStore = try EventStore(path: store, configuration: configuration)
        defer { eventStore.close() }
        let crm = try CRMStore(store: eventStore)
        let initech = try await crm.customer("cus-1")
        #expect(initech.profile?.name == "Initech, Oy" && initech.profile?.email == "info@initech.example")
        #expect(initech.profile?.industry == "Software" && initech.profile?.source == .event)
        #expect(try await crm.customer("cus-2").profile?.industry == "Power\nplants")
        let bill = try await crm.contact("con-1")
        #expect(bill.profile?.title == "VP, \"Operations\"" && bill.customers["cus-1"] != nil)
        #expect(bill.profile?.emails == ["bill@initech.example"])
        #expect(try await crm.contact("con-2").profile?.title == nil)
        // One append: the batch event first, every record caused by it.
        let appended = try await eventStore.readAll(after: LogPosition(1))
        #expect(appended.map(\.type) == ["ImportBatchApplied", "CustomerRegistered", "CustomerRegistered", "ContactAdded", "ContactAdded"])
        let batch = try appended[0].decode(ImportBatchApplied.self)
        #expect(batch.batchId == "june" && batch.recordCount == 3 && batch.source == "accounts.csv")
        #expect(appended.dropFirst().allSatisfy { $0.causationID == appended[0].id && $0.actor == "rapport-import" })
        #expect(Set(appended.map(\.recordedAt)).count == 1)

        let again = try ToolTests.run(["import", store, "--csv", file, "--mapping", Self.mapping, "--batch", "june"])
        #expect(again.status != 0 && again.error.contains("batch june was imported already"), "\(again.error)")
    }

    @Test func invalidRowsAreAllReportedAndNothingIsWritten() async throws {
        let csv = """
            Account ID,Company,E-mail,Industry,Contact ID,Contact,Contact e-mail,Title
            cus-1,Initech,not-an-address,Software,con-1,Bill,bill@initech.example,
            cus-0,Existing again,,,,,,
            cus-3,Umbrella,,,con-1,Alice,alice@umbrella.example,
            cus-4,,,,,,,
            """
        let (directory, store, file) = try await Self.setUp(csv)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try ToolTests.run(["import", store, "--csv", file, "--mapping", Self.mapping])
        #expect(run.status != 0)
        let message = run.error.split(separator: "\n").last.map(String.init) ?? ""
        #expect(message.hasPrefix("rapport: 4 rows are invalid, nothing was imported: line 2: "))
        #expect(message.contains("not-an-address") && message.contains("line 3: ") && message.contains("cus-0"))
        #expect(message.contains("line 4: ") && message.contains("con-1 is on line 2"))
        #expect(message.contains("line 5: ") && message.contains("customer name"))
        #expect(try ToolTests.run(["stats", store]).output.hasPrefix("events: 1\n"))
    }

    @Test func badMappingsAndBadFilesGiveOneLine() async throws {
        let (directory, store, file) = try await Self.setUp("Account ID,Company\ncus-1,Initech\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.csv").path
        try "Account ID,Company\ncus-1,\"Initech\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--csv", file, "--mapping", "customer.id=Account ID,customer.name=Name"],
             "rapport: the column mapping: customer.name names the column \"Name\", which the file does not have (its columns: Account ID, Company)\n"),
            (["--csv", file, "--mapping", "customer.nickname=Company"], "rapport: the column mapping: unknown field \"customer.nickname\""),
            (["--csv", file], "rapport: --csv needs --mapping (FIELD=COLUMN,…)\n"),
            (["--csv", broken, "--mapping", "customer.id=Account ID,customer.name=Company"],
             "rapport: line 2 of the CSV file: a quoted field is not closed before the end of the file\n"),
            (["--csv", directory.appendingPathComponent("none.csv").path, "--mapping", "customer.id=Account ID"],
             "does not exist"),
        ]
        for (arguments, expected) in cases {
            let run = try ToolTests.run(["import", store] + arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.error.hasPrefix(expected) || (run.error.contains(expected) && run.error.hasPrefix("rapport: ")), "\(run.error)")
            #expect(run.error.split(separator: "\n").count == 1, "\(run.error)")
        }
        #expect(try ToolTests.run(["stats", store]).output.hasPrefix("events: 1\n"))

        // Into a store that does not exist yet: a failed import leaves no store behind.
        let fresh = directory.appendingPathComponent("fresh").path
        let failed = try ToolTests.run(
            ["import", fresh, "--csv", file, "--mapping", "customer.id=Account ID,customer.name=Company,customer.email:=bad"])
        #expect(failed.status != 0 && failed.error.contains("'bad' is not an e-mail address"))
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }
}
