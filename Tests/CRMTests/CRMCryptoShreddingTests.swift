import CRM
import Foundation
import Testing

/// Whether `needle` occurs in `haystack`.
private func holds(_ haystack: [UInt8], _ needle: String) -> Bool {
    let needle = Array(needle.utf8)
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}

@Suite("CRM crypto-shredding")
struct CRMCryptoShreddingTests {
    static let address = PostalAddress(street: "Ruttopuisto 3", postalCode: "00100", city: "Helsinki", country: "FI")

    /// Two persons and a contact, with every kind of personal field.
    func populated() async throws -> CRMFixture {
        let fixture = try CRMFixture()
        let crm = fixture.crm
        try await crm.registerCustomer(
            id: "cus-1", kind: .person, name: "Milton Waddams", email: "milton@initech.example", phone: "+358 40 111 2222",
            address: Self.address, source: .website, context: fixture.me)
        try await crm.registerCustomer(
            id: "cus-2", kind: .person, name: "Joanna Ramsey", email: "joanna@chotchkies.example", source: .referral,
            context: fixture.me)
        try await crm.addContact(
            id: "con-1", customerId: "cus-1", name: "Milton Waddams", title: "Collator", emails: ["stapler@initech.example"],
            phones: ["+358 40 333 4444"], context: fixture.me)
        return fixture
    }

    static let miltonTexts = ["Milton Waddams", "milton@initech.example", "+358 40 111 2222", "Ruttopuisto 3"]

    @Test func theLogHoldsNoPersonalDataInClear() async throws {
        let fixture = try await populated()
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.profile?.name == "Milton Waddams")
        #expect(customer.profile?.address == Self.address)
        var exported = ""
        try fixture.crm.store.exportJSONLines { exported += $0 }
        for text in Self.miltonTexts + ["Joanna Ramsey", "stapler@initech.example", "Collator"] {
            #expect(!exported.contains(text), "\(text) is in the export in clear")
        }
        // What is not personal stays readable for auditors.
        #expect(exported.contains("cus-1") && exported.contains("website"))
    }

    @Test func confirmingAnErasureShredsTheRecordsKey() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let checkpoint = try crm.store.checkpoint()
        let customer = EntityRef(kind: .customer, id: "cus-1")
        try await crm.requestErasure(customer, requestId: "era-1", reason: "Asked by phone", context: fixture.me)
        try await crm.confirmErasure(
            customer, requestId: "era-1", erasedFields: ["name", "email", "phone", "address"], context: fixture.me)

        let erased = try await crm.customer("cus-1")
        #expect(erased.profile?.name == PersonalDataPolicy.erasedText)
        #expect(erased.profile?.email == "[erased]" && erased.profile?.phone == "[erased]")
        #expect(erased.profile?.address?.street == "[erased]" && erased.profile?.address?.postalCode == "[erased]")
        #expect(erased.profile?.kind == .person && erased.profile?.source == .website)
        #expect(erased.traits.erased)
        // The other customer keeps its data; the contact is a subject of its own and keeps it too.
        #expect(try await crm.customer("cus-2").profile?.name == "Joanna Ramsey")
        #expect(try await crm.contact("con-1").profile?.name == "Milton Waddams")
        // The key is gone, the erasure is in the log, the chain verifies from before.
        guard case .erased = try crm.store.dataSubjectStatus("customer-cus-1") else {
            Issue.record("the key of customer-cus-1 was not destroyed")
            return
        }
        let shredded = try await crm.store.readStream(EventStore.erasureStream)
        #expect(try shredded.map { try $0.decode(SubjectErased.self).subject } == ["customer-cus-1"])
        #expect(shredded.first?.actor == "usr-7")
        let report = try crm.store.verify(from: checkpoint)
        #expect(report.isIntact && report.checkpointMatched == true)
        // The history shows the fields erased; the duplicate index no longer knows the name.
        let history = try await crm.history(of: customer)
        #expect(try history.first?.decode(CustomerRegistered.self).name == "[erased]")
        let probe = DuplicateProbe(name: "Milton Waddams", emails: ["milton@initech.example"])
        #expect(await crm.findDuplicates(of: probe).allSatisfy { $0.record != customer })
        // A compacting copy holds none of the erased texts, but the contact's (still live) texts are sealed too.
        let copy = fixture.directory + "-copy"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        #expect(try crm.store.backup(to: copy).verification.isIntact)
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: copy + "/data.mdb")))
        for text in Self.miltonTexts + ["Joanna Ramsey"] {
            let found = holds(bytes, text)
            #expect(!found, "\(text) is in the copy")
        }
        let complete = holds(bytes, "customer-cus-2")
        #expect(complete)
    }
}
