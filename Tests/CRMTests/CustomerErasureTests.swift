import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Erasing a customer and the records about them")
struct CustomerErasureTests {
    /// Customer `cus-1` (Milton) with everything that can be about him, and customer `cus-2` (Joanna) with
    /// records that must survive his erasure.
    private func populated() async throws -> CRMFixture {
        let fixture = try CRMFixture()
        try await fixture.configure()
        let crm = fixture.crm, me = fixture.me
        try await crm.captureLead(id: "lea-1", name: "Milton Waddams", email: "milton@initech.example", source: .website, context: me)
        try await crm.convertLead("lea-1", customerId: "cus-1", contactId: "con-1", context: me)
        try await crm.registerCustomer(id: "cus-2", kind: .person, name: "Joanna Ramsey", source: .referral, context: me)
        try await crm.addContact(id: "con-s", customerId: "cus-1", name: "Nina Stapler", context: me)
        try await crm.addContact(id: "con-x", customerId: "cus-2", name: "Bill Lumbergh", context: me)
        try await crm.linkContact("con-x", toCustomer: "cus-1", context: me)
        try await fixture.opportunity("opp-1", customer: "cus-1")
        try await fixture.opportunity("opp-2", customer: "cus-2")
        for (id, customer, contact, text) in [
            ("tic-1", "cus-1", nil, "Milton's stapler"), ("tic-s", nil, "con-s", "Nina's desk"),
            ("tic-2", "cus-2", nil, "Joanna's flair"),
        ] as [(String, String?, String?, String)] {
            try await crm.openTicket(
                id: id, customerId: customer, contactId: contact, channel: .email, type: .complaint, priority: .normal,
                subject: text, description: "About \(text)", context: me)
        }
        let at = moment("2026-01-05T10:00:00Z")
        for (id, subject, text) in [
            ("int-1", EntityRef(kind: .customer, id: "cus-1"), "Called Milton"),
            ("int-o", EntityRef(kind: .opportunity, id: "opp-1"), "Priced Milton's deal"),
            ("int-2", EntityRef(kind: .customer, id: "cus-2"), "Called Joanna"),
        ] {
            try await crm.logInteraction(
                id: id, subjects: [subject], channel: .phone, direction: .outbound, occurredAt: at, summary: text, context: me)
        }
        try await crm.addNote(id: "not-1", subjects: [EntityRef(kind: .ticket, id: "tic-1")], body: "Milton is upset", context: me)
        try await crm.addNote(id: "not-x", subjects: [EntityRef(kind: .contact, id: "con-x")], body: "Bill likes TPS", context: me)
        try await crm.sendSurvey(id: "svy-1", kind: .csat, to: EntityRef(kind: .customer, id: "cus-1"), channel: .email, context: me)
        try await crm.submitFeedback(surveyId: "svy-1", submissionId: "sub-1", score: 2, comment: "Milton: red stapler", context: me)
        try await crm.scheduleTask(
            id: "tsk-1", subjects: [EntityRef(kind: .customer, id: "cus-1")], type: .call, title: "Call back",
            dueAt: moment("2026-01-06T10:00:00Z"), assigneeId: "usr-7", context: me)
        return fixture
    }

    static let miltonTexts = [
        "Milton Waddams", "milton@initech.example", "Nina Stapler", "Milton's stapler", "Nina's desk", "Called Milton",
        "Priced Milton's deal", "Milton is upset", "Milton: red stapler",
    ]
    /// The texts that must survive, the last one not personal (in clear in the log).
    static let survivingTexts = ["Joanna Ramsey", "Bill Lumbergh", "Joanna's flair", "Called Joanna", "Bill likes TPS", "Call back"]

    /// Every text of every event as every read opens it.
    private func openedTexts(_ crm: CRMStore) async throws -> String {
        try await crm.store.readAll().map { String(decoding: $0.payload, as: UTF8.self) }.joined(separator: "\n")
    }

