import EventSourcing
import Foundation
import PropertyBased
import Testing

/// The family name and country of a registration (schema 3, ``Registered``), without the given name.
private struct RegisteredOrigin: EventExcerpt, Hashable {
    var familyName: String
    var country: String

    init(familyName: String, country: String) { (self.familyName, self.country) = (familyName, country) }

    init(_ event: Registered) { (familyName, country) = (event.familyName, event.country) }

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        familyName = try fields.string("familyName")
        country = try fields.string("country")
    }
}

/// A person's id and age, which are not personal data, and their name, which is sealed in the store.
private struct PersonAgeAndName: EventExcerpt, Hashable {
    var personId: String
    var name: String
    var age: Int

    init(personId: String, name: String, age: Int) { (self.personId, self.name, self.age) = (personId, name, age) }

    init(_ event: PersonRegistered) { (personId, name, age) = (event.personId, event.name, event.age) }

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        personId = try fields.string("personId")
        name = try fields.string("name")
        age = try fields.int("age")
    }
}

/// A person's id, age and remark kinds: none of them personal data, so read from a sealed payload without opening it.
private struct PersonInClear: EventExcerpt, Hashable {
    var personId: String
    var age: Int
    var remarkKinds: [String]

    init(personId: String, age: Int, remarkKinds: [String]) {
        (self.personId, self.age, self.remarkKinds) = (personId, age, remarkKinds)
    }

    init(_ event: PersonRegistered) { (personId, age, remarkKinds) = (event.personId, event.age, event.remarks.map(\.kind)) }

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        personId = try fields.string("personId")
        age = try fields.int("age")
        remarkKinds = try fields.array(of: RemarkKind.self, "remarks").map(\.kind)
    }

    /// A remark's kind alone (its note, sealed, is skipped).
    private struct RemarkKind: BinaryPayloadDecodable {
        var kind: String
        init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) { kind = try fields.string("kind") }
    }
}

/// A visit with fields of several kinds, some optional: what the property test writes.
private struct VisitLogged: Event, Hashable {
    static let eventType = "VisitLogged"
    var visitId: String
    var pages: [String]
    var minutes: Int?
    var note: String
    var referrer: String?
    var at: Timestamp
    var tags: [String]
}

/// Three of a visit's fields, one of them optional: the others (before, between and after them) are skipped.
private struct VisitRoute: EventExcerpt, Hashable {
    var visitId: String
    var minutes: Int?
    var at: Timestamp

    init(_ event: VisitLogged) { (visitId, minutes, at) = (event.visitId, event.minutes, event.at) }

    init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        visitId = try fields.string("visitId")
        minutes = try fields.intIfPresent("minutes")
        at = try fields.timestamp("at")
    }
}

/// Each visit's route, by visit id: a projection reading the excerpt.
private struct VisitRoutes: Projection {
    let name = "visit-routes"
    let version: UInt32 = 1
    var eventTypes: Set<String> { [VisitLogged.eventType] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        let route = try event.decode(VisitRoute.self)
        records.set("\(route.minutes.map(String.init) ?? "-")@\(route.at.rawValue)", forKey: route.visitId)
    }
}

/// Each visit's whole event, by visit id: a second projection of the same group, decoding the whole event of the
/// record the first one decoded an excerpt of.
private struct VisitNotes: Projection {
    let name = "visit-notes"
    let version: UInt32 = 1
    var eventTypes: Set<String> { [VisitLogged.eventType] }

    func apply(_ event: RecordView, to records: inout ProjectionRecords<String>) throws {
        let visit = try event.decode(VisitLogged.self)
        let route = try event.decode(VisitRoute.self)
        records.set("\(visit.note)|\(route.visitId == visit.visitId)", forKey: visit.visitId)
    }
}

@Suite("Event excerpts")
struct EventExcerptTests {
    @Test func anExcerptOfAnOlderSchemaVersionIsTakenFromTheUpcastEvent() async throws {
        let fixture = try StoreFixture { $0.upcasters = registrationUpcasters() }
        let store = fixture.store
        try await appendOneRegistrationOfEachSchema(to: store)
        let read = try store.read { snapshot in
            var found: [RegisteredOrigin] = []
            try snapshot.forEach { view in
                found.append(try view.decode(RegisteredOrigin.self))
                return true
            }
            return found
        }
        let expected = [
            RegisteredOrigin(familyName: "Lovelace", country: "unknown"),
            RegisteredOrigin(familyName: "Hopper", country: "unknown"),
            RegisteredOrigin(familyName: "Turing", country: "GB"),
        ]
        #expect(read == expected)
        // A copied event gives the same, through the upcasters passed to it.
        let copied = try await store.readAll().map { try $0.decode(RegisteredOrigin.self, upcasters: registrationUpcasters()) }
        #expect(copied == expected)
    }

