import CRM
import EventSourcing
import Foundation
import Testing

@Suite("Views, history and exports as an actor")
struct ActorViewTests {
    private let admin = CommandContext(actor: "usr-1")

    /// ``scopedCRM(views:)`` with opportunities `opp-2a` (cus-2, usr-2), `opp-3` (cus-2, usr-3), `opp-4` (cus-4,
    /// usr-4), leads `lea-2` (usr-2) and `lea-0` (no owner), cus-2's e-mail changed and a tag.
    private func populated() async throws -> CRMFixture {
        let fixture = try await scopedCRM(views: true)
        let crm = fixture.crm
        for (id, customer, owner) in [("opp-2a", "cus-2", "usr-2"), ("opp-3", "cus-2", "usr-3"), ("opp-4", "cus-4", "usr-4")] {
            try await crm.openOpportunity(
                id: id, customerId: customer, name: "Deal \(id)", pipelineId: "sales", stageId: "qualification",
                amount: try eur("1000"), expectedCloseDate: date("2026-06-30"), ownerId: owner, context: admin)
        }
        try await crm.captureLead(id: "lea-2", name: "Lead Two", source: .website, ownerId: "usr-2", context: admin)
        try await crm.captureLead(id: "lea-0", name: "Lead Zero", source: .website, context: admin)
        try await crm.changeCustomerDetails(customerId: "cus-2", ["email": "ada@lovelace.example"], context: admin)
        try await crm.tag(EntityRef(kind: .customer, id: "cus-2"), "vip", context: admin)
        return fixture
    }

