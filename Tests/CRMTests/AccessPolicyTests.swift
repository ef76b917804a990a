import CRM
import EventSourcing
import Testing

/// A policy of the embedding service: the default rules, and frozen customers nobody may change.
private struct FreezingPolicy: AccessPolicy {
    let frozen: Set<String>
    let roles = RoleAccessPolicy()

    func decide(command: String, actor: AccessActor) -> AccessDecision { roles.decide(command: command, actor: actor) }
    func decide(command: String, actor: AccessActor, target: AccessTarget) -> AccessDecision {
        if target.category == "customer" && !target.isNew && frozen.contains(target.id) { return .deny(reason: "customer \(target.id) is frozen") }
        return roles.decide(command: command, actor: actor, target: target)
    }
    func decide(query target: AccessTarget, actor: AccessActor) -> AccessDecision { roles.decide(query: target, actor: actor) }
    func mayReadPersonalData(_ actor: AccessActor) -> Bool { false }
}

@Suite("Access policy, scopes and reads")
struct AccessPolicyTests {
    private let admin = CommandContext(actor: "usr-1")

    /// ``scopedCRM(policy:recording:views:)``.
    private func fixture(policy: (any AccessPolicy)? = nil, recording: Bool = false) async throws -> CRMFixture {
        try await scopedCRM(policy: policy, recording: recording)
    }

    private func tag(_ fixture: CRMFixture, _ customer: String, by actor: String) async throws {
        try await fixture.crm.tag(EntityRef(kind: .customer, id: customer), "vip-\(actor)", context: CommandContext(actor: actor))
    }

    @Test func aReplacedPolicyDecidesAndItsDenialWritesNothing() async throws {
        let fixture = try await fixture(policy: FreezingPolicy(frozen: ["cus-4"]))
        try await tag(fixture, "cus-2", by: "usr-1")
        let frozen = try await fixture.rejection { try await tag(fixture, "cus-4", by: "usr-1") }
        #expect(frozen == .notAuthorized(actor: "usr-1", command: "applyTag", reason: "customer cus-4 is frozen"))
        #expect(try await fixture.crm.customer("cus-4").traits.tags.isEmpty)
        #expect(try await fixture.crm.customer("cus-2").traits.tags == ["vip-usr-1"])
        // The replaced policy also decides reads: this one shows nobody personal data, not even the administrator.
        #expect(try await fixture.crm.customer("cus-2", as: "usr-1").profile?.name == PersonalDataPolicy.redactedText)
    }

