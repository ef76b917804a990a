// libFuzzer entry point: any CSV file must parse into a well-formed table or be a typed error; a table must print
// back to the same table; a mapping must print back to the same mapping; and an import into the harness's store (of
// one input in four) must write all of its records or nothing.
import CRM
import EventSourcing
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVImport(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = CSVImportInput(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    guard let table = try? CSVTable(text: input.csv, separator: input.separator) else { return 0 }
    check(table, of: input)
    guard let mapping = try? CSVColumnMapping(parsing: input.mapping) else { return 0 }
    guard (try? CSVColumnMapping(parsing: mapping.description)) == mapping else {
        fuzzFailure("the mapping \(mapping.fields) prints as \(mapping.description), which does not parse back to it")
    }
    guard usesStore(data, size, oneIn: 4) else { return 0 }
    let store = FuzzCRM.shared
    let batch = "batch-\(store.nextNumber())"
    let before = store.head()
    let summary: CSVImportSummary? = blocking {
        try? await store.crm.importCSV(table, mapping: mapping, batchId: batch, source: "fuzz.csv", context: store.context)
    }
    let after = store.head()
    guard let summary else {
        if after != before { fuzzFailure("a refused import moved the head from \(before) to \(after)") }
        return 0
    }
    let written = UInt64(1 + summary.customersRegistered + summary.contactsAdded)
    guard after.rawValue == before.rawValue + written, summary.position == after, summary.rows == table.rows.count else {
        fuzzFailure("an import of \(written) events moved the head from \(before) to \(after); summary \(summary)")
    }
    return 0
}

/// The table's invariants, and that printing it as CSV (every field quoted) parses back to the same table.
func check(_ table: CSVTable, of input: CSVImportInput) {
    guard table.rows.count == table.lines.count else { fuzzFailure("\(table.rows.count) rows, \(table.lines.count) lines") }
    guard table.rows.allSatisfy({ $0.count == table.header.count }) else { fuzzFailure("a row's width differs from the header's") }
    guard Set(table.header).count == table.header.count,
        table.header.allSatisfy({ name in
            let scalars = name.unicodeScalars
            return !name.isEmpty && ![" ", "\t"].contains(scalars.first) && ![" ", "\t"].contains(scalars.last)
        })
    else { fuzzFailure("the header \(table.header) has an empty, padded or repeated name") }
    var breaks = 1
    var previous: Unicode.Scalar = " "
    for scalar in input.csv.unicodeScalars {
        if scalar == "\n" && previous != "\r" || scalar == "\r" { breaks += 1 }
        previous = scalar
    }
    guard zip(table.lines, table.lines.dropFirst()).allSatisfy({ $0 < $1 }), table.lines.allSatisfy({ $0 >= 2 && $0 <= breaks })
    else { fuzzFailure("record lines \(table.lines) are not increasing within 2...\(breaks)") }

    let separator = String(input.separator)
    func quoted(_ field: String) -> String { "\"" + field.replacing("\"", with: "\"\"") + "\"" }
    let printed = ([table.header] + table.rows).map { $0.map(quoted).joined(separator: separator) + "\r\n" }.joined()
    guard let again = try? CSVTable(text: printed, separator: input.separator),
        again.header == table.header, again.rows == table.rows
    else { fuzzFailure("the table \(table) printed as CSV does not parse back to it") }
}

/// The entry point SwiftPM links as `main` for this executable (it is built with -parse-as-library).
@_cdecl("fuzz_csv_import_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, seeds: .csvImport) { data, size in
        guard let data else { return 0 }
        return fuzzCSVImport(data, size)
    }
}
