import CRM
import Testing

@Suite("Customer merges")
struct MergeTests {
    private func twoCustomers(_ fixture: CRMFixture) async throws {
        try await fixture.crm.registerCustomer(
            id: "cus-1", kind: .organization, name: "Initech Oy", email: "info@initech.example", phone: "+358 9 123 4567",
            source: .website, context: fixture.me)
        try await fixture.crm.registerCustomer(
            id: "cus-2", kind: .organization, name: "Initech", email: "sales@initech.example", phone: "+358 9 765 4321",
            source: .importBatch, context: fixture.me)
    }

    @Test func mergeWritesTheSurvivorAndAnAbsorbedMarker() async throws {
        let fixture = try CRMFixture()
        try await twoCustomers(fixture)
        let events = try await fixture.crm.mergeCustomers(
            survivorId: "cus-1", absorbedIds: ["cus-2"], fieldChoices: [FieldChoice(field: "phone", sourceRecordId: "cus-2")],
            reason: "Same company registered twice", context: fixture.me)
        #expect(events.map(\.type) == ["RecordsMerged", "CustomerDetailsChanged", "RecordAbsorbed"])
        #expect(events.map(\.stream.rawValue) == ["customer-cus-1", "customer-cus-1", "customer-cus-2"])
        let merged = try events[0].decode(RecordsMerged.self)
        #expect(merged.survivorId == "cus-1" && merged.absorbedIds == ["cus-2"])
        let absorbed = try events[2].decode(RecordAbsorbed.self)
        #expect(absorbed.mergeEventId == events[0].id && absorbed.survivorId == "cus-1")
        #expect(try await fixture.crm.customer("cus-1").profile?.phone == "+358 9 765 4321")

        let blocked = try await fixture.rejection {
            try await fixture.crm.changeCustomerOwner(customerId: "cus-2", to: "usr-9", context: fixture.me)
        }
        #expect(blocked == .absorbed(EntityRef(kind: .customer, id: "cus-2"), survivorId: "cus-1"))
        #expect(blocked?.description == "Customer cus-2 was merged into cus-1; work with cus-1 instead")
        let twice = try await fixture.rejection {
            try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-2"], reason: "again", context: fixture.me)
        }
        #expect(twice == .absorbed(EntityRef(kind: .customer, id: "cus-2"), survivorId: "cus-1"))
    }

    @Test func revertRestoresTheAbsorbedRecordAndTheSurvivorsFields() async throws {
        let fixture = try CRMFixture()
        try await twoCustomers(fixture)
        let merge = try await fixture.crm.mergeCustomers(
            survivorId: "cus-1", absorbedIds: ["cus-2"], fieldChoices: [FieldChoice(field: "phone", sourceRecordId: "cus-2")],
            reason: "Same company", context: fixture.me)
        let reverted = try await fixture.crm.revertMerge(
            survivorId: "cus-1", mergeEventId: merge[0].id, reason: "Two subsidiaries", context: fixture.me)
        #expect(reverted.map(\.type) == ["MergeReverted", "CustomerDetailsChanged", "MergeReverted"])
        #expect(try reverted[0].decode(MergeReverted.self).restoredIds == ["cus-2"])
        let survivor = try await fixture.crm.customer("cus-1")
        #expect(survivor.profile?.phone == "+358 9 123 4567" && survivor.traits.activeMerges.isEmpty)
        let restored = try await fixture.crm.customer("cus-2")
        #expect(restored.traits.absorbedInto == nil)
        try await fixture.crm.changeCustomerOwner(customerId: "cus-2", to: "usr-9", context: fixture.me)

        let again = try await fixture.rejection {
            try await fixture.crm.revertMerge(survivorId: "cus-1", mergeEventId: merge[0].id, reason: "x", context: fixture.me)
        }
        #expect(
            again
                == .invalidTransition(
                    EntityRef(kind: .customer, id: "cus-1"), state: "no longer merged by \(merge[0].id)", action: "revert it again"))
        let unknown = try await fixture.rejection {
            try await fixture.crm.revertMerge(survivorId: "cus-1", mergeEventId: .make(), reason: "x", context: fixture.me)
        }
        if case .notFound = unknown {} else { Issue.record("expected notFound, got \(String(describing: unknown))") }
    }

    @Test func mergesAreValidated() async throws {
        let fixture = try CRMFixture()
        try await twoCustomers(fixture)
        let itself = try await fixture.rejection {
            try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-1"], reason: "x", context: fixture.me)
        }
        #expect(itself == .invalidInput(field: "customers to merge", reason: "cus-1 cannot be merged into itself"))
        let none = try await fixture.rejection {
            try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: [], reason: "x", context: fixture.me)
        }
        #expect(none == .invalidInput(field: "customers to merge", reason: "at least one is needed"))
        let missing = try await fixture.rejection {
            try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-2", "cus-3"], reason: "x", context: fixture.me)
        }
        #expect(missing == .notFound(EntityRef(kind: .customer, id: "cus-3")))
        let foreign = try await fixture.rejection {
            try await fixture.crm.mergeCustomers(
                survivorId: "cus-1", absorbedIds: ["cus-2"], fieldChoices: [FieldChoice(field: "phone", sourceRecordId: "cus-9")],
                reason: "x", context: fixture.me)
        }
        #expect(foreign == .invalidInput(field: "field choice", reason: "cus-9 is not part of this merge"))
    }
}

extension MergeTests {
    @Test func theSurvivorTakesTheFurthestStageAndTheAbsorbedCustomersDeals() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await twoCustomersForDeals(fixture)
        try await fixture.opportunity("opp-2", customer: "cus-2")
        try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-2"], reason: "same", context: fixture.me)
        let survivor = try await fixture.crm.customer("cus-1")
        #expect(survivor.lifecycleStage == "opportunity")
        #expect(survivor.lifecycleHistory.last?.trigger == .system && survivor.lifecycleHistory.last?.reason == "Merged with cus-2")
        let won = try await fixture.crm.winOpportunity("opp-2", context: fixture.me)
        #expect(won.map(\.stream.rawValue) == ["opportunity-opp-2", "customer-cus-1"])
        #expect(try await fixture.crm.customer("cus-1").lifecycleStage == "customer")
    }

    @Test func revertingTakesBackTheStageTheMergeGave() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await twoCustomersForDeals(fixture)
        try await fixture.opportunity("opp-2", customer: "cus-2")
        let merge = try await fixture.crm.mergeCustomers(survivorId: "cus-1", absorbedIds: ["cus-2"], reason: "same", context: fixture.me)
        let reverted = try await fixture.crm.revertMerge(survivorId: "cus-1", mergeEventId: merge[0].id, reason: "no", context: fixture.me)
        #expect(reverted.map(\.type) == ["MergeReverted", "LifecycleStageChanged", "MergeReverted"])
        let back = try reverted[1].decode(LifecycleStageChanged.self)
        #expect(back.direction == .backward && back.toStage == "prospect" && back.trigger == .system)
        #expect(try await fixture.crm.customer("cus-1").lifecycleStage == "prospect")
    }

    private func twoCustomersForDeals(_ fixture: CRMFixture) async throws {
        try await fixture.customer("cus-1", name: "Initech Oy")
        try await fixture.customer("cus-2", name: "Initech")
    }
}
