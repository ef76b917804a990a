import EventSourcing
import Foundation
import LMDB
import PropertyBased
import Testing

/// A postal address: every text in it is personal when the field holding it is.
struct ShreddedAddress: Codable, Hashable {
    var street: String
    var city: String
    var floor: Int
}

/// A remark in a person's history: `note` is personal, `kind` is not.
struct Remark: Codable, Hashable {
    var kind: String
    var note: String
}

/// An event with personal fields at the top level, in arrays, in a nested value and behind a dotted path.
struct PersonRegistered: PersonalData, Hashable {
    static let eventType = "PersonRegistered"
    static let personalFields = ["name", "emails", "address", "remarks.note"]
    var personId: String
    var name: String
    var emails: [String]
    var address: ShreddedAddress?
    var age: Int
    var remarks: [Remark]
}

/// An event whose subject is named by a field, not by its stream.
struct PersonMentioned: PersonalData, Hashable {
    static let eventType = "PersonMentioned"
    static let personalFields = ["text"]
    static var dataSubject: DataSubject { .field("personId") }
    var personId: String
    var text: String
}

/// The name of every person, by person id: a projection that keeps personal data in the store's file.
struct PersonNames: Projection {
    var name = "person-names"
    var version: UInt32 = 1
    var eventTypes: Set<String> { [PersonRegistered.eventType] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        let registered = try event.decode(PersonRegistered.self)
        try records.update(registered.personId, default: "") { $0 = registered.name + " <" + registered.emails.joined(separator: ",") + ">" }
    }
}

/// Whether `needle` occurs in `haystack` (a plain scan, independent of the code under test).
func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let first = needle[0]
    var index = 0
    let last = haystack.count - needle.count
    while index <= last {
        if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
        index += 1
    }
    return false
}

/// The stored entry of `subject` in the store's `subject-keys` database, read with the LMDB layer directly.
func subjectKeyEntry(_ store: EventStore, _ subject: String) throws -> [UInt8]? {
    let keys = try store.environment.openDatabase("subject-keys")
    return try store.environment.read { txn in try txn.value(keys, forKey: Array(subject.utf8)) }
}

/// The bytes of every file in `directory`.
func fileBytes(_ directory: String) throws -> [UInt8] {
    var all: [UInt8] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
        if let data = FileManager.default.contents(atPath: directory + "/" + name) { all += Array(data) }
    }
    return all
}

@Suite("Crypto-shredding")
struct CryptoShreddingTests {
    static let masterKey = MasterKey.generate()

    /// `number` in four digits, so that no person's texts are a prefix of another's.
    static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func person(_ number: Int) -> PersonRegistered {
        let digits = padded(number)
        return PersonRegistered(
            personId: "p\(Int(digits) ?? 0)", name: "Ada Lovelace-\(digits)", emails: ["ada\(digits)@example.org", "al\(digits)@example.net"],
            address: ShreddedAddress(street: "\(digits) Marylebone Road", city: "London", floor: 7), age: 36,
            remarks: [Remark(kind: "call", note: "Asked about engine \(digits)")])
    }

    static func fixture(masterKey: MasterKey? = masterKey) throws -> StoreFixture {
        try StoreFixture { configuration in
            configuration.personalData.register(PersonRegistered.self)
            configuration.personalData.register(PersonMentioned.self)
            configuration.masterKey = masterKey
        }
    }

    static func register(_ number: Int, in store: EventStore) async throws {
        try await store.append([try NewEvent(person(number))], to: stream("person-p\(number)"), expecting: .noStream)
    }

    /// Every text the person's event holds in its personal fields.
    static func personalTexts(_ number: Int) -> [String] {
        let person = person(number)
        return [person.name, person.address?.street ?? "", person.remarks[0].note] + person.emails
    }

