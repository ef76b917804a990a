import CRM
import Testing

@Suite("Tags, custom fields, consent and erasure")
struct RecordTraitTests {
    @Test func tagsAreLowercasedAndCannotBeAppliedTwice() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        try await fixture.crm.tag(customer, "VIP", context: fixture.me)
        let twice = try await fixture.rejection { try await fixture.crm.tag(customer, "vip", context: fixture.me) }
        #expect(twice == .invalidInput(field: "tag", reason: "customer cus-1 already has tag 'vip'"))
        try await fixture.crm.tag(customer, "vip", applied: false, context: fixture.me)
        #expect(try await fixture.crm.customer("cus-1").traits.tags.isEmpty)
        let missing = try await fixture.rejection {
            try await fixture.crm.tag(EntityRef(kind: .customer, id: "cus-2"), "vip", context: fixture.me)
        }
        #expect(missing == .notFound(EntityRef(kind: .customer, id: "cus-2")))
    }

    @Test func customFieldsAreCheckedAgainstTheirDefinition() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        let undefined = try await fixture.rejection {
            try await fixture.crm.setCustomField(customer, key: "tier", to: "gold", context: fixture.me)
        }
        #expect(undefined == .notConfigured("A custom field 'tier' for customers"))
        try await fixture.crm.defineCustomField(
            for: .customer, key: "tier", label: "Tier", dataType: .choice, options: ["silver", "gold"], context: fixture.me)
        try await fixture.crm.defineCustomField(for: .customer, key: "seats", label: "Seats", dataType: .integer, context: fixture.me)
        let option = try await fixture.rejection {
            try await fixture.crm.setCustomField(customer, key: "tier", to: "platinum", context: fixture.me)
        }
        #expect(option == .invalidInput(field: "custom field tier", reason: "'platinum' is not one of silver, gold"))
        let number = try await fixture.rejection {
            try await fixture.crm.setCustomField(customer, key: "seats", to: "many", context: fixture.me)
        }
        #expect(number == .invalidInput(field: "custom field seats", reason: "'many' is not an integer"))
        let set = try await fixture.crm.setCustomField(customer, key: "tier", to: "gold", context: fixture.me)
        #expect(try set[0].decode(CustomFieldValueSet.self).old == nil)
        try await fixture.crm.setCustomField(customer, key: "seats", to: "40", context: fixture.me)
        #expect(try await fixture.crm.customer("cus-1").traits.customFields == ["tier": "gold", "seats": "40"])
    }

    @Test func consentAndErasure() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let customer = EntityRef(kind: .customer, id: "cus-1")
        try await fixture.crm.recordConsent(
            customer, channel: .email, optedIn: true, purpose: "marketing", source: "web form", context: fixture.me)
        #expect(try await fixture.crm.customer("cus-1").traits.consent(.email, purpose: "marketing") == true)
        let early = try await fixture.rejection {
            try await fixture.crm.confirmErasure(customer, requestId: "era-1", erasedFields: ["name"], context: fixture.me)
        }
        #expect(early == .invalidTransition(customer, state: "not asked to be erased", action: "be erased"))
        try await fixture.crm.requestErasure(customer, requestId: "era-1", reason: "E-mail from the customer", context: fixture.me)
        try await fixture.crm.confirmErasure(
            customer, requestId: "era-1", erasedFields: ["name", "email"], context: fixture.me)
        let after = try await fixture.rejection {
            try await fixture.crm.changeCustomerDetails(customerId: "cus-1", ["industry": "Retail"], context: fixture.me)
        }
        #expect(after == .erased(customer))
        #expect(await fixture.crm.findDuplicates(of: DuplicateProbe(name: "Initech Oy")).isEmpty)
    }

    @Test func detailChangesRecordOldAndNewValues() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1", email: "info@initech.example")
        let events = try await fixture.crm.changeCustomerDetails(
            customerId: "cus-1", ["email": "hello@initech.example", "industry": "Software"], reason: .cleansing,
            context: fixture.me)
        let changed = try events[0].decode(CustomerDetailsChanged.self)
        #expect(
            changed.changes == [
                FieldChange(field: "email", old: "info@initech.example", new: "hello@initech.example"),
                FieldChange(field: "industry", old: nil, new: "Software"),
            ])
        let same = try await fixture.rejection {
            try await fixture.crm.changeCustomerDetails(customerId: "cus-1", ["industry": "Software"], context: fixture.me)
        }
        #expect(same == .invalidInput(field: "changes", reason: "nothing would change"))
        let unknown = try await fixture.rejection {
            try await fixture.crm.changeCustomerDetails(customerId: "cus-1", ["shoeSize": "44"], context: fixture.me)
        }
        #expect(unknown != nil)
        #expect(await fixture.crm.findDuplicates(of: DuplicateProbe(emails: ["HELLO@initech.example"])).first?.rule == .email)
    }
}
