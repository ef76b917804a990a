import ArgumentParser
import CRM
import EventSourcing
import Foundation

/// `rapport stream`: one stream's history with the fields each event changed.
struct StreamHistory: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Show one stream's events, each with the fields it changed.",
        discussion: """
            For customer, contact, opportunity and ticket streams the differences are between the record's state \
            before and after each event; for other streams, between each event's payload and the stream's previous \
            event of the same type. --format json prints one JSON object per event (JSON Lines) with its "changes":
            [{"path", "old", "new"}] (a missing old or new is an added or removed field). Example:

              rapport stream /var/lib/crm customer-cus-1
            """
    )

    @OptionGroup var options: StoreOptions

    @Argument(help: "The stream's name, e.g. customer-cus-1.")
    var name: String

    @Option(help: "table or json (JSON Lines).")
    var format: OutputFormat = .table

    func run() async throws {
        let stream: StreamName
        do { stream = try StreamName(name) } catch { throw ValidationError("\(name) is not a stream name: \(error)") }
        let store = try options.openReadOnly()
        defer { store.close() }
        let crm = try CRMStore(store: store)
        let changes = try await crm.fieldChanges(in: stream)
        guard !changes.isEmpty else { throw ToolError("the store has no stream \(stream)") }
        let out = OutputBuffer()
        for change in changes {
            let event = change.event
            switch format {
            case .json:
                var fields: [PayloadField] = [
                    PayloadField(key: "position", value: .uint(event.position.rawValue)),
                    PayloadField(key: "streamVersion", value: .uint(event.streamVersion)),
                    PayloadField(key: "type", value: .string(event.type)),
                    PayloadField(key: "recordedAt", value: .string(event.recordedAt.description)),
                ]
                if let actor = event.actor { fields.append(PayloadField(key: "actor", value: .string(actor))) }
                fields.append(PayloadField(key: "basis", value: .string(change.basis.rawValue)))
                let list = change.differences.map { difference -> PayloadValue in
                    var entry = [PayloadField(key: "path", value: .string(difference.path))]
                    if let old = difference.old { entry.append(PayloadField(key: "old", value: old)) }
                    if let new = difference.new { entry.append(PayloadField(key: "new", value: new)) }
                    return .object(entry)
                }
                fields.append(PayloadField(key: "changes", value: .array(list)))
                out.write(PayloadValue.object(fields).jsonText() + "\n")
            case .table:
                out.write(
                    "v\(event.streamVersion) @\(event.position) \(event.recordedAt.iso8601Seconds) \(event.type)"
                        + (event.actor.map { " by \($0)" } ?? "") + "\n")
                if change.differences.isEmpty { out.write("    (no field changed)\n") }
                for difference in change.differences {
                    let old = difference.old.map(\.displayText) ?? "(none)"
                    let new = difference.new.map(\.displayText) ?? "(none)"
                    out.write("    \(difference.path): \(old) → \(new)\n")
                }
            }
        }
        out.flush()
    }
}

extension PayloadValue {
    /// The value for a table: text as it is, everything else as JSON.
    var displayText: String {
        if case .string(let text) = self { return text.debugDescription }
        return jsonText()
    }
}
