import CRM
import Foundation
import Testing

/// A catalogue event, which the generated types make `Hashable`.
typealias HashableEvent = Event & Hashable

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

    /// Every catalogue event has a generated `init(binaryPayload:)` and `encode(binaryPayload:)`: the one reads
    /// exactly what `Codable` reads, the other writes exactly the bytes `Codable` writes: for
    /// each example, and for the example without each of its optional fields in turn (the absent-field paths).
    @Test func generatedBinaryDecodersAgreeWithCodable() throws {
        let examples = try Self.examples()
        var variants = 0
        for type in EventCatalogue.eventTypes {
            #expect(type is any BinaryPayloadDecodable.Type, "\(type.eventType) has no generated binary decoder")
            #expect(type is any BinaryPayloadEncodable.Type, "\(type.eventType) has no generated binary encoder")
            guard let example = examples[type.eventType], let comparable = type as? any HashableEvent.Type else {
                Issue.record("\(type.eventType) has no example or is not Hashable")
                continue
            }
            variants += try Self.agree(comparable, example: example)
        }
        // 113 examples, and one variant per optional field present in an example (counted from the catalogue).
        #expect(variants > 113)
    }

    /// Checks the two decoders on `example` and on each variant without one optional top-level field; returns how
    /// many payloads it checked.
    private static func agree<E: Event & Hashable>(_ type: E.Type, example: String) throws -> Int {
        guard case .object(let fields) = try PayloadValue(jsonText: example) else {
            Issue.record("\(E.eventType)'s example is not an object")
            return 0
        }
        var payloads = [fields]
        for index in fields.indices {
            var without = fields
            without.remove(at: index)
            // A field whose absence `Codable` accepts is optional.
            let json = PayloadValue.object(without).jsonText()
            if (try? JSONDecoder().decode(E.self, from: Data(json.utf8))) != nil { payloads.append(without) }
        }
        let codec = BinaryPayloadCodec()
        for payload in payloads {
            let value = try JSONDecoder().decode(E.self, from: Data(PayloadValue.object(payload).jsonText().utf8))
            let bytes = try codec.encode(value)
            // The generated encoder writes the bytes `Codable` writes.
            #expect(bytes == (try codec.encodeWithCodable(value)), "\(E.eventType)")
            let fast = try codec.decode(E.self, from: bytes)
            let slow = try codec.decodeWithCodable(E.self, from: bytes)
            #expect(fast == slow, "\(E.eventType)")
            #expect(fast == value, "\(E.eventType)")
        }
        return payloads.count
    }

    private static func newEvent<E: Event>(_ type: E.Type, example: String, binary: Bool) throws -> NewEvent {
        let value = try JSONDecoder().decode(E.self, from: Data(example.utf8))
        return binary ? try NewEvent(value, actor: "test") : try NewEvent(value, actor: "test", codec: JSONPayloadCodec())
    }

    private static func decodes<E: Event>(_ recorded: RecordedEvent, as type: E.Type) throws {
        _ = try recorded.decode(E.self)
    }
}