    @Test func thePipelineHoldsTheDealsAndLeadsInTheActorsScope() async throws {
        let fixture = try await populated()
        // actor -> (deals, leads), by hand from the owners and teams.
        let expected: [(String, [String], [String])] = [
            ("usr-1", ["opp-2a", "opp-3", "opp-4"], ["lea-0", "lea-2"]),
            ("usr-2", ["opp-2a"], ["lea-2"]),
            ("usr-3", ["opp-3"], []),
            ("usr-4", ["opp-4"], []),
            ("usr-5", ["opp-2a", "opp-3"], ["lea-2"]),
            ("usr-6", [], []),
            ("usr-9", ["opp-2a", "opp-3", "opp-4"], ["lea-0", "lea-2"]),
        ]
        for (actor, deals, leads) in expected {
            let pipeline = try await fixture.crm.pipeline(as: actor)
            #expect(pipeline.deals.map(\.id).sorted() == deals, "\(actor)")
            #expect(pipeline.leads.map(\.id).sorted() == leads, "\(actor)")
            // The figures count only what is visible.
            #expect(pipeline.forecast().map(\.count).reduce(0, +) == deals.count, "\(actor)")
        }
        let all = try await fixture.crm.views.pipeline()
        #expect(try await fixture.crm.pipeline(as: "usr-1") == all)
        #expect(try await fixture.denial { _ = try await fixture.crm.pipeline(as: "usr-99") }
            == "read pipeline: usr-99 is not a registered user")
    }

    @Test func recordListsHoldWhatTheActorMayRead() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        // actor -> (customers, contacts, opportunities), by hand.
        let expected: [(String, [String], [String], [String])] = [
            ("usr-1", ["cus-0", "cus-2", "cus-4"], ["con-2"], ["opp-2a", "opp-3", "opp-4"]),
            ("usr-2", ["cus-2"], ["con-2"], ["opp-2a"]),
            ("usr-3", [], [], ["opp-3"]),
            ("usr-5", ["cus-2"], ["con-2"], ["opp-2a", "opp-3"]),
            ("usr-6", [], [], []),
            ("usr-9", ["cus-0", "cus-2", "cus-4"], ["con-2"], ["opp-2a", "opp-3", "opp-4"]),
        ]
        for (actor, customers, contacts, deals) in expected {
            #expect(try await crm.recordIDs(of: .customer, as: actor) == customers, "\(actor)")
            #expect(try await crm.recordIDs(of: .contact, as: actor) == contacts, "\(actor)")
            #expect(try await crm.recordIDs(of: .opportunity, as: actor) == deals, "\(actor)")
        }
    }

    @Test func theCustomer360ShowsWhatTheActorMayReadAndRedactsForAuditors() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let owner = try #require(try await crm.customer360("cus-2", as: "usr-2"))
        #expect(owner.view.openOpportunities.map(\.opportunityId) == ["opp-2a"])
        #expect(owner.openOpportunityValue == [try eur("1000")])
        #expect(owner.view.name == "Ada Lovelace" && owner.view.email == "ada@lovelace.example")
        #expect(owner.view.contacts.map(\.name) == ["Charles Babbage"])
        let manager = try #require(try await crm.customer360("cus-2", as: "usr-5"))
        #expect(manager.view.openOpportunities.map(\.opportunityId) == ["opp-2a", "opp-3"])
        let audited = try #require(try await crm.customer360("cus-2", as: "usr-9"))
        #expect(audited.view.openOpportunities.map(\.opportunityId) == ["opp-2a", "opp-3"])
        #expect(audited.view.name == "[redacted]" && audited.view.email == "[redacted]" && audited.view.phone == nil)
        #expect(audited.view.contacts.map(\.name) == ["[redacted]"] && audited.view.tags == ["vip"])
        #expect(try await crm.customer360("cus-2", as: "usr-1") == (try await crm.views.customer360("cus-2")))
        for actor in ["usr-3", "usr-4", "usr-6"] {
            #expect(try await fixture.denial { _ = try await crm.customer360("cus-2", as: actor) }
                == "read customer: customer cus-2 is outside \(actor)'s scope (it is owned by usr-2)")
        }
        #expect(try await crm.customer360("cus-404", as: "usr-2") == nil)
    }

    @Test func theTimelineAndHistoryAreCheckedAndRedacted() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let customer = EntityRef(kind: .customer, id: "cus-2")
        func changes(_ entries: [TimelineEntry]) -> [FieldChange] { entries.flatMap(\.changes) }
        #expect(changes(try await crm.timeline(of: customer, as: "usr-2")) == [
            FieldChange(field: "email", old: "ada@example.com", new: "ada@lovelace.example"), FieldChange(field: "tag", new: "vip"),
        ])
        #expect(changes(try await crm.timeline(of: customer, as: "usr-9")) == [
            FieldChange(field: "email", old: "[redacted]", new: "[redacted]"), FieldChange(field: "tag", new: "vip"),
        ])
        #expect(try await crm.timeline(of: customer, as: "usr-9").count == (try await crm.views.timeline(of: customer)).count)
        #expect(try await fixture.denial { _ = try await crm.timeline(of: customer, as: "usr-4") }
            == "read customer: customer cus-2 is outside usr-4's scope (it is owned by usr-2)")
        let history = try await crm.history(of: customer, as: "usr-9")
        #expect(try history.first?.decode(CustomerRegistered.self).name == "[redacted]")
        #expect(try history.first?.decode(CustomerRegistered.self).ownerId == "usr-2")
        #expect(try await crm.history(of: customer, as: "usr-5") == (try await crm.history(of: customer)))
        #expect(try await fixture.denial { _ = try await crm.history(of: customer, as: "usr-3") }
            == "read customer: customer cus-2 is outside usr-3's scope (it is owned by usr-2)")
    }

    /// The streams of an export's lines, each with how many lines it has.
    private func export(_ crm: CRMStore, as actor: String) async throws -> (streams: [String: Int], text: String) {
        var text = ""
        let count = try await crm.exportJSONLines(as: actor) { text += $0 }
        var streams: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            streams[try #require(object["stream"] as? String), default: 0] += 1
        }
        #expect(streams.values.reduce(0, +) == count)
        return (streams, text)
    }

    @Test func anExportHoldsTheEventsOfTheRecordsInScope() async throws {
        let fixture = try await populated()
        let crm = fixture.crm
        let records: Set<String> = ["customer", "contact", "lead", "opportunity"]
        func recordStreams(_ streams: [String: Int]) -> Set<String> {
            Set(streams.keys.filter { records.contains(String($0.prefix { $0 != "-" })) })
        }
        let everything = try await export(crm, as: "usr-9")
        #expect(recordStreams(everything.streams) == [
            "customer-cus-2", "customer-cus-4", "customer-cus-0", "contact-con-2", "opportunity-opp-2a",
            "opportunity-opp-3", "opportunity-opp-4", "lead-lea-2", "lead-lea-0",
        ])
        // The auditor's extract holds every event, and not even the ciphertext of personal data.
        #expect(everything.streams.values.reduce(0, +) == Int(try fixture.head().rawValue))
        #expect(!everything.text.contains("$sealed") && everything.text.contains("[redacted]"))
        #expect(!everything.text.contains("Ada Lovelace"))
        let owner = try await export(crm, as: "usr-2")
        #expect(recordStreams(owner.streams) == ["customer-cus-2", "contact-con-2", "opportunity-opp-2a", "lead-lea-2"])
        // cus-2: registered, e-mail changed, tagged; the streams that are no record (users, pipeline) are there.
        #expect(owner.streams["customer-cus-2"] == 3 && owner.streams["pipeline-sales"] == 1 && owner.streams["user-usr-4"] != nil)
        #expect(owner.text.contains("$sealed") && !owner.text.contains("[redacted]"))
        #expect(recordStreams(try await export(crm, as: "usr-4").streams) == ["customer-cus-4", "opportunity-opp-4"])
        #expect(recordStreams(try await export(crm, as: "usr-5").streams) == [
            "customer-cus-2", "contact-con-2", "opportunity-opp-2a", "opportunity-opp-3", "lead-lea-2",
        ])
        #expect(try await fixture.denial { try await crm.exportJSONLines(as: "usr-99") { _ in } }
            == "recordExport: usr-99 is not a registered user")
    }
}
