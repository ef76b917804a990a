// libFuzzer entry point: command arguments (amounts, currencies, dates, times, stages, names, ids) must be accepted
// exactly when they are valid, print back to themselves, and never trap; money arithmetic must be exact or a typed
// error; and opening an opportunity with them (one input in eight) must write it whole or write nothing.
import CRM
import EventSourcing
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandInputs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = CommandInput(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    let money = checkMoney(input)
    let date = checkDate(input.date)
    checkTime(input.time)
    if let date, usesStore(data, size, oneIn: 8) { openOpportunity(input, amount: money, date: date) }
    return 0
}

/// Parses the amount; checks its round trip and the arithmetic on the three integers. Returns the amount, or the
/// first integer in minor units (not validated) when the text is not an amount.
func checkMoney(_ input: CommandInput) -> Money {
    let (a, b, factor) = input.integers
    let x = Money(minorUnits: a, currency: input.currency)
    let y = Money(minorUnits: b, currency: input.currency)
    func expect(_ result: Money?, _ exact: Int128, _ operation: String) {
        let fits = exact >= Int128(Int64.min) && exact <= Int128(Int64.max)
        guard fits == (result != nil), result.map({ Int128($0.minorUnits) == exact }) ?? true else {
            fuzzFailure("\(a) \(operation) \(b) (factor \(factor)) gave \(String(describing: result)), exactly \(exact)")
        }
    }
    expect(try? x.adding(y), Int128(a) + Int128(b), "+")
    expect(try? x.subtracting(y), Int128(a) - Int128(b), "-")
    expect(try? x.multiplied(by: Int(factor)), Int128(a) * Int128(factor), "*")
    _ = (x.amountText, x.description, x.decimalValue)

    guard let parsed = try? Money(input.amount, currency: input.currency) else { return x }
    guard (try? Money(parsed.amountText, currency: input.currency)) == parsed,
        (try? Money(parsed.decimalValue, currency: input.currency)) == parsed
    else { fuzzFailure("\(input.amount) \(input.currency) parsed as \(parsed), which does not print back to itself") }
    return parsed
}

/// A date parses exactly when it is `YYYY-MM-DD` of a real day, and then prints back to its text.
func checkDate(_ text: String) -> LocalDate? {
    guard let date = LocalDate(text) else { return nil }
    guard date.description == text, (try? LocalDate(year: date.year, month: date.month, day: date.day)) == date else {
        fuzzFailure("'\(text)' parsed as the date \(date)")
    }
    return date
}

/// A time parses only when its calendar date exists, and then prints back to the same moment (unless a leap second
/// took 9999-12-31T23:59:60Z into the year 10000, which prints with five digits).
func checkTime(_ text: String) {
    guard let time = Timestamp(iso8601: text) else { return }
    let year10000: Int64 = 253_402_300_800 * 1_000_000
    guard time.rawValue >= year10000 || Timestamp(iso8601: time.description) == time,
        LocalDate(String(text.prefix(10))) != nil || text.hasPrefix("0000-")
    else {
        fuzzFailure("'\(text)' parsed as the time \(time)")
    }
}

/// Opens an opportunity in the harness's store: it must be written whole when every argument is valid, and
/// nothing must be written otherwise.
func openOpportunity(_ input: CommandInput, amount: Money, date: LocalDate) {
    let store = FuzzCRM.shared
    let id = input.id.isEmpty ? "opp-\(store.nextNumber())" : "\(input.id)-\(store.nextNumber())"
    let before = store.head()
    let opened: [RecordedEvent]? = blocking {
        try? await store.crm.openOpportunity(
            id: id, customerId: "cus-fuzz", name: input.name, pipelineId: "sales", stageId: input.stage, amount: amount,
            expectedCloseDate: date, context: store.context)
    }
    let after = store.head()
    let openStages = CRMStore.standardStages.filter { $0.category == .open }.map(\.stageId)
    let identifier = !id.isEmpty && id.count <= 64
        && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)) }
    let valid = openStages.contains(input.stage) && amount.minorUnits >= 0
        && amount.currency.utf8.count == 3 && amount.currency.utf8.allSatisfy({ (0x41...0x5A).contains($0) })
        && input.name.contains(where: { !$0.isWhitespace }) && identifier
    guard let opened else {
        guard after == before else { fuzzFailure("a refused opportunity moved the head from \(before) to \(after)") }
        if valid && input.name.count <= 200 { fuzzFailure("a valid opportunity \(id) in \(input.stage) of \(amount) was refused") }
        return
    }
    guard valid, !opened.isEmpty, after.rawValue == before.rawValue + UInt64(opened.count), opened.last?.position == after else {
        fuzzFailure("the opportunity \(id) '\(input.name)' in '\(input.stage)' of \(amount) was accepted: \(opened.count) events, head \(before) → \(after)")
    }
}

/// The entry point SwiftPM links as `main` for this executable (it is built with -parse-as-library).
@_cdecl("fuzz_command_inputs_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, seeds: .commandInputs) { data, size in
        guard let data else { return 0 }
        return fuzzCommandInputs(data, size)
    }
}