    @Test func erasingACustomerErasesEveryRecordAboutThem() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let before = try await openedTexts(crm)
        for text in Self.miltonTexts + Self.survivingTexts { #expect(before.contains(text), "\(text) before") }
        let customer = EntityRef(kind: .customer, id: "cus-1")
        try await crm.requestErasure(customer, requestId: "era-1", reason: "Asked by letter", context: fixture.me)
        let erased = try await crm.eraseCustomer("cus-1", requestId: "era-1", context: fixture.me)
        // By hand: the customer; con-1 and con-s (his only); his converted lead, opportunity and ticket; the ticket of
        // con-s; the interactions about him and his deal; the note on his ticket; his survey. Not con-x (also
        // Joanna's), nor the task (no personal fields), nor anything of Joanna's.
        let expected = [
            "customer-cus-1", "contact-con-1", "contact-con-s", "interaction-int-1", "interaction-int-o", "lead-lea-1",
            "note-not-1", "opportunity-opp-1", "survey-svy-1", "ticket-tic-1", "ticket-tic-s",
        ]
        #expect(erased.map(\.stream.rawValue) == expected)
        #expect(try erased.map { try $0.decode(PersonalDataErased.self).requestId } == Array(repeating: "era-1", count: expected.count))
        #expect(try erased.first?.decode(PersonalDataErased.self).erasedFields == ["address", "email", "name", "phone"])
        #expect(try erased[3].decode(PersonalDataErased.self).erasedFields == ["participants", "summary"])
        let shredded = try await crm.store.readStream(EventStore.erasureStream)
        #expect(try shredded.map { try $0.decode(SubjectErased.self).subject } == expected)
        for subject in expected {
            guard case .erased = try crm.store.dataSubjectStatus(subject) else {
                Issue.record("\(subject) still has its key")
                continue
            }
        }
        guard case .active = try crm.store.dataSubjectStatus("contact-con-x") else {
            Issue.record("con-x lost its key")
            return
        }
        // Every read shows his data erased and keeps the rest.
        let after = try await openedTexts(crm)
        for text in Self.miltonTexts { #expect(!after.contains(text), "\(text) is still readable") }
        for text in Self.survivingTexts { #expect(after.contains(text), "\(text) was lost") }
        #expect(try await crm.customer("cus-1").profile?.name == "[erased]")
        #expect(try await crm.contact("con-s").profile?.name == "[erased]")
        #expect(try await crm.contact("con-x").profile?.name == "Bill Lumbergh")
        #expect(try await crm.lead("lea-1").captured?.email == "[erased]")
        #expect(try await crm.ticket("tic-s").opened?.description == "[erased]")
        #expect(try await crm.ticket("tic-2").opened?.subject == "Joanna's flair")
        #expect(try await crm.survey("svy-1").submissions.map(\.comment) == ["[erased]"])
        let interaction = try await crm.history(of: EntityRef(kind: .interaction, id: "int-o"))
        #expect(try interaction.first?.decode(InteractionLogged.self).summary == "[erased]")
        // The export holds the sealed values only, and an import of it into a store with the keys reads them erased.
        var exported = ""
        try crm.store.exportJSONLines { exported += $0 }
        for text in Self.miltonTexts + Self.survivingTexts.dropLast() { #expect(!exported.contains(text), "\(text) in clear") }
        let copy = try CRMFixture()
        try await copy.crm.store.importJSONLines(exported.split(separator: "\n").map(String.init))
        try copy.crm.store.importSubjectKeys(try crm.store.exportSubjectKeys())
        let imported = try await openedTexts(copy.crm)
        for text in Self.miltonTexts { #expect(!imported.contains(text), "\(text) is readable after import") }
        for text in Self.survivingTexts { #expect(imported.contains(text), "\(text) was lost in the import") }
        // The erased records take no changes; the chain verifies.
        let error = try await fixture.rejection {
            try await crm.changeTicketPriority("tic-1", to: .high, context: fixture.me)
        }
        #expect(error == .erased(EntityRef(kind: .ticket, id: "tic-1")))
        #expect(try crm.store.verify().isIntact)
    }

    @Test func aCustomerIsErasedOnlyAfterARequest() async throws {
        let fixture = try await populated()
        let error = try await fixture.rejection {
            try await fixture.crm.eraseCustomer("cus-1", requestId: "era-1", context: fixture.me)
        }
        #expect(error == .invalidTransition(EntityRef(kind: .customer, id: "cus-1"), state: "not asked to be erased", action: "be erased"))
        #expect(try await fixture.crm.ticket("tic-1").opened?.subject == "Milton's stapler")
    }
}
