import CRM
import EventSourcing
import Foundation
import Testing

@Suite("The explicit choice of how personal data is stored")
struct PersonalDataStorageTests {
    private func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rapport-pd-\(UUID().uuidString)").path
    }

    private func fast(key: MasterKey? = nil) -> EventStoreConfiguration {
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        configuration.masterKey = key
        return configuration
    }

    private func inClear() -> CRMOptions {
        var options = CRMOptions()
        options.personalData = .inClear
        return options
    }

    @Test func withoutAMasterKeyTheCRMMustBeToldToStoreInClear() async throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: CRMError.invalidInput(
            field: "personal data",
            reason: "give EventStoreConfiguration.masterKey to seal personal data, or set CRMOptions.personalData = .inClear to store it in clear (development only)"
        )) { try CRMStore(path: path, configuration: fast()) }
        #expect(!FileManager.default.fileExists(atPath: path), "the refused open created the store")
        var sealed = CRMOptions()
        sealed.personalData = .sealed
        #expect(throws: CRMError.self) { try CRMStore(path: path, configuration: fast(), options: sealed) }
        #expect(throws: CRMError.invalidInput(
            field: "personal data", reason: "a master key is given but CRMOptions.personalData says in clear; drop one of them"
        )) { try CRMStore(path: path, configuration: fast(key: CRMFixture.masterKey), options: inClear()) }

        // Stated: the name is in the log in clear.
        let crm = try CRMStore(path: path, configuration: fast(), options: inClear())
        try await crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada Lovelace", source: .phone, context: CommandContext(actor: "usr-7"))
        var exported = ""
        try crm.store.exportJSONLines { exported += $0 }
        #expect(exported.contains("Ada Lovelace"))
        await crm.close()
    }

    @Test func anOpenStoreMustBeSealingUnlessReadOnlyOrInClear() async throws {
        let path = scratch()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain = try EventStore(path: path, configuration: fast(key: CRMFixture.masterKey))
        #expect(throws: CRMError.invalidInput(
            field: "personal data",
            reason: "the store was opened without the CRM's personal fields; open it with CRMStore.sealing(configuration)"
        )) { try CRMStore(store: plain) }
        plain.close()
        let sealing = try EventStore(path: path, configuration: CRMStore.sealing(fast(key: CRMFixture.masterKey)))
        let crm = try CRMStore(store: sealing)
        try await crm.registerCustomer(id: "cus-1", kind: .person, name: "Ada Lovelace", source: .phone, context: CommandContext(actor: "usr-7"))
        sealing.close()
        // A read-only store cannot write: no choice needed, personal fields read redacted without the key.
        var readOnly = EventStoreConfiguration()
        readOnly.readOnly = true
        let reader = try EventStore(path: path, configuration: readOnly)
        defer { reader.close() }
        #expect(try await CRMStore(store: reader).customer("cus-1").profile?.name == "[redacted]")
    }
}
