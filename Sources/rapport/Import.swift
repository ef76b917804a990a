import ArgumentParser
import CRM
import Crypto
import EventSourcing
import Foundation

/// `rapport import`: JSON Lines, or customers and contacts from CSV, into a store.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a JSON Lines export, or customers and contacts from a CSV file, into a store.",
        discussion: """
            A store that does not exist is created, and removed again if the import fails.

            JSON Lines: by default positions, ids, times and chain hashes are kept, so the store must end where the \
            export starts (empty for a whole export). An invalid line is reported with its number and nothing of its \
            batch is written.

            CSV (RFC 4180, with a header row): --mapping says which column gives each CRM field, as FIELD=COLUMN \
            (or FIELD:=VALUE for the same value in every row), separated by commas. Fields: customer.id, \
            customer.name, customer.kind, customer.email, customer.phone, customer.website, customer.industry, \
            customer.source, customer.owner, customer.background, contact.id, contact.name, contact.title, \
            contact.email, contact.phone, contact.role. Every row is checked by the CRM's rules first; if any row \
            is invalid, all invalid rows are reported and nothing is written; otherwise the whole file is written in \
            one atomic append, with its provenance (stream import-BATCH). The same file cannot be imported twice. \
            Examples:

              rapport import /var/lib/crm-copy export.jsonl
              rapport import /var/lib/crm --csv accounts.csv \\
                --mapping "customer.id=Account ID,customer.name=Company,customer.email=E-mail,customer.source:=event"
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The JSON Lines file.")
    var file: String?

    @Flag(help: "JSON Lines: append the events as new ones (new positions and times; ids kept, so a repeat imports nothing).")
    var asNew = false

    @Option(help: "A CSV file of customers and contacts to import instead (needs --mapping).")
    var csv: String?

    @Option(help: "CSV: FIELD=COLUMN or FIELD:=VALUE entries, separated by commas.")
    var mapping: String?

    @Option(help: "CSV: the column separator (one character; default a comma).")
    var separator: String = ","

    @Option(help: "CSV: the import batch's id (default: csv- and the start of the file's SHA-256).")
    var batch: String?

    @Option(help: "CSV: the actor recorded on the events.")
    var actor: String = "rapport-import"

    @Option(help: "CSV: the master key file (32 raw bytes or 64 hex digits) to seal personal data; without it, it is stored in clear.")
    var masterKeyFile: String?

    func validate() throws {
        switch (file, csv) {
        case (nil, nil): throw ValidationError("name a JSON Lines file, or a CSV file with --csv")
        case (_?, _?): throw ValidationError("name either a JSON Lines file or --csv, not both")
        case (nil, _?):
            if mapping == nil { throw ValidationError("--csv needs --mapping (FIELD=COLUMN,…)") }
            if asNew { throw ValidationError("--as-new is for JSON Lines imports") }
        case (_?, nil):
            if mapping != nil || batch != nil { throw ValidationError("--mapping and --batch are for --csv imports") }
        }
        guard separator.unicodeScalars.count == 1, let scalar = separator.unicodeScalars.first, scalar != "\"",
            scalar != "\n", scalar != "\r"
        else { throw ValidationError("--separator must be one character other than a quote or a line break") }
    }

    func run() async throws {
        // A store this import creates is removed again when the import fails, so a failure leaves nothing behind.
        let created = !FileManager.default.fileExists(atPath: options.store)
        do {
            if let csv { try await importCSV(csv) } else if let file { try await importJSONLines(file) }
        } catch {
            if created { try? FileManager.default.removeItem(atPath: options.store) }
            throw error
        }
    }

    private func importJSONLines(_ file: String) async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ToolError("\(file) does not exist or cannot be read")
        }
        let lines = UInt64(data.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } })
            + (data.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
        let store = try EventStore(path: options.store)
        defer { store.close() }
        let progress = ProgressDisplay("import", unit: "lines", total: lines)
        let summary = try await store.importJSONLines(fromFile: file, mode: asNew ? .appendAsNew : .preservePositions) {
            done in progress.update(UInt64(done))
        }
        progress.finish()
        print("imported \(summary.imported) events (\(summary.alreadyPresent) already present) from \(summary.lines) lines; head \(summary.head)")
    }

    private func importCSV(_ file: String) async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ToolError("\(file) does not exist or cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ToolError("\(file) is not UTF-8 text") }
        let table = try CSVTable(text: text, separator: separator.unicodeScalars.first ?? ",")
        let columnMapping = try CSVColumnMapping(parsing: mapping ?? "")
        let batchId = batch ?? "csv-" + SHA256.hash(data: data).prefix(8).map { String(format: "%02x", $0) }.joined()
        var configuration = EventStoreConfiguration()
        var crmOptions = CRMOptions()
        if let masterKeyFile {
            configuration.masterKey = try MasterKey(contentsOfFile: masterKeyFile)
        } else {
            crmOptions.personalData = .inClear   // as the option's help says
        }
        let crm = try CRMStore(path: options.store, configuration: configuration, options: crmOptions)
        let progress = ProgressDisplay("import", unit: "rows", total: UInt64(table.rows.count))
        let summary: CSVImportSummary
        do {
            summary = try await crm.importCSV(
                table, mapping: columnMapping, batchId: batchId, source: URL(fileURLWithPath: file).lastPathComponent,
                context: CommandContext(actor: actor)
            ) { done, total in progress.update(UInt64(done), of: UInt64(total)) }
        } catch {
            await crm.close()
            throw error
        }
        progress.finish()
        await crm.close()
        print(
            "imported \(summary.rows) rows as batch \(summary.batchId): \(summary.customersRegistered) customers, "
                + "\(summary.contactsAdded) contacts; head \(summary.position)")
        for (ref, candidates) in summary.possibleDuplicates.sorted(by: { $0.key.description < $1.key.description }) {
            let names = candidates.map { "\($0.record)" }.joined(separator: ", ")
            print("  possible duplicate: \(ref) may be \(names)")
        }
    }
}
