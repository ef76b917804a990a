import CRM
import Foundation
import Testing

@Suite("Event catalogue")
struct EventCatalogueTests {
    /// `Documentation/EventCatalogue.md`, found from this file's path.
    private static func catalogue() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("Documentation/EventCatalogue.md"), encoding: .utf8)
    }

    /// The JSON example after each `### Name` heading.
    private static func examples() throws -> [String: String] {
        var examples: [String: String] = [:]
        var current: String?
        var json: [String]?
        for line in try catalogue().split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("### ") { current = String(line.dropFirst(4)) }
            if line == "```json" {
                json = []
            } else if line == "```", let lines = json, let name = current {
                examples[name] = lines.joined(separator: "\n")
                json = nil
            } else if json != nil {
                json?.append(String(line))
            }
        }
        return examples
    }

    /// The value with every object's fields sorted by name.
    private static func canonical(_ value: PayloadValue) -> PayloadValue {
        switch value {
        case .object(let fields):
            return .object(fields.map { PayloadField(key: $0.key, value: canonical($0.value)) }.sorted { $0.key < $1.key })
        case .array(let items): return .array(items.map(canonical))
        default: return value
        }
    }

    private static func check<E: Event>(_ type: E.Type, example: String) throws {
        let decoded = try JSONDecoder().decode(E.self, from: Data(example.utf8))
        let encoded = try JSONPayloadCodec().encode(decoded)
        let again = try PayloadValue(jsonText: String(decoding: encoded, as: UTF8.self))
        #expect(canonical(again) == canonical(try PayloadValue(jsonText: example)), "\(E.eventType)")
        #expect(String(describing: E.self) == E.eventType)
        #expect(E.schemaVersion >= 1)
    }

    @Test func everyEventTypeIsDocumentedWithAnExampleThatDecodesExactly() throws {
        let examples = try Self.examples()
        let types = EventCatalogue.eventTypes
        #expect(types.count == 113)
        #expect(Set(types.map { $0.eventType }).count == types.count)
        #expect(Set(examples.keys) == Set(types.map { $0.eventType }))
        for type in types {
            guard let example = examples[type.eventType] else {
                Issue.record("\(type.eventType) has no example")
                continue
            }
            try Self.check(type, example: example)
        }
    }

    @Test func everyChecklistItemIsCovered() throws {
        let text = try Self.catalogue()
        for item in 1...73 { #expect(text.contains("\n| \(item) | "), "checklist item \(item)") }
    }

    @Test func examplesSurviveTheStoreInBothCodecs() async throws {
        let fixture = try CRMFixture()
        let examples = try Self.examples()
        var events: [NewEvent] = []
        for type in EventCatalogue.eventTypes {
            events.append(try Self.newEvent(type, example: examples[type.eventType] ?? "{}", binary: events.count % 2 == 0))
        }
        try await fixture.crm.store.append(events, to: try StreamName("catalogue-all"), expecting: .noStream)
        let read = try await fixture.crm.store.readStream(try StreamName("catalogue-all"))
        #expect(read.map(\.type) == EventCatalogue.eventTypes.map { $0.eventType })
        for (recorded, type) in zip(read, EventCatalogue.eventTypes) { try Self.decodes(recorded, as: type) }
    }

    private static func newEvent<E: Event>(_ type: E.Type, example: String, binary: Bool) throws -> NewEvent {
        let value = try JSONDecoder().decode(E.self, from: Data(example.utf8))
        return binary ? try NewEvent(value, actor: "test") : try NewEvent(value, actor: "test", codec: JSONPayloadCodec())
    }

    private static func decodes<E: Event>(_ recorded: RecordedEvent, as type: E.Type) throws {
        _ = try recorded.decode(E.self)
    }
}
