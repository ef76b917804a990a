import EventSourcing
import Foundation
import Testing

/// A personal event for the tool tests: the name is sealed for the stream.
private struct Signed: PersonalData {
    static let eventType = "Signed"
    static let personalFields = ["name"]
    var name: String
}

@Suite("rapport backup, restore and erase")
struct TrustToolTests {
    @Test func backupRestoreAndEraseWorkOnRealFiles() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-trust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store").path
        let keyFile = directory.appendingPathComponent("master.key").path
        let key = MasterKey.generate()
        #expect(FileManager.default.createFile(atPath: keyFile, contents: Data(key.hexadecimal.utf8)))
        var configuration = EventStoreConfiguration()
        configuration.durability = .none
        configuration.masterKey = key
        configuration.personalData.register(Signed.self)
        let store = try EventStore(path: path, configuration: configuration)
        for number in 1...5 {
            try await store.append([try NewEvent(Signed(name: "Person Number \(number)"))], to: try StreamName("person-\(number)"))
        }
        store.close()

        let backup = directory.appendingPathComponent("backup").path
        let made = try ToolTests.run(["backup", path, backup, "--master-key-file", keyFile])
        #expect(made.status == 0, "\(made.error)")
        #expect(made.output.contains("backup: 5 events"))
        #expect(try ToolTests.run(["verify", backup]).status == 0)
        // A second backup into the same directory is refused.
        #expect(try ToolTests.run(["backup", path, backup]).status != 0)

        let restored = directory.appendingPathComponent("restored").path
        let restore = try ToolTests.run(["restore", backup, restored, "--master-key-file", keyFile])
        #expect(restore.status == 0, "\(restore.error)")
        #expect(restore.output.contains("restored: 5 events"))

        let erase = try ToolTests.run(["erase", restored, "person-3", "--actor", "dpo-1"])
        #expect(erase.status == 0, "\(erase.error)")
        #expect(erase.output.contains("position 6"))
        #expect(try ToolTests.run(["erase", restored, "person-3"]).status != 0)
        #expect(try ToolTests.run(["verify", restored]).status == 0)

        var reading = EventStoreConfiguration()
        reading.masterKey = key
        let check = try EventStore(path: restored, configuration: reading)
        defer { check.close() }
        let events = try await check.readAll()
        #expect(events.count == 6)
        #expect(try events[2].decode(Signed.self).name == PersonalDataPolicy.erasedText)
        #expect(try events[3].decode(Signed.self).name == "Person Number 4")
        #expect(events[5].actor == "dpo-1" && events[5].stream == EventStore.erasureStream)
    }
}
