import CRM
import EventSourcing
import Testing

/// A CRM with access control and a team of users, shared by the scope, view and export tests.
///
/// Admin `usr-1`; representatives `usr-2`, `usr-3` (team north) and `usr-4` (team south); manager `usr-5` (team
/// north, scope team); support agent `usr-6` (scope own); auditor `usr-9`. Pipeline `sales`. Customers `cus-2`
/// (owned by usr-2, industry Computing, with contact `con-2`), `cus-4` (usr-4), `cus-0` (no owner). `policy`
/// replaces the default one; `recording` records denied attempts; `views` adds the CRM views (inline) first.
func scopedCRM(policy: (any AccessPolicy)? = nil, recording: Bool = false, views: Bool = false) async throws -> CRMFixture {
    var options = CRMOptions()
    options.accessControl = .registeredUsers
    options.recordsDeniedAttempts = recording
    if let policy { options.accessPolicy = policy }
    let fixture = try CRMFixture(options: options)
    let crm = fixture.crm
    if views { try await crm.views.addAll(mode: .inline) }
    let admin = CommandContext(actor: "usr-1")
    try await crm.registerUser(id: "usr-1", name: "Admin", email: "admin@rapport.example", roles: [.administrator], context: admin)
    for (id, team) in [("usr-2", "north"), ("usr-3", "north"), ("usr-4", "south")] {
        try await crm.registerUser(
            id: id, name: "Rep \(id)", email: "\(id)@rapport.example", roles: [.salesRepresentative], teamId: team, context: admin)
    }
    try await crm.registerUser(
        id: "usr-5", name: "Manager", email: "usr-5@rapport.example", roles: [.salesManager], teamId: "north", context: admin)
    try await crm.setUserRole("usr-5", .salesManager, scope: .team, context: admin)
    try await crm.registerUser(id: "usr-6", name: "Agent", email: "usr-6@rapport.example", roles: [.serviceAgent], context: admin)
    try await crm.registerUser(id: "usr-9", name: "Audrey", email: "audrey@rapport.example", roles: [.auditor], context: admin)
    try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: admin)
    try await crm.registerCustomer(
        id: "cus-2", kind: .person, name: "Ada Lovelace", email: "ada@example.com", industry: "Computing", source: .phone,
        ownerId: "usr-2",
        context: admin)
    try await crm.addContact(id: "con-2", customerId: "cus-2", name: "Charles Babbage", emails: ["cb@example.com"], context: admin)
    try await crm.registerCustomer(id: "cus-4", kind: .person, name: "Bob Boole", source: .phone, ownerId: "usr-4", context: admin)
    try await crm.registerCustomer(id: "cus-0", kind: .person, name: "Nobody", source: .phone, context: admin)
    return fixture
}

extension CRMFixture {
    /// `command: reason` of the ``CRMError/notAuthorized(actor:command:reason:)`` `body` throws, `nil` for
    /// anything else.
    func denial(_ body: () async throws -> Void) async throws -> String? {
        guard case .notAuthorized(_, let command, let reason)? = try await rejection(body) else { return nil }
        return "\(command): \(reason)"
    }
}
