import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport show`: one record's state, now or as it was.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a customer, opportunity or ticket as it is now or as it was at a position or time.",
        discussion: """
            The state is folded from the record's stream by the CRM library (what its commands decide from). The \
            table lists each field by path (profile.name, traits.tags[0]); --format json prints the state as one JSON \
            object with its fields sorted (times in microseconds since 1970). --as-of takes a log position or an \
            ISO 8601 UTC time (a date alone means the end of that day). Examples:

              rapport show /var/lib/crm customer cus-1
              rapport show /var/lib/crm opportunity opp-7 --as-of 2026-06-30 --format json
            """
    )

    /// The kinds of record `show` knows.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case customer, opportunity, ticket
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: "customer, opportunity or ticket.")
    var kind: Kind

    @Argument(help: "The record's id.")
    var id: String

    @Option(name: .customLong("as-of"), help: "A log position or an ISO 8601 UTC time.")
    var asOf: PointArgument?

    @Option(help: "table or json.")
    var format: OutputFormat = .table

    func run() async throws {
        let store = try options.openReadOnly()
        defer { store.close() }
        let crm = try CRMStore(store: store)
        let point = try asOf?.point ?? .position(store.head())
        let cut = try store.read { try $0.lastPosition(asOf: point) }
        let (value, version): (PayloadValue, UInt64)
        switch kind {
        case .customer:
            let state = try await crm.state(CustomerState.self, id: id, asOf: point)
            (value, version) = (try state.payloadValue(), state.version)
        case .opportunity:
            let state = try await crm.state(OpportunityState.self, id: id, asOf: point)
            (value, version) = (try state.payloadValue(), state.version)
        case .ticket:
            let state = try await crm.state(TicketState.self, id: id, asOf: point)
            (value, version) = (try state.payloadValue(), state.version)
        }
        guard version > 0 else {
            throw ToolError(
                "there is no \(kind.rawValue) \(id)" + (asOf == nil ? "" : " as of position \(cut)"))
        }
        switch format {
        case .json: print(value.jsonText())
        case .table:
            print("\(kind.rawValue) \(id): version \(version), as of position \(cut)")
            let rows = value.flattened()
            let width = min(40, rows.map(\.path.count).max() ?? 0)
            for row in rows { print("  " + row.path.padded(width) + "  " + row.text) }
        }
    }
}

extension PayloadValue {
    /// The leaves of the value, by path (`profile.name`, `lines[0].quantity`); empty objects and arrays are leaves.
    func flattened(_ path: String = "") -> [(path: String, text: String)] {
        switch self {
        case .object(let fields) where !fields.isEmpty:
            return fields.flatMap { $0.value.flattened(path.isEmpty ? $0.key : path + "." + $0.key) }
        case .array(let elements) where !elements.isEmpty:
            return elements.enumerated().flatMap { $0.element.flattened(path + "[\($0.offset)]") }
        default:
            return [(path, displayText)]
        }
    }
}
