import CRM
import Testing

@Suite("Duplicate detection")
struct DuplicateDetectionTests {
    @Test func normalisationRules() {
        let normal = ContactNormalisation(defaultCountryCallingCode: "358")
        #expect(normal.email("  Peter.Gibbons+crm@GoogleMail.com ") == "petergibbons@gmail.com")
        #expect(normal.email("peter.gibbons+crm@initech.example") == "peter.gibbons+crm@initech.example")
        #expect(normal.email("no-at-sign") == nil)
        #expect(normal.phone("+358 (40) 123-4567") == "358401234567")
        #expect(normal.phone("00358 40 123 4567") == "358401234567")
        #expect(normal.phone("040 123 4567") == "358401234567")
        #expect(ContactNormalisation().phone("040 123 4567") == "0401234567")
        #expect(normal.phone("123") == nil)
        #expect(normal.domain(website: "https://www.Initech.example/about?x=1") == "initech.example")
        #expect(normal.domain(email: "peter@initech.example") == "initech.example")
        #expect(normal.domain(email: "peter@gmail.com") == nil)
        #expect(normal.name("Initech Oy") == "initech")
        #expect(normal.name("Müller GmbH & Co. KG") == "muller")
    }

    @Test func jaroWinklerMatchesThePublishedValues() {
        #expect(abs(NameSimilarity.jaroWinkler("MARTHA", "MARHTA") - 0.9611) < 0.0001)
        #expect(abs(NameSimilarity.jaroWinkler("DWAYNE", "DUANE") - 0.84) < 0.0001)
        #expect(abs(NameSimilarity.jaroWinkler("DIXON", "DICKSONX") - 0.8133) < 0.0001)
        #expect(NameSimilarity.jaroWinkler("same", "same") == 1)
        #expect(NameSimilarity.jaroWinkler("", "x") == 0)
    }

    @Test func registrationReportsCandidatesWithTheRuleThatMatched() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.registerCustomer(
            id: "cus-1", kind: .organization, name: "Initech Oy", email: "info@initech.example", phone: "+358 9 123 4567",
            website: "https://initech.example", source: .website, context: fixture.me)
        let byEmail = try await fixture.crm.registerCustomer(
            id: "cus-2", kind: .person, name: "Bill Lumbergh", email: " INFO@initech.example", source: .phone,
            context: fixture.me)
        #expect(byEmail.possibleDuplicates.map(\.rule) == [.email, .domain])
        #expect(byEmail.possibleDuplicates.first?.record == EntityRef(kind: .customer, id: "cus-1"))
        let byPhone = try await fixture.crm.registerCustomer(
            id: "cus-3", kind: .person, name: "Milton Waddams", phone: "+358 (9) 123-4567", source: .phone, context: fixture.me)
        #expect(byPhone.possibleDuplicates.map(\.rule) == [.phone])
        let byName = await fixture.crm.findDuplicates(of: DuplicateProbe(name: "INITECH"))
        #expect(byName.map(\.recordId) == ["cus-1"] && byName.first?.rule == .name && byName.first?.matchedValue == "initech")
        #expect(await fixture.crm.findDuplicates(of: DuplicateProbe(name: "Initrode")).isEmpty)
        #expect(await fixture.crm.findDuplicates(of: DuplicateProbe(emails: ["someone@gmail.com"])).isEmpty)
    }

    @Test func rejectingPolicyAppendsNothing() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1", name: "Initech Oy", email: "info@initech.example")
        let error = try await fixture.rejection {
            try await fixture.crm.registerCustomer(
                id: "cus-2", kind: .organization, name: "Initech", source: .website, onDuplicate: .reject, context: fixture.me)
        }
        guard case .possibleDuplicates(let candidates) = error else {
            Issue.record("expected possible duplicates, got \(String(describing: error))")
            return
        }
        #expect(candidates.map(\.recordId) == ["cus-1"] && candidates[0].rule == .name)
    }

    @Test func mergedDismissedAndReopenedStoresAreHandled() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1", name: "Initech Oy", email: "info@initech.example")
        try await fixture.customer("cus-2", name: "Initech", email: "sales@initech.example")
        let probe = DuplicateProbe(name: "Initech")
        #expect(await fixture.crm.findDuplicates(of: probe).map(\.recordId).sorted() == ["cus-1", "cus-2"])
        try await fixture.crm.dismissDuplicate(.customer, recordIds: ["cus-1", "cus-2"], note: "Subsidiaries", context: fixture.me)
        let fromOne = await fixture.crm.findDuplicates(of: probe, excluding: EntityRef(kind: .customer, id: "cus-1"))
        #expect(fromOne.isEmpty)
        try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-2"], reason: "same", context: fixture.me)
        #expect(await fixture.crm.findDuplicates(of: probe).map(\.recordId) == ["cus-1"])

        let reopened = try CRMStore(store: fixture.crm.store)
        #expect(await reopened.duplicateIndex.count == 2)
        let survivor = await reopened.findDuplicates(of: DuplicateProbe(emails: ["info@initech.example"]))
        #expect(survivor.map { "\($0.recordId) \($0.rule)" } == ["cus-1 email", "cus-1 domain"])
        let absorbed = await reopened.findDuplicates(of: DuplicateProbe(emails: ["sales@initech.example"]))
        #expect(absorbed.map { "\($0.recordId) \($0.rule)" } == ["cus-1 domain"])
    }
}