    @Test func anExcerptOfSealedPersonalDataIsReadInClear() async throws {
        let fixture = try CryptoShreddingTests.fixture()
        let store = fixture.store
        try await CryptoShreddingTests.register(7, in: store)
        try await CryptoShreddingTests.register(8, in: store)
        let read = try store.read { snapshot in
            var found: [PersonAgeAndName] = []
            try snapshot.forEach { view in
                found.append(try view.decode(PersonAgeAndName.self))
                return true
            }
            return found
        }
        #expect(read == [
            PersonAgeAndName(personId: "p7", name: "Ada Lovelace-0007", age: 36),
            PersonAgeAndName(personId: "p8", name: "Ada Lovelace-0008", age: 36),
        ])
        // The fields in clear, read past the sealed ones (the name, the emails, the address, the remarks' notes).
        let clear = try store.read { snapshot in
            var found: [PersonInClear] = []
            try snapshot.forEach { view in
                found.append(try view.decode(PersonInClear.self))
                return true
            }
            return found
        }
        #expect(clear == [
            PersonInClear(personId: "p7", age: 36, remarkKinds: ["call"]), PersonInClear(personId: "p8", age: 36, remarkKinds: ["call"]),
        ])
        // Erased, the excerpt reads what the whole event reads: the erased text; the fields in clear are still there.
        try await store.erase(subject: "person-p7")
        let erased = try store.read { snapshot in
            var found: [(String, PersonInClear)] = []
            try snapshot.forEach { view in
                // The erasure appended an event of its own.
                if view.type == PersonRegistered.eventType {
                    found.append((try view.decode(PersonAgeAndName.self).name, try view.decode(PersonInClear.self)))
                }
                return true
            }
            return found
        }
        #expect(erased.map(\.0) == [PersonalDataPolicy.erasedText, "Ada Lovelace-0008"])
        #expect(erased.map(\.1) == clear)
    }

    @Test func anExcerptOfAnotherTypeIsATypedError() async throws {
        let fixture = try StoreFixture()
        try await fixture.store.append([try NewEvent(TicketOpened(customer: "c1"))], to: stream("ticket-1"))
        let failure = try fixture.store.read { snapshot in
            var error: EventStoreError?
            try snapshot.forEach { view in
                do throws(EventStoreError) {
                    _ = try view.decode(RegisteredOrigin.self)
                } catch let thrown {
                    error = thrown
                }
                return true
            }
            return error
        }
        #expect(failure == .eventTypeMismatch(expected: "CustomerRegistered", found: "TicketOpened"))
    }

    @Test func anExcerptReadFromTheBytesEqualsTheExcerptOfTheWholeEvent() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let text = Gen.character(in: "a"..."z").string(of: 0...12)
        let head = zip(text, text.array(of: 0...3), Gen.int(in: -1...500))
        let tail = zip(text, Gen.bool, Gen.int(in: 0...2_000_000_000), text.array(of: 0...3))
        await propertyCheck(count: 200, input: zip(head, tail)) { visit in await recordingErrors {
            let ((id, pages, minutes), (note, hasReferrer, at, tags)) = visit
            let event = VisitLogged(
                visitId: "v" + id, pages: pages, minutes: minutes < 0 ? nil : minutes, note: note,
                referrer: hasReferrer ? "r" + note : nil, at: Timestamp(rawValue: Int64(at)), tags: tags)
            let position = try await store.append([try NewEvent(event)], to: stream("visit-1")).lastPosition
            let (excerpt, whole) = try store.read { snapshot in
                var found: (VisitRoute?, VisitLogged?)
                try snapshot.forEach(after: LogPosition(position.rawValue - 1)) { view in
                    found = (try view.decode(VisitRoute.self), try view.decode(VisitLogged.self))
                    return false
                }
                return found
            }
            #expect(whole == event)
            #expect(excerpt == VisitRoute(event))
        } }
    }

    @Test func projectionsOfOneGroupReadExcerptsAndWholeEventsOfTheSameRecords() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var visits: [VisitLogged] = []
        for number in 1...40 {
            let minutes: Int? = number % 3 == 0 ? nil : number
            let referrer: String? = number % 2 == 0 ? "ref" : nil
            visits.append(VisitLogged(
                visitId: "v\(number)", pages: ["/p\(number)"], minutes: minutes, note: "note \(number)", referrer: referrer,
                at: Timestamp(rawValue: Int64(number) * 1_000), tags: []))
        }
        for visit in visits { try await store.append([try NewEvent(visit)], to: stream("visit-" + visit.visitId)) }
        try await store.addProjection(VisitRoutes())
        try await store.addProjection(VisitNotes())
        try await store.rebuildProjections(["visit-routes", "visit-notes"])
        try await store.waitForProjection("visit-routes", toReach: 40)
        try await store.waitForProjection("visit-notes", toReach: 40)
        let routes = try allValues(of: VisitRoutes(), in: store)
        let notes = try allValues(of: VisitNotes(), in: store)
        #expect(routes.count == 40 && notes.count == 40)
        for number in 1...40 {
            let minutes = number % 3 == 0 ? "-" : String(number)
            #expect(routes["v\(number)"] == "\(minutes)@\(number * 1_000)")
            #expect(notes["v\(number)"] == "note \(number)|true")
        }
    }
}
