import CRM
import EventSourcing
import Foundation
import Testing

@Suite("rapport export --actor")
struct ExportActorToolTests {
    @Test func anActorsExtractHoldsTheRecordsInTheirScope() async throws {
        let (directory, store) = try ToolTests.newDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var options = CRMOptions()
        options.personalData = .inClear
        options.accessControl = .registeredUsers
        let crm = try CRMStore(path: store, configuration: ToolTests.fastConfiguration(), options: options)
        let admin = CommandContext(actor: "usr-1")
        try await crm.registerUser(id: "usr-1", name: "Admin", email: "admin@rapport.example", roles: [.administrator], context: admin)
        try await crm.registerUser(id: "usr-2", name: "Rep", email: "rep@rapport.example", roles: [.salesRepresentative], context: admin)
        try await crm.registerUser(id: "usr-9", name: "Audrey", email: "audrey@rapport.example", roles: [.auditor], context: admin)
        try await crm.registerCustomer(id: "cus-2", kind: .person, name: "Ada Lovelace", source: .phone, ownerId: "usr-2", context: admin)
        try await crm.registerCustomer(id: "cus-4", kind: .person, name: "Bob Boole", source: .phone, context: admin)
        await crm.close()

        func streams(_ output: String) throws -> [String] {
            try output.split(separator: "\n").map { line in
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                return try #require(object["stream"] as? String)
            }
        }
        let rep = try ToolTests.run(["export", store, "--actor", "usr-2"])
        #expect(rep.status == 0, "\(rep.error)")
        #expect(try streams(rep.output) == ["user-usr-1", "user-usr-2", "user-usr-9", "customer-cus-2"])
        #expect(rep.output.contains("Ada Lovelace") && rep.error.hasSuffix("exported 4 events\n"))
        let auditor = try ToolTests.run(["export", store, "--actor", "usr-9"])
        #expect(try streams(auditor.output) == ["user-usr-1", "user-usr-2", "user-usr-9", "customer-cus-2", "customer-cus-4"])
        #expect(!auditor.output.contains("Ada Lovelace") && auditor.output.contains("[redacted]"))
        let stranger = try ToolTests.run(["export", store, "--actor", "usr-99"])
        #expect(stranger.status != 0 && stranger.output.isEmpty)
        #expect(stranger.error.contains("usr-99 is not a registered user"))
    }
}
