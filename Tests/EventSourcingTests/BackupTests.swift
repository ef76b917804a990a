import EventSourcing
import Foundation
import Testing

@Suite("Backups")
struct BackupTests {
    static func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rapport-backup-\(UUID().uuidString)").path
    }

    @Test func aHotBackupIsConsistentWhileAppendsGoOnAndRestores() async throws {
        let fixture = try CryptoShreddingTests.fixture()
        let store = fixture.store
        for number in 1...300 { try await CryptoShreddingTests.register(number, in: store) }
        let backup = Self.scratch()
        let restored = Self.scratch()
        defer {
            try? FileManager.default.removeItem(atPath: backup)
            try? FileManager.default.removeItem(atPath: restored)
        }
        // Appends from another task while the backup runs.
        let writer = Task {
            for number in 301...600 { try await CryptoShreddingTests.register(number, in: store) }
        }
        let report = try store.backup(to: backup)
        try await writer.value
        // The copy is the store at one moment: a prefix of the log, intact on its own.
        #expect(report.verification.isIntact)
        let copied = report.verification.head.rawValue
        #expect(copied >= 300 && copied <= 600)
        #expect(report.verification.eventsChecked == copied)
        let original = try store.read { snapshot in try snapshot.readAll(limit: Int(copied)) }
        #expect(report.verification.chainHead == original.last?.chainHash)
        #expect(report.bytes > 0)

        // Restore it, then carry over what came after with an incremental export from the backup's head.
        let done = try EventStore.restore(from: backup, to: restored, masterKey: CryptoShreddingTests.masterKey)
        #expect(done.verification.isIntact && done.verification.head.rawValue == copied)
        var configuration = EventStoreConfiguration()
        configuration.masterKey = CryptoShreddingTests.masterKey
        let copy = try EventStore(path: restored, configuration: configuration)
        defer { copy.close() }
        var lines: [String] = []
        try store.exportJSONLines(after: LogPosition(copied)) { text in lines += text.split(separator: "\n").map(String.init) }
        #expect(lines.count == 600 - Int(copied))
        try await copy.importJSONLines(lines)
        #expect(try copy.checkpoint().chainHash == store.checkpoint().chainHash)
        // JSON Lines carry no keys: the subjects created after the backup read redacted until their keys come.
        let late = try #require(try await copy.readStream(stream("person-p600")).first)
        #expect(try late.decode(PersonRegistered.self).name == PersonalDataPolicy.redactedText)
        // A subject's key is committed just before its first event, so the backup may hold the key of the one
        // person being appended at its moment (the appends come from one task, one at a time).
        let imported = try copy.importSubjectKeys(try store.exportSubjectKeys())
        #expect(imported == 600 - Int(copied) || imported == 600 - Int(copied) - 1)
        // The subject keys came along: the personal fields read in clear.
        let last = try #require(try await copy.readStream(stream("person-p600")).first)
        #expect(try last.decode(PersonRegistered.self) == CryptoShreddingTests.person(600))
        let all = try await copy.readAll()
        #expect(all.count == 600)
        for (index, event) in all.enumerated() {
            #expect(try event.decode(PersonRegistered.self) == CryptoShreddingTests.person(index + 1))
        }
    }

    @Test func aBackupToAFileDescriptorRestoresFromTheImage() async throws {
        let fixture = try CryptoShreddingTests.fixture()
        for number in 1...20 { try await CryptoShreddingTests.register(number, in: fixture.store) }
        let image = Self.scratch() + ".mdb"
        let restored = Self.scratch()
        defer {
            try? FileManager.default.removeItem(atPath: image)
            try? FileManager.default.removeItem(atPath: restored)
        }
        #expect(FileManager.default.createFile(atPath: image, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: image))
        try fixture.store.backup(toFileDescriptor: handle.fileDescriptor)
        try handle.close()
        let report = try EventStore.restore(from: image, to: restored)
        #expect(report.verification.isIntact && report.verification.eventsChecked == 20)
        #expect(report.verification.chainHead == (try fixture.store.checkpoint().chainHash))
    }

    @Test func backupAndRestoreRefuseToOverwriteAStoreOrADamagedBackup() async throws {
        let fixture = try CryptoShreddingTests.fixture()
        try await CryptoShreddingTests.register(1, in: fixture.store)
        #expect(throws: EventStoreError.self) { try fixture.store.backup(to: fixture.directory) }
        let backup = Self.scratch()
        let restored = Self.scratch()
        defer {
            try? FileManager.default.removeItem(atPath: backup)
            try? FileManager.default.removeItem(atPath: restored)
        }
        #expect(try fixture.store.backup(to: backup).verification.isIntact)
        #expect(throws: EventStoreError.self) { try EventStore.restore(from: backup, to: fixture.directory) }
        #expect(throws: EventStoreError.self) { try EventStore.restore(from: backup + "-missing", to: restored) }
        // A wrong master key is refused before anything is restored.
        #expect(throws: EventStoreError.self) {
            try EventStore.restore(from: backup, to: restored, masterKey: MasterKey.generate())
        }
        #expect(!FileManager.default.fileExists(atPath: restored + "/data.mdb"))
        // A flipped byte in the backup's record is found by the verification, and nothing is restored.
        let data = try Data(contentsOf: URL(fileURLWithPath: backup + "/data.mdb"))
        var bytes = Array(data)
        let marker = Array("PersonRegistered".utf8)
        let index = try #require(bytes.indices.first { bytes[$0...].starts(with: marker) })
        bytes[index] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: backup + "/data.mdb"))
        #expect(throws: EventStoreError.self) { try EventStore.restore(from: backup, to: restored) }
        #expect(!FileManager.default.fileExists(atPath: restored + "/data.mdb"))
    }

    @Test func importedSubjectKeysCarryErasuresAndNeedTheSameMasterKey() async throws {
        let source = try CryptoShreddingTests.fixture()
        for number in 1...2 { try await CryptoShreddingTests.register(number, in: source.store) }
        let backup = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: backup) }
        #expect(try source.store.backup(to: backup).verification.isIntact)
        try await source.store.erase(subject: "person-p1")
        var configuration = EventStoreConfiguration()
        configuration.masterKey = CryptoShreddingTests.masterKey
        let copy = try EventStore(path: backup, configuration: configuration)
        defer { copy.close() }
        #expect(try await copy.readStream(stream("person-p1")).first?.decode(PersonRegistered.self) == CryptoShreddingTests.person(1))
        // The erasure replaces the copy's live key; the other subject's key is the same and stays.
        #expect(try copy.importSubjectKeys(try source.store.exportSubjectKeys()) == 1)
        #expect(try await copy.readStream(stream("person-p1")).first?.decode(PersonRegistered.self).name == "[erased]")
        #expect(try await copy.readStream(stream("person-p2")).first?.decode(PersonRegistered.self) == CryptoShreddingTests.person(2))
        // A store under another master key refuses the entries and imports none.
        let other = try CryptoShreddingTests.fixture(masterKey: MasterKey.generate())
        #expect(throws: EventStoreError.self) { try other.store.importSubjectKeys(try source.store.exportSubjectKeys()) }
        #expect(try other.store.exportSubjectKeys().isEmpty)
    }
}
