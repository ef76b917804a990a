import Foundation
import LMDB

/// What a backup or a restore produced: where, how big, and the verification of the copy.
public struct BackupReport: Sendable, Hashable {
    /// The directory of the copy.
    public var path: String
    /// The size of the copy's data file, in bytes.
    public var bytes: Int
    /// The verification of the copy on its own (its hash chain and indexes).
    public var verification: VerificationReport

    /// Creates a report.
    public init(path: String, bytes: Int, verification: VerificationReport) {
        self.path = path
        self.bytes = bytes
        self.verification = verification
    }
}

extension EventStore {
    /// Writes a hot, consistent, compacting backup of the whole store (log, indexes, projections, subject keys)
    /// to the directory `path`, while appends go on, and verifies the copy on its own.
    ///
    /// The copy is the store as of one moment (LMDB's `mdb_env_copy2` with `MDB_CP_COMPACT` reads it in one read
    /// transaction): it holds only live pages, so neither freed pages nor the traces of erased subjects' keys
    /// and projection values. Map growth of this store waits while the copy runs. Appends after the moment can be
    /// carried over with ``exportJSONLines(after:codecs:_:)`` from the backup's head.
    /// - Parameter path: a directory that is missing or holds no store.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when `path` already holds a store, ``EventStoreError/storage(_:)``.
    public func backup(to path: String) throws(EventStoreError) -> BackupReport {
        try Self.requireNoStore(at: path)
        do { try environment.copy(to: path, compacting: true) } catch { throw .storage(error) }
        return try Self.verifyCopy(at: path, masterKey: configuration.masterKey)
    }

    /// Writes a hot, consistent, compacting backup of the store's data file to an open file descriptor (a file,
    /// a pipe to another host); the bytes written are a `data.mdb` image that ``restore(from:to:masterKey:)``
    /// takes as a file.
    /// - Throws: ``EventStoreError/storage(_:)``.
    public func backup(toFileDescriptor descriptor: Int32) throws(EventStoreError) {
        do { try environment.copy(toFileDescriptor: descriptor, compacting: true) } catch { throw .storage(error) }
    }

    /// Restores a backup (a directory written by ``backup(to:)``, or a `data.mdb` image written by
    /// ``backup(toFileDescriptor:)``) into the directory `path`, after verifying it on its own; the restored store
    /// is verified again.
    /// - Parameter masterKey: checked against the backup's subject keys when given.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when `path` already holds a store, the backup is missing or
    ///   does not verify (nothing is restored then).
    @discardableResult
    public static func restore(from backup: String, to path: String, masterKey: MasterKey? = nil)
        throws(EventStoreError) -> BackupReport
    {
        try requireNoStore(at: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: backup, isDirectory: &isDirectory) else {
            throw .invalidInput("there is no backup at \(backup)")
        }
        let image = isDirectory.boolValue ? backup + "/data.mdb" : backup
        guard FileManager.default.fileExists(atPath: image) else { throw .invalidInput("\(backup) holds no data.mdb") }
        // Verify the backup before anything is written: in a scratch directory of its own when it is an image.
        let scratch = path + ".restoring"
        try? FileManager.default.removeItem(atPath: scratch)
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: image, toPath: scratch + "/data.mdb")
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw .invalidInput("cannot copy \(image) to \(scratch): \(error.localizedDescription)")
        }
        let checked: BackupReport
        do {
            checked = try verifyCopy(at: scratch, masterKey: masterKey)
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw error
        }
        guard checked.verification.isIntact else {
            try? FileManager.default.removeItem(atPath: scratch)
            throw .invalidInput("the backup at \(backup) does not verify: \(checked.verification.problem.map { "\($0)" } ?? "")")
        }
        do {
            try? FileManager.default.removeItem(atPath: scratch + "/lock.mdb")
            if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.moveItem(atPath: scratch + "/data.mdb", toPath: path + "/data.mdb")
                try? FileManager.default.removeItem(atPath: scratch)
            } else {
                try FileManager.default.moveItem(atPath: scratch, toPath: path)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: scratch)
            throw .invalidInput("cannot move the restored store to \(path): \(error.localizedDescription)")
        }
        return try verifyCopy(at: path, masterKey: masterKey)
    }

    private static func requireNoStore(at path: String) throws(EventStoreError) {
        if FileManager.default.fileExists(atPath: path + "/data.mdb") {
            throw .invalidInput("\(path) already holds a store; back up or restore into a new directory")
        }
    }

    /// Opens the copy at `path` read-only and verifies it.
    private static func verifyCopy(at path: String, masterKey: MasterKey?) throws(EventStoreError) -> BackupReport {
        var configuration = EventStoreConfiguration()
        configuration.readOnly = true
        configuration.masterKey = masterKey
        let copy = try EventStore(path: path, configuration: configuration)
        defer { copy.close() }
        let report = try mapErrors { try copy.verify() }
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "/data.mdb")[.size] as? Int) ?? 0
        return BackupReport(path: path, bytes: size, verification: report)
    }
}
