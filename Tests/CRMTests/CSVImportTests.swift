import CRM
import Testing

@Suite("CSV import of customers and contacts")
struct CSVImportTests {
    @Test func aMappingParsesAndPrintsBack() throws {
        let mapping = try CSVColumnMapping(parsing: " contact.name = Name , customer.id=ID,customer.source:=partner ")
        #expect(mapping.fields == [.contactName: .column("Name"), .customerId: .column("ID"), .customerSource: .constant("partner")])
        #expect(mapping.description == "customer.id=ID,customer.source:=partner,contact.name=Name")
        #expect(try CSVColumnMapping(parsing: mapping.description) == mapping)
        for (text, reason) in [
            ("customer.id", "is not FIELD=COLUMN"), ("customer.age=Age", "unknown field \"customer.age\""),
            ("customer.id=A,customer.id=B", "customer.id is mapped twice"), ("customer.id=", "names no column"), ("", "it maps no field"),
        ] {
            #expect(throws: CSVImportError.self) { try CSVColumnMapping(parsing: text) }
            do { _ = try CSVColumnMapping(parsing: text) } catch { #expect(error.description.contains(reason), "\(error)") }
        }
    }

    @Test func contactsJoinExistingCustomersByTheSameRulesAsAddContact() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let table = try CSVTable(text: "Customer,Id,Name,Emails\ncus-1,con-1,Bill,bill@initech.example; b@initech.example\n")
        let mapping = try CSVColumnMapping(parsing: "customer.id=Customer,contact.id=Id,contact.name=Name,contact.email=Emails")
        let summary = try await fixture.crm.importCSV(table, mapping: mapping, batchId: "b1", source: "people.csv", context: fixture.me)
        #expect(summary.customersRegistered == 0 && summary.contactsAdded == 1 && summary.rows == 1)
        #expect(summary.position == (try fixture.head()))
        let contact = try await fixture.crm.contact("con-1")
        #expect(contact.profile?.emails == ["bill@initech.example", "b@initech.example"])
        #expect(contact.customers.keys.sorted() == ["cus-1"])

        // A contact for a customer that does not exist: refused with the same error addContact gives.
        let before = try fixture.head()
        let unknown = try CSVTable(text: "Customer,Id,Name,Emails\ncus-9,con-2,Ann,\n")
        var direct = ""
        do {
            try await fixture.crm.addContact(id: "con-2", customerId: "cus-9", name: "Ann", context: fixture.me)
        } catch { direct = error.description }
        do {
            try await fixture.crm.importCSV(unknown, mapping: mapping, batchId: "b2", source: "people.csv", context: fixture.me)
            Issue.record("the import was accepted")
        } catch {
            let problems: [CSVRowProblem]? = if case .invalidRows(let found, total: 1) = error { found } else { nil }
            #expect(problems == [CSVRowProblem(line: 2, reason: direct)], "\(error)")
            #expect(!direct.isEmpty)
        }
        #expect(try fixture.head() == before)
    }

    @Test func repeatedCustomersMustAgreeAndDuplicatesAreReported() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-0", name: "Initech Oy", email: "info@initech.example")
        let mapping = try CSVColumnMapping(parsing: "customer.id=ID,customer.name=Name,customer.email=Mail")
        let differing = try CSVTable(text: "ID,Name,Mail\ncus-1,Globex,\ncus-1,Globex Corp,\n")
        await #expect(throws: CSVImportError.self) {
            try await fixture.crm.importCSV(differing, mapping: mapping, batchId: "b1", source: "a.csv", context: fixture.me)
        }
        let same = try CSVTable(text: "ID,Name,Mail\ncus-1,Initech,info@initech.example\ncus-1,Initech,info@initech.example\n")
        let summary = try await fixture.crm.importCSV(same, mapping: mapping, batchId: "b1", source: "a.csv", context: fixture.me)
        #expect(summary.customersRegistered == 1)
        // The e-mail address matches cus-0: reported, as registerCustomer reports it.
        let candidates = summary.possibleDuplicates[EntityRef(kind: .customer, id: "cus-1")] ?? []
        #expect(Set(candidates.map(\.record)) == [EntityRef(kind: .customer, id: "cus-0")])
        #expect(summary.possibleDuplicates.count == 1)
    }

    /// A table changed by hand (its properties are public) is refused with a typed error, not an index trap.
    @Test func aTableChangedByHandIsRefusedWithoutATrap() async throws {
        let fixture = try CRMFixture()
        let mapping = try CSVColumnMapping(parsing: "customer.id=ID,customer.name=Name")
        var short = try CSVTable(text: "ID,Name\ncus-1,Initech\n")
        short.rows.append(["cus-2"])
        short.lines.append(3)
        var unnumbered = try CSVTable(text: "ID,Name\ncus-1,Initech\n")
        unnumbered.rows.append(["cus-2", "Globex"])
        let before = try fixture.head()
        for (table, line, reason) in [(short, 3, "the record has 1 fields; the header has 2"), (unnumbered, 1, "the table has 2 records but 1 line numbers")] {
            do {
                try await fixture.crm.importCSV(table, mapping: mapping, batchId: "b1", source: "a.csv", context: fixture.me)
                Issue.record("the import was accepted")
            } catch {
                guard case .malformed(line, reason) = error else { Issue.record("\(error)"); continue }
            }
        }
        #expect(try fixture.head() == before)
    }
}