    @Test func personalFieldsAreStoredSealedAndReadBackInClear() async throws {
        let fixture = try Self.fixture()
        try await Self.register(1, in: fixture.store)
        let read = try await fixture.store.readStream(stream("person-p1"))
        #expect(try read.first?.decode(PersonRegistered.self) == Self.person(1))
        // The stored record holds none of the texts; the non-personal ones stay readable.
        let raw = try #require(try rawRecord(fixture.store, at: 1))
        for text in Self.personalTexts(1) {
            let found = contains(raw, Array(text.utf8))
            #expect(!found, "\(text) is stored in clear")
        }
        let (city, kind, field) = (contains(raw, Array("London".utf8)), contains(raw, Array("call".utf8)), contains(raw, Array("personId".utf8)))
        #expect(!city && kind && field)
        // The stored payload is sealed for the subject (the stream), with key version 1.
        var exported = ""
        try fixture.store.exportJSONLines { exported += $0 }
        #expect(exported.contains(#""$sealed""#))
        #expect(exported.contains(#""subject":"person-p1""#))
        for text in Self.personalTexts(1) { #expect(!exported.contains(text)) }
        #expect(try fixture.store.dataSubjectStatus("person-p1") == .active(keyVersion: 1))
        #expect(try fixture.store.verify().isIntact)
    }

    @Test func payloadsWithoutSealedValuesReadBackByteForByte() async throws {
        let fixture = try Self.fixture()
        // 12 is the sealed tag's byte: here it is a string's length, a count and a number, never a sealed value.
        let value = PayloadValue.object([
            PayloadField(key: "twelve bytes", value: .string("twelve bytes")),
            PayloadField(key: "n", value: .uint(12)),
            PayloadField(key: "list", value: .array(Array(repeating: .null, count: 12))),
        ])
        let payload = try BinaryPayloadCodec().encode(value: value)
        #expect(payload.contains(0x0C))
        try await fixture.store.append([NewEvent(type: "Plain", payload: payload)], to: stream("plain-1"))
        let read = try #require(try await fixture.store.readStream(stream("plain-1")).first)
        #expect(read.payload == payload)
        #expect(try read.payloadValue() == value)
    }

    @Test func anAppendRetriedWithTheSameEventIsRecordedOnce() async throws {
        let fixture = try Self.fixture()
        let event = try NewEvent(Self.person(2))
        let first = try await fixture.store.append([event], to: stream("person-p2"))
        let again = try await fixture.store.append([event], to: stream("person-p2"))
        #expect(!first.wasAlreadyRecorded)
        #expect(again.wasAlreadyRecorded)
        #expect(again.positions == first.positions)
        #expect(try fixture.store.head() == 1)
    }

    @Test func theSubjectCanBeNamedByAField() async throws {
        let fixture = try Self.fixture()
        try await fixture.store.append(
            [try NewEvent(PersonMentioned(personId: "person-p3", text: "Seen at the Royal Society"))], to: stream("diary-1"))
        #expect(try fixture.store.dataSubjectStatus("person-p3") == .active(keyVersion: 1))
        #expect(try fixture.store.dataSubjectStatus("diary-1") == .unknown)
        try await fixture.store.erase(subject: "person-p3")
        let read = try await fixture.store.readStream(stream("diary-1"))
        #expect(try read.first?.decode(PersonMentioned.self) == PersonMentioned(personId: "person-p3", text: "[erased]"))
    }

    @Test func erasureDestroysTheKeyAndEveryReadShowsTheFieldsErased() async throws {
        let fixture = try Self.fixture()
        for number in 1...3 { try await Self.register(number, in: fixture.store) }
        let before = try fixture.store.checkpoint()
        let result = try await fixture.store.erase(subject: "person-p2", actor: "dpo-1")
        #expect(result.positions == [4])
        let erased = try #require(try await fixture.store.readStream(stream("person-p2")).first).decode(PersonRegistered.self)
        #expect(erased.name == PersonalDataPolicy.erasedText)
        #expect(erased.emails == ["[erased]", "[erased]"])
        #expect(erased.address == ShreddedAddress(street: "[erased]", city: "[erased]", floor: 7))
        #expect(erased.remarks == [Remark(kind: "call", note: "[erased]")])
        #expect(erased.personId == "p2" && erased.age == 36)
        // The others are untouched, through every kind of read.
        #expect(try await fixture.store.readStream(stream("person-p1")).first?.decode(PersonRegistered.self) == Self.person(1))
        let all = try await fixture.store.readAll()
        #expect(try all[2].decode(PersonRegistered.self) == Self.person(3))
        #expect(try all[1].decode(PersonRegistered.self) == erased)
        #expect(try await fixture.store.event(id: all[1].id)?.decode(PersonRegistered.self) == erased)
        // The erasure event is in the log, the chain still verifies from the checkpoint taken before.
        let erasure = try #require(try await fixture.store.readStream(EventStore.erasureStream).first)
        #expect(try erasure.decode(SubjectErased.self) == SubjectErased(subject: "person-p2", keyVersion: 1))
        #expect(erasure.actor == "dpo-1")
        let report = try fixture.store.verify(from: before)
        #expect(report.isIntact && report.checkpointMatched == true && report.eventsChecked == 4)
        guard case .erased = try fixture.store.dataSubjectStatus("person-p2") else {
            Issue.record("person-p2 is not erased")
            return
        }
        // After a reopen too.
        try fixture.reopen()
        #expect(try await fixture.store.readStream(stream("person-p2")).first?.decode(PersonRegistered.self) == erased)
    }

    @Test func anErasedSubjectTakesNoNewPersonalDataAndIsErasedOnce() async throws {
        let fixture = try Self.fixture()
        try await Self.register(1, in: fixture.store)
        try await fixture.store.erase(subject: "person-p1")
        await #expect(throws: EventStoreError.self) {
            try await fixture.store.append([try NewEvent(Self.person(1))], to: stream("person-p1"))
        }
        await #expect(throws: EventStoreError.self) { try await fixture.store.erase(subject: "person-p1") }
        #expect(try fixture.store.head() == 2)
    }

