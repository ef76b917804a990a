import EventSourcing
import Foundation
import Testing

/// Schema 1 of a registration: one name.
struct RegisteredV1: Event {
    static let eventType = "CustomerRegistered"
    var name: String
}

/// Schema 2: the name split in two.
struct RegisteredV2: Event {
    static let eventType = "CustomerRegistered"
    static let schemaVersion: UInt32 = 2
    var givenName: String
    var familyName: String
}

/// Schema 3 (current): a country added, unknown for old records.
struct Registered: Event {
    static let eventType = "CustomerRegistered"
    static let schemaVersion: UInt32 = 3
    var givenName: String
    var familyName: String
    var country: String
}

/// Schema 3 again, read through its binary initialiser (the path every CRM event takes): an old payload must still
/// go through the upcasters first.
struct RegisteredFast: Event, BinaryPayloadDecodable {
    static let eventType = "CustomerRegistered"
    static let schemaVersion: UInt32 = 3
    var givenName: String
    var familyName: String
    var country: String

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        givenName = try fields.string("givenName")
        familyName = try fields.string("familyName")
        country = try fields.string("country")
    }
}

struct UpcastError: Error, CustomStringConvertible {
    var description: String { "the old record has no name" }
}

func registrationUpcasters() -> EventUpcasters {
    var upcasters = EventUpcasters()
    upcasters.register("CustomerRegistered", from: 1) { old in
        guard let name = old["name"]?.stringValue else { throw UpcastError() }
        let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
        return .object([
            PayloadField(key: "givenName", value: .string(parts.first ?? "")),
            PayloadField(key: "familyName", value: .string(parts.count > 1 ? parts[1] : "")),
        ])
    }
    upcasters.register("CustomerRegistered", from: 2) { old in
        guard case .object(var fields) = old else { return old }
        fields.append(PayloadField(key: "country", value: .string("unknown")))
        return .object(fields)
    }
    return upcasters
}

/// Registrations per country, decoding through the store's upcasters.
struct CustomersByCountry: Projection {
    let name = "customers-by-country"
    let version: UInt32 = 1
    var eventTypes: Set<String> { ["CustomerRegistered"] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<[String]>) throws {
        let registered = try event.decode(Registered.self)
        try records.update(registered.country, default: []) { $0.append(registered.familyName) }
    }
}

/// Each registration's type name and upcast given name, by stream: a second projection over the same records, so
/// that a group of two shares its reads (and type names) while decoding through the upcasters.
struct GivenNamesByStream: Projection {
    let name = "given-names-by-stream"
    let version: UInt32 = 1

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        guard event.type == Registered.eventType else {
            records.set("other:\(event.type)", forKey: event.stream.rawValue)
            return
        }
        records.set("\(event.type):\(try event.decode(Registered.self).givenName)", forKey: event.stream.rawValue)
    }
}

/// Appends a registration of schema 1 (Ada Lovelace), 2 (Grace Hopper) and 3 (Alan Turing, GB), in that order.
func appendOneRegistrationOfEachSchema(to store: EventStore) async throws {
        try await store.append([try NewEvent(RegisteredV1(name: "Ada Lovelace"))], to: stream("customer-1"))
        try await store.append(
            [try NewEvent(RegisteredV2(givenName: "Grace", familyName: "Hopper"))], to: stream("customer-2"))
        try await store.append(
            [try NewEvent(Registered(givenName: "Alan", familyName: "Turing", country: "GB"))], to: stream("customer-3"))
}

@Suite("Upcasters")
struct UpcasterTests {
    @Test func oldPayloadsAreUpcastThroughTheChainOnReadAndStoredBytesStayAsTheyWere() async throws {
        let fixture = try StoreFixture { $0.upcasters = registrationUpcasters() }
        let store = fixture.store
        try await appendOneRegistrationOfEachSchema(to: store)
        let recorded = try await store.readAll()
        #expect(recorded.map(\.schemaVersion) == [1, 2, 3])
        let decoded = try recorded.map { try $0.decode(Registered.self, upcasters: registrationUpcasters()) }
        #expect(decoded.map(\.givenName) == ["Ada", "Grace", "Alan"])
        #expect(decoded.map(\.familyName) == ["Lovelace", "Hopper", "Turing"])
        #expect(decoded.map(\.country) == ["unknown", "unknown", "GB"])
        // The stored payload of the first event is still the version 1 one.
        #expect(try recorded[0].decode(RegisteredV1.self).name == "Ada Lovelace")
        // Views handed out by the store carry its upcasters, projections included.
        // Through `Codable` and through the binary initialiser (the path CRM events take).
        let (viaSnapshot, viaInitialiser) = try store.read { snapshot in
            var found: (names: [String], countries: [String]) = ([], [])
            try snapshot.forEach { view in
                found.names.append(try view.decode(Registered.self).givenName)
                found.countries.append(try view.decode(RegisteredFast.self).country)
                return true
            }
            return found
        }
        #expect(viaSnapshot == ["Ada", "Grace", "Alan"])
        #expect(viaInitialiser == ["unknown", "unknown", "GB"])
        let viaStream = try store.read { snapshot in
            var names: [String] = []
            try snapshot.forEach(in: stream("customer-1")) { view in
                names.append(try view.decode(Registered.self).familyName)
                return true
            }
            return names
        }
        #expect(viaStream == ["Lovelace"])
        try await store.addProjection(CustomersByCountry())
        try await store.waitForProjection("customers-by-country", toReach: 3)
        #expect(try allValues(of: CustomersByCountry(), in: store) == ["unknown": ["Lovelace", "Hopper"], "GB": ["Turing"]])
        // A past state folds through them too.
        let asOfSecond = try await store.state(of: CustomersByCountry(), asOf: .position(LogPosition(2)))
        #expect(asOfSecond.values == ["unknown": ["Lovelace", "Hopper"]])
    }