    @Test func scopesLimitChangesToOwnTeamOrAllRecords() async throws {
        let fixture = try await fixture()
        try await tag(fixture, "cus-2", by: "usr-2")
        let colleague = try await fixture.rejection { try await tag(fixture, "cus-2", by: "usr-3") }
        #expect(colleague == .notAuthorized(
            actor: "usr-3", command: "applyTag", reason: "customer cus-2 is outside usr-3's scope (it is owned by usr-2)"))
        let unowned = try await fixture.rejection { try await tag(fixture, "cus-0", by: "usr-2") }
        #expect(unowned == .notAuthorized(
            actor: "usr-2", command: "applyTag", reason: "customer cus-0 is outside usr-2's scope (it has no owner)"))
        try await tag(fixture, "cus-2", by: "usr-5")
        let otherTeam = try await fixture.rejection { try await tag(fixture, "cus-4", by: "usr-5") }
        #expect(otherTeam == .notAuthorized(
            actor: "usr-5", command: "applyTag", reason: "customer cus-4 is outside usr-5's scope (it is owned by usr-4)"))
        try await tag(fixture, "cus-4", by: "usr-1")
        try await tag(fixture, "cus-0", by: "usr-1")
        // A handed-over customer moves with its owner.
        try await fixture.crm.changeCustomerOwner(customerId: "cus-4", to: "usr-3", context: admin)
        try await tag(fixture, "cus-4", by: "usr-3")
        try await tag(fixture, "cus-4", by: "usr-5")
        try await fixture.crm.setUserRole("usr-2", .salesRepresentative, scope: .all, context: admin)
        try await tag(fixture, "cus-0", by: "usr-2")
        #expect(try await fixture.crm.customer("cus-2").traits.tags == ["vip-usr-2", "vip-usr-5"])
        #expect(try await fixture.crm.customer("cus-4").traits.tags == ["vip-usr-1", "vip-usr-3", "vip-usr-5"])
        #expect(try await fixture.crm.customer("cus-0").traits.tags == ["vip-usr-1", "vip-usr-2"])
    }

    @Test func readsShowOnlyWhatTheActorMaySeeAndRedactPersonalDataForAuditors() async throws {
        let fixture = try await fixture()
        let crm = fixture.crm
        let owned = try await crm.customer("cus-2", as: "usr-2")
        #expect(owned == (try await crm.customer("cus-2")))
        #expect(owned.profile?.name == "Ada Lovelace" && owned.profile?.email == "ada@example.com")
        #expect(try await crm.customer("cus-2", as: "usr-5").profile?.name == "Ada Lovelace")
        #expect(try await crm.customer("cus-4", as: "usr-1").profile?.name == "Bob Boole")
        let audited = try await crm.customer("cus-2", as: "usr-9")
        #expect(audited.profile?.name == "[redacted]" && audited.profile?.email == "[redacted]")
        #expect(audited.profile?.industry == "Computing" && audited.ownerId == "usr-2" && audited.version == owned.version)
        let denied = try await fixture.rejection { _ = try await crm.customer("cus-2", as: "usr-3") }
        #expect(denied == .notAuthorized(
            actor: "usr-3", command: "read customer", reason: "customer cus-2 is outside usr-3's scope (it is owned by usr-2)"))
        let stranger = try await fixture.rejection { _ = try await crm.customer("cus-2", as: "usr-99") }
        #expect(stranger == .notAuthorized(actor: "usr-99", command: "read customer", reason: "usr-99 is not a registered user"))
        // Records without an owner are not limited by scope.
        #expect(try await crm.user("usr-1", as: "usr-3").registered?.name == "Admin")
        #expect(try await crm.state(UserState.self, id: "usr-1", as: "usr-9").registered?.email == "[redacted]")
    }

    @Test func deniedAttemptsAreRecordedAndTheDeniedCommandWritesNothing() async throws {
        let fixture = try await fixture(recording: true)
        let crm = fixture.crm
        let audit = try StreamName("audit-accessdenials")
        let before = try fixture.head()
        let customerBefore = try await crm.customer("cus-2")
        await #expect(throws: CRMError.notAuthorized(
            actor: "usr-3", command: "applyTag", reason: "customer cus-2 is outside usr-3's scope (it is owned by usr-2)")) {
            try await tag(fixture, "cus-2", by: "usr-3")
        }
        await #expect(throws: CRMError.notAuthorized(actor: "usr-99", command: "registerCustomer", reason: "usr-99 is not a registered user")) {
            try await crm.registerCustomer(id: "cus-9", kind: .person, name: "Eve", source: .phone, context: CommandContext(actor: "usr-99"))
        }
        let recorded = try await crm.store.readStream(audit)
        #expect(recorded.map { try? $0.decode(AccessDenied.self) } == [
            AccessDenied(actor: "usr-3", command: "applyTag", reason: "customer cus-2 is outside usr-3's scope (it is owned by usr-2)"),
            AccessDenied(actor: "usr-99", command: "registerCustomer", reason: "usr-99 is not a registered user"),
        ])
        #expect(recorded.map(\.actor) == ["usr-3", "usr-99"])
        // The log grew by the two denials only: the customer is unchanged and cus-9 was never registered.
        #expect(try fixture.head().rawValue == before.rawValue + 2)
        #expect(try await crm.customer("cus-2") == customerBefore)
        #expect(try await crm.customer("cus-9").exists == false)
        // Without the option, nothing is recorded.
        let quiet = try await self.fixture()
        _ = try await quiet.rejection { try await tag(quiet, "cus-2", by: "usr-3") }
        #expect(try await quiet.crm.store.readStream(audit).isEmpty)
    }

    @Test func withoutAccessControlActorReadsAreThePlainReads() async throws {
        let fixture = try CRMFixture()
        try await fixture.crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada", source: .phone, context: fixture.me)
        #expect(try await fixture.crm.customer("cus-1", as: "anyone") == (try await fixture.crm.customer("cus-1")))
    }

    @Test(arguments: AccessScope.allCases)
    func aScopeReachesExactlyWhatItCovers(scope: AccessScope) {
        let actor = AccessActor(id: "usr-2", roles: [.salesRepresentative: scope], teamId: "north")
        // (owner, owner's team) -> reached by own, team, all: written out by hand.
        let cases: [(String?, String?, [AccessScope: Bool])] = [
            ("usr-2", "north", [.own: true, .team: true, .all: true]),
            ("usr-3", "north", [.own: false, .team: true, .all: true]),
            ("usr-4", "south", [.own: false, .team: false, .all: true]),
            ("usr-4", nil, [.own: false, .team: false, .all: true]),
            (nil, nil, [.own: false, .team: false, .all: true]),
        ]
        for (owner, team, expected) in cases {
            let target = AccessTarget(category: "customer", id: "cus-1", ownerId: owner, ownerTeamId: team)
            #expect(target.isReached(by: scope, of: actor) == expected[scope], "owner \(owner ?? "none")")
            let decision = RoleAccessPolicy().decide(command: "applyTag", actor: actor, target: target)
            #expect((decision == .allow) == expected[scope])
        }
        let teamless = AccessActor(id: "usr-2", roles: [.salesRepresentative: scope])
        let orphanTeam = AccessTarget(category: "customer", id: "cus-1", ownerId: "usr-3", ownerTeamId: nil)
        #expect(orphanTeam.isReached(by: scope, of: teamless) == (scope == .all))
    }

    @Test func onlyAuditorsAloneMayNotSeePersonalData() {
        let policy = RoleAccessPolicy()
        #expect(!policy.mayReadPersonalData(AccessActor(id: "a", roles: [.auditor: .all])))
        #expect(policy.mayReadPersonalData(AccessActor(id: "a", roles: [.auditor: .all, .marketer: .own])))
        #expect(policy.mayReadPersonalData(AccessActor(id: "a", roles: [.serviceAgent: .own])))
        #expect(policy.decide(command: "definePipeline", actor: AccessActor(id: "a", roles: [.salesManager: .all]))
            == .deny(reason: "it needs one of the roles administrator"))
    }
}