    @Test func aFailedErasureAppendDestroysNothing() async throws {
        let fixture = try Self.fixture()
        try await Self.register(1, in: fixture.store)
        let conflicting = StreamWrite(stream: stream("person-p1"), expectedVersion: .noStream, events: [event("Noted")])
        await #expect(throws: EventStoreError.self) {
            try await fixture.store.erase(subject: "person-p1", alsoAppending: [conflicting])
        }
        #expect(try fixture.store.dataSubjectStatus("person-p1") == .active(keyVersion: 1))
        #expect(try fixture.store.head() == 1)
        #expect(try await fixture.store.readStream(stream("person-p1")).first?.decode(PersonRegistered.self) == Self.person(1))
    }

    @Test func withoutTheMasterKeyTheStoreVerifiesAndReplaysRedacted() async throws {
        let fixture = try Self.fixture()
        for number in 1...2 { try await Self.register(number, in: fixture.store) }
        try await fixture.store.erase(subject: "person-p1")
        fixture.store.close()
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        let auditor = try EventStore(path: fixture.directory, configuration: configuration)
        defer { auditor.close() }
        #expect(try auditor.verify().isIntact)
        let events = try await auditor.readAll()
        let first = try events[0].decode(PersonRegistered.self)
        let second = try events[1].decode(PersonRegistered.self)
        #expect(first.name == PersonalDataPolicy.erasedText)
        #expect(second.name == PersonalDataPolicy.redactedText && second.emails == ["[redacted]", "[redacted]"])
        #expect(second.personId == "p2" && second.age == 36)
        // A projection replayed in memory sees the same.
        let names = try await auditor.state(of: PersonNames(), asOf: .position(try auditor.head()))
        #expect(names["p2"] == "[redacted] <[redacted],[redacted]>")
        #expect(names["p1"] == "[erased] <[erased],[erased]>")
    }

    @Test func aWrongMasterKeyIsRefusedAndAppendsNeedTheKey() async throws {
        let fixture = try Self.fixture()
        try await Self.register(1, in: fixture.store)
        fixture.store.close()
        var wrong = EventStoreConfiguration()
        wrong.masterKey = MasterKey.generate()
        #expect(throws: EventStoreError.self) { try EventStore(path: fixture.directory, configuration: wrong) }
        var keyless = EventStoreConfiguration()
        keyless.personalData.register(PersonRegistered.self)
        let store = try EventStore(path: fixture.directory, configuration: keyless)
        defer { store.close() }
        await #expect(throws: EventStoreError.self) {
            try await store.append([try NewEvent(Self.person(2))], to: stream("person-p2"))
        }
        #expect(try store.head() == 1)
    }

    @Test func rotatingTheMasterKeyKeepsEverySubjectReadable() async throws {
        let fixture = try Self.fixture()
        for number in 1...3 { try await Self.register(number, in: fixture.store) }
        try await fixture.store.erase(subject: "person-p3")
        fixture.store.close()
        let newKey = MasterKey.generate()
        #expect(try EventStore.rotateMasterKey(at: fixture.directory, from: Self.masterKey, to: newKey) == 2)
        var old = EventStoreConfiguration()
        old.masterKey = Self.masterKey
        #expect(throws: EventStoreError.self) { try EventStore(path: fixture.directory, configuration: old) }
        var configuration = EventStoreConfiguration()
        configuration.masterKey = newKey
        let store = try EventStore(path: fixture.directory, configuration: configuration)
        defer { store.close() }
        let events = try await store.readAll()
        #expect(try events[0].decode(PersonRegistered.self) == Self.person(1))
        #expect(try events[2].decode(PersonRegistered.self).name == "[erased]")
    }

    @Test func projectionsRebuildWithoutTheErasedData() async throws {
        let fixture = try Self.fixture()
        try await fixture.store.addProjection(PersonNames())
        for number in 1...3 { try await Self.register(number, in: fixture.store) }
        try await fixture.store.waitForProjection("person-names", toReach: 3)
        #expect(try fixture.store.value(of: PersonNames(), forKey: "p2") == "Ada Lovelace-0002 <ada0002@example.org,al0002@example.net>")
        try await fixture.store.erase(subject: "person-p2")
        #expect(try fixture.store.value(of: PersonNames(), forKey: "p2") == "[erased] <[erased],[erased]>")
        #expect(try fixture.store.value(of: PersonNames(), forKey: "p1") == "Ada Lovelace-0001 <ada0001@example.org,al0001@example.net>")
    }

    /// The latest name of a person: an aggregate whose snapshots hold opened personal data.
    enum PersonAggregate: Aggregate {
        static let name = "person"
        static var initialState: String { "" }
        static func apply(_ event: RecordView, to state: inout String) throws {
            state = try event.decode(PersonRegistered.self).name
        }
    }

    @Test func aggregateSnapshotsDoNotOutliveAnErasure() async throws {
        let fixture = try Self.fixture()
        try await Self.register(1, in: fixture.store)
        let saved = try await fixture.store.saveSnapshot(of: PersonAggregate.self, stream: stream("person-p1"))
        #expect(saved.state == "Ada Lovelace-0001")
        let cached = try await fixture.store.aggregate(PersonAggregate.self, stream: stream("person-p1"))
        #expect(cached.fromSnapshot && cached.state == "Ada Lovelace-0001")
        try await fixture.store.erase(subject: "person-p1")
        let after = try await fixture.store.aggregate(PersonAggregate.self, stream: stream("person-p1"))
        #expect(!after.fromSnapshot && after.state == "[erased]")
    }

    @Test func anExportAfterErasureHoldsNoPersonalDataAndImportsIntact() async throws {
        let fixture = try Self.fixture()
        for number in 1...2 { try await Self.register(number, in: fixture.store) }
        try await fixture.store.erase(subject: "person-p1")
        var lines: [String] = []
        try fixture.store.exportJSONLines { text in lines += text.split(separator: "\n").map(String.init) }
        for text in Self.personalTexts(1) + Self.personalTexts(2) { #expect(!lines.joined().contains(text)) }
        let copy = try StoreFixture()
        try await copy.store.importJSONLines(lines)
        #expect(try copy.store.verify().isIntact)
        #expect(try copy.store.checkpoint().chainHash == fixture.store.checkpoint().chainHash)
        // The copy has no subject keys: the personal fields read as redacted, never as ciphertext.
        #expect(try await copy.store.readAll()[1].decode(PersonRegistered.self).name == "[redacted]")
    }

    /// The data files never hold the personal texts in clear, and a compacting copy taken after the erasure holds
    /// neither the erased texts (which a projection had stored in clear) nor the destroyed key.
    @Test func aCompactingCopyAfterErasureHoldsNoTraceOfTheTextsOrTheKey() async throws {
        let people = 400
        let erased = [7, 123, 250, 399]
        // Without projections the texts never reach the file in clear, before or after the erasure.
        let plain = try Self.fixture()
        for number in 1...people { try await Self.register(number, in: plain.store) }
        let plainBytes = try fileBytes(plain.directory)
        for number in erased {
            for text in Self.personalTexts(number) {
                let found = contains(plainBytes, Array(text.utf8))
                #expect(!found, "\(text) is in the data file in clear")
            }
        }

        // With a projection that keeps names and e-mail addresses in clear in the same file.
        let fixture = try Self.fixture()
        try await fixture.store.addProjection(PersonNames())
        for number in 1...people { try await Self.register(number, in: fixture.store) }
        try await fixture.store.waitForProjection("person-names", toReach: LogPosition(UInt64(people)))
        let wrapped = try erased.map { number in try #require(try subjectKeyEntry(fixture.store, "person-p\(number)")) }
        let live = try fileBytes(fixture.directory)
        // The search finds what is there: the projection's texts and the wrapped keys.
        for (index, number) in erased.enumerated() {
            let (name, key) = (contains(live, Array("Ada Lovelace-\(Self.padded(number)) <".utf8)), contains(live, Array(wrapped[index].suffix(60))))
            #expect(name && key, "the live file does not hold what the projection and the key store wrote")
        }
        for number in erased { try await fixture.store.erase(subject: "person-p\(number)") }
        // More writes after the erasure, so that LMDB reuses freed pages.
        for number in (people + 1)...(people + 200) { try await Self.register(number, in: fixture.store) }
        try await fixture.store.waitForProjection("person-names", toReach: try fixture.store.head())

        let copy = fixture.directory + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        try fixture.store.environment.copy(to: copy, compacting: true)
        let compacted = try fileBytes(copy)
        for (index, number) in erased.enumerated() {
            for text in Self.personalTexts(number) {
                let survived = contains(compacted, Array(text.utf8))
                #expect(!survived, "\(text) survived")
            }
            let keySurvived = contains(compacted, Array(wrapped[index].suffix(60)))
            #expect(!keySurvived, "the key of person-p\(number) survived")
        }
        // The others are still there, so the copy is complete and the search works on it.
        let kept = contains(compacted, Array("Ada Lovelace-0008 <ada0008@example.org".utf8))
        #expect(kept)
        // The copy opens, verifies and reads the erased fields as erased.
        var configuration = EventStoreConfiguration()
        configuration.masterKey = Self.masterKey
        let restored = try EventStore(path: copy, configuration: configuration)
        defer { restored.close() }
        #expect(try restored.verify().isIntact)
        #expect(try await restored.readStream(stream("person-p7")).first?.decode(PersonRegistered.self).name == "[erased]")
        #expect(try await restored.readStream(stream("person-p8")).first?.decode(PersonRegistered.self) == Self.person(8))
    }

    @Test func anyTextSealsAndOpensBackExactly() async throws {
        let fixture = try Self.fixture()
        let store = fixture.store
        let counter = Counter()
        let text = Gen.character(in: "\u{1}"..."\u{24F}").string(of: 0...60)
        await propertyCheck(count: 60, input: text, text.array(of: 0...4)) { name, emails in await recordingErrors {
            let number = counter.next()
            let person = PersonRegistered(
                personId: "q\(number)", name: name, emails: emails, address: nil, age: number, remarks: [])
            do {
                let name = try StreamName("person-q\(number)")
                try await store.append([try NewEvent(person)], to: name)
                #expect(try await store.readStream(name).first?.decode(PersonRegistered.self) == person)
            } catch {
                Issue.record("\(error)")
            }
        } }
    }
}