    @Test func projectionsRebuiltTogetherEachDecodeThroughTheUpcasters() async throws {
        let fixture = try StoreFixture { $0.upcasters = registrationUpcasters() }
        let store = fixture.store
        try await store.append([try NewEvent(RegisteredV1(name: "Ada Lovelace"))], to: stream("customer-1"))
        try await store.append(
            [NewEvent(type: "CustomerTagged", payload: try BinaryPayloadCodec().encode(["tag": "vip"]))],
            to: stream("tag-1"))
        try await store.append(
            [try NewEvent(RegisteredV2(givenName: "Grace", familyName: "Hopper"))], to: stream("customer-2"))
        try await store.addProjection(CustomersByCountry())
        try await store.addProjection(GivenNamesByStream())
        try await store.waitForProjection("customers-by-country", toReach: 3)
        try await store.waitForProjection("given-names-by-stream", toReach: 3)
        // Rebuilt in one group: one read of the log feeds both, each decoding through the upcasters.
        try await store.rebuildProjections(["customers-by-country", "given-names-by-stream"])
        try await store.waitForProjection("customers-by-country", toReach: 3)
        try await store.waitForProjection("given-names-by-stream", toReach: 3)
        #expect(try allValues(of: CustomersByCountry(), in: store) == ["unknown": ["Lovelace", "Hopper"]])
        #expect(
            try allValues(of: GivenNamesByStream(), in: store)
                == ["customer-1": "CustomerRegistered:Ada", "tag-1": "other:CustomerTagged",
                    "customer-2": "CustomerRegistered:Grace"])
    }

    @Test func aViewDecodesThroughUpcastersPassedToItInPlaceOfTheStores() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try await store.append([try NewEvent(RegisteredV1(name: "Ada Lovelace"))], to: stream("customer-1"))
        let (passed, none) = try store.read { snapshot in
            var found: (String, Bool) = ("", false)
            try snapshot.forEach { view in
                found.0 = try view.decode(RegisteredFast.self, upcasters: registrationUpcasters()).familyName
                // The store has none: decoded as stored, the old payload lacks the new fields.
                found.1 = (try? view.decode(RegisteredFast.self)) == nil
                return true
            }
            return found
        }
        #expect(passed == "Lovelace")
        #expect(none)
    }

    @Test func aMissingOrFailingStepIsATypedError() async throws {
        var onlyFirst = EventUpcasters()
        onlyFirst.register("CustomerRegistered", from: 1) { $0 }
        let fixture = try StoreFixture()
        try await fixture.store.append([try NewEvent(RegisteredV2(givenName: "G", familyName: "H"))], to: stream("customer-9"))
        let recorded = try #require(try await fixture.store.readAll().first)
        #expect(throws: EventStoreError.upcastFailed(type: "CustomerRegistered", fromVersion: 2, reason: "no upcaster is registered for this version")) {
            try recorded.decode(Registered.self, upcasters: onlyFirst)
        }
        try await fixture.store.append([NewEvent(type: "CustomerRegistered", payload: try BinaryPayloadCodec().encode(["other": 1]))], to: stream("customer-8"))
        let odd = try #require(try await fixture.store.readAll().last)
        #expect(throws: EventStoreError.upcastFailed(type: "CustomerRegistered", fromVersion: 1, reason: "the old record has no name")) {
            try odd.decode(Registered.self, upcasters: registrationUpcasters())
        }
        #expect(registrationUpcasters().canUpcast("CustomerRegistered", from: 1, to: 3))
        #expect(!onlyFirst.canUpcast("CustomerRegistered", from: 1, to: 3))
    }
}
