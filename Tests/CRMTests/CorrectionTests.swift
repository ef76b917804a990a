import CRM
import Testing

@Suite("Corrections and clean-up")
struct CorrectionTests {
    @Test func duplicateTicketsAreMergedResolvedAndClosedTogether() async throws {
        let fixture = try CRMFixture()
        for id in ["tck-1", "tck-2", "tck-3"] {
            try await fixture.crm.openTicket(
                id: id, channel: .email, type: .incident, priority: .high, subject: "Run fails", description: "Step 3",
                context: fixture.me)
        }
        try await fixture.crm.resolveTicket("tck-3", resolutionCode: "fixed", resolution: "Done", context: fixture.me)
        let events = try await fixture.crm.mergeTickets(survivorId: "tck-1", mergedIds: ["tck-2", "tck-3"], context: fixture.me)
        #expect(events.map(\.type) == ["TicketsMerged", "TicketResolved", "TicketClosed", "TicketClosed"])
        #expect(events.dropFirst().allSatisfy { $0.causationID == events[0].id })
        #expect(try await fixture.crm.ticket("tck-2").status == .closed)
        let again = try await fixture.rejection {
            try await fixture.crm.mergeTickets(survivorId: "tck-1", mergedIds: ["tck-2"], context: fixture.me)
        }
        #expect(again == .invalidTransition(EntityRef(kind: .ticket, id: "tck-2"), state: "closed", action: "be merged"))
    }

    @Test func contactsChangeAndUnlink() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        try await fixture.crm.addContact(
            id: "con-1", customerId: "cus-1", name: "Peter Gibbons", emails: ["peter@initech.example"], context: fixture.me)
        let events = try await fixture.crm.changeContactDetails(
            contactId: "con-1", ["title": "CFO", "email": "p.gibbons@initech.example"], context: fixture.me)
        #expect(
            try events[0].decode(ContactDetailsChanged.self).changes == [
                FieldChange(field: "email", old: "peter@initech.example", new: "p.gibbons@initech.example"),
                FieldChange(field: "title", old: nil, new: "CFO"),
            ])
        #expect(await fixture.crm.findDuplicates(of: DuplicateProbe(emails: ["p.gibbons@initech.example"])).first?.recordId == "con-1")
        try await fixture.crm.unlinkContact("con-1", fromCustomer: "cus-1", context: fixture.me)
        let twice = try await fixture.rejection {
            try await fixture.crm.unlinkContact("con-1", fromCustomer: "cus-1", context: fixture.me)
        }
        #expect(twice == .invalidInput(field: "customer", reason: "contact con-1 is not linked to cus-1"))
        try await fixture.crm.linkContact("con-1", toCustomer: "cus-1", role: "billing", context: fixture.me)
        #expect(try await fixture.crm.contact("con-1").customers == ["cus-1": "billing"])
    }

    @Test func contractsNotesFieldsMembersAndImports() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        try await fixture.crm.draftContract(
            id: "ctr-1", customerId: "cus-1", title: "Support", value: try eur("1000"), startDate: date("2026-01-01"),
            termMonths: 12, paymentTerms: "14 days", paymentMethod: .invoice, context: fixture.me)
        try await fixture.crm.amendContract(
            "ctr-1", changes: [FieldChange(field: "paymentTerms", old: "14 days", new: "30 days")], newValue: try eur("1100"),
            context: fixture.me)
        let expireDraft = try await fixture.rejection {
            try await fixture.crm.expireContract("ctr-1", effectiveDate: date("2026-12-31"), context: fixture.me)
        }
        #expect(expireDraft == .invalidTransition(EntityRef(kind: .contract, id: "ctr-1"), state: "draft", action: "expire"))
        try await fixture.crm.activateContract(
            "ctr-1", signedOn: date("2026-01-01"), customerSignedBy: "Bill", companySignedBy: "usr-7", context: fixture.me)
        try await fixture.crm.expireContract("ctr-1", effectiveDate: date("2026-12-31"), context: fixture.me)
        #expect(try await fixture.crm.contract("ctr-1").status == .expired)

        try await fixture.crm.addNote(
            id: "not-1", subjects: [EntityRef(kind: .customer, id: "cus-1")], body: "ID 010101-123A", context: fixture.me)
        try await fixture.crm.redactNote("not-1", reason: "Personal identity number", context: fixture.me)

        try await fixture.crm.defineCustomField(for: .customer, key: "tier", label: "Tier", dataType: .text, context: fixture.me)
        try await fixture.crm.retireCustomField(for: .customer, key: "tier", reason: "Unused", context: fixture.me)
        let retired = try await fixture.rejection {
            try await fixture.crm.setCustomField(EntityRef(kind: .customer, id: "cus-1"), key: "tier", to: "a", context: fixture.me)
        }
        #expect(retired == .notConfigured("A custom field 'tier' for customers"))

        try await fixture.crm.planCampaign(
            id: "cmp-1", name: "Mailing", type: .email, objective: "Reach", startDate: date("2026-01-01"),
            endDate: date("2026-01-31"), budgetedCost: try eur("100"), context: fixture.me)
        let member = EntityRef(kind: .customer, id: "cus-1")
        try await fixture.crm.addCampaignMember("cmp-1", member: member, context: fixture.me)
        try await fixture.crm.removeCampaignMember("cmp-1", member: member, context: fixture.me)
        #expect(try await fixture.crm.campaign("cmp-1").members.isEmpty)

        try await fixture.crm.recordImportBatch(batchId: "imp-1", source: "Legacy ERP", recordCount: 1250, context: fixture.me)
        let twice = try await fixture.rejection {
            try await fixture.crm.recordImportBatch(batchId: "imp-1", source: "Legacy ERP", recordCount: 1, context: fixture.me)
        }
        #expect(twice == .invalidInput(field: "batch id", reason: "batch imp-1 was recorded already"))
    }
}
