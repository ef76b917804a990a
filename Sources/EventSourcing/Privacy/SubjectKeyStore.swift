import Crypto
import Foundation
import LMDB

/// The store's data-subject keys: the `subject-keys` database, one entry per subject, each key encrypted under
/// the ``MasterKey`` (AES-256-GCM).
///
/// | key | value |
/// | --- | --- |
/// | subject (UTF-8) | `01`, state (`01` active, `02` erased), key version (u32 LE), then for an active key its AES-GCM box (12-byte nonce ‖ 32-byte encrypted key ‖ 16-byte tag, authenticating `rapport-subject-key-v1` ‖ 0 ‖ subject ‖ version), for an erased one the erasure time (i64 LE, µs since 1970) |
/// | `00` ‖ `master-key-check` | `01`, `03`, `00 00 00 00`, then an AES-GCM box of `rapport master key check` under the master key |
///
/// Erasing a subject first overwrites its entry in place with zeros of the same length (so the page LMDB writes
/// holds no trace of the wrapped key), then stores the erased entry, in the transaction that appends the erasure
/// event.
struct SubjectKeyStore: Sendable {
    /// The database; `nil` in a read-only store that never had one (nothing was ever sealed there).
    let database: Database?
    let masterKey: MasterKey?

    static let databaseName = "subject-keys"
    static let checkKey: [UInt8] = [0] + Array("master-key-check".utf8)
    static let checkText = Array("rapport master key check".utf8)
    static let entryFormat: UInt8 = 1

    /// What the store knows of one subject.
    enum Entry: Sendable {
        /// A live key; `key` is `nil` when the store was opened without the master key.
        case active(version: UInt32, key: SymmetricKey?)
        /// The key was destroyed at `erasedAt`.
        case erased(version: UInt32, erasedAt: Timestamp)
    }

    /// Checks a subject name: 1 to 255 bytes of UTF-8 without control characters.
    static func validate(subject: String) throws(EventStoreError) {
        let bytes = subject.utf8
        guard !bytes.isEmpty, bytes.count <= 255, !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw .invalidInput(
                "a data subject must be 1 to 255 bytes without control characters (got \(subject.debugDescription))")
        }
    }

    // MARK: - Reading

    /// The entry of `subject`, or `nil` when the store has no key for it.
    func entry(_ subject: String, in txn: borrowing some Transaction & ~Copyable) throws -> Entry? {
        guard let database else { return nil }
        let stored = try txn.value(database, forKey: Array(subject.utf8))
        guard let stored else { return nil }
        return try decode(stored, subject: subject)
    }

    private func decode(_ stored: [UInt8], subject: String) throws(EventStoreError) -> Entry {
        guard stored.count >= 6, stored[0] == Self.entryFormat else {
            throw .invalidInput("the key entry of data subject \(subject.debugDescription) is damaged")
        }
        let version = UInt32(stored[2]) | UInt32(stored[3]) << 8 | UInt32(stored[4]) << 16 | UInt32(stored[5]) << 24
        let rest = Array(stored[6...])
        switch stored[1] {
        case 1:
            guard let masterKey else { return .active(version: version, key: nil) }
            do {
                let box = try AES.GCM.SealedBox(combined: rest)
                let key = try AES.GCM.open(box, using: masterKey.key, authenticating: Self.wrapContext(subject, version))
                return .active(version: version, key: SymmetricKey(data: key))
            } catch {
                throw .invalidInput(
                    "the key of data subject \(subject.debugDescription) does not open with this master key; use the master key the store was written with")
            }
        case 2:
            guard rest.count == 8 else {
                throw .invalidInput("the erased-key entry of data subject \(subject.debugDescription) is damaged")
            }
            var time: Int64 = 0
            for (shift, byte) in rest.enumerated() { time |= Int64(byte) << (8 * shift) }
            return .erased(version: version, erasedAt: Timestamp(rawValue: time))
        default:
            throw .invalidInput("the key entry of data subject \(subject.debugDescription) has an unknown state \(stored[1])")
        }
    }

    /// Checks that `masterKey` opens the store's keys (when the store has any).
    func checkMasterKey(in txn: borrowing some Transaction & ~Copyable) throws {
        guard let database, let masterKey else { return }
        guard let stored = try txn.value(database, forKey: Self.checkKey) else { return }
        guard stored.count > 6 else { throw EventStoreError.invalidInput("the store's master key check is damaged") }
        do {
            let box = try AES.GCM.SealedBox(combined: stored[6...])
            let text = try AES.GCM.open(box, using: masterKey.key, authenticating: Self.checkKey)
            guard Array(text) == Self.checkText else { throw CryptoKitError.authenticationFailure }
        } catch {
            throw EventStoreError.invalidInput(
                "the master key given does not open this store's subject keys; use the master key the store was written with")
        }
    }

    // MARK: - Writing

    /// The live key of `subject`, created (in a durable write of its own) when the subject has none.
    ///
    /// A key created for an append that then fails stays unused; it identifies nobody.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` without a master key or for an erased subject.
    func sealingKey(for subject: String, environment: Environment) throws(EventStoreError) -> (UInt32, SymmetricKey) {
        guard let masterKey else {
            throw .invalidInput(
                "events with personal data need the master key to be stored; open the store with EventStoreConfiguration.masterKey")
        }
        guard let database else { throw .invalidInput("the store was opened read-only") }
        if let found = try mapErrors({ try environment.read { txn in try entry(subject, in: txn) } }) {
            return try usable(found, subject: subject)
        }
        return try mapErrors {
            try environment.write { txn -> (UInt32, SymmetricKey) in
                if let found = try entry(subject, in: txn) { return try usable(found, subject: subject) }
                if try txn.value(database, forKey: Self.checkKey) == nil {
                    let box = try AES.GCM.seal(Self.checkText, using: masterKey.key, authenticating: Self.checkKey)
                    try txn.put(database, key: Self.checkKey, value: [Self.entryFormat, 3, 0, 0, 0, 0] + Self.combined(box))
                }
                let key = SymmetricKey(size: .bits256)
                let version: UInt32 = 1
                let wrapped = try key.withUnsafeBytes { raw in
                    try AES.GCM.seal(Array(raw), using: masterKey.key, authenticating: Self.wrapContext(subject, version))
                }
                try txn.put(database, key: Array(subject.utf8), value: Self.header(state: 1, version) + Self.combined(wrapped))
                return (version, key)
            }
        }
    }

    private func usable(_ entry: Entry, subject: String) throws(EventStoreError) -> (UInt32, SymmetricKey) {
        switch entry {
        case .active(let version, let key?): return (version, key)
        case .active: throw .invalidInput("events with personal data need the master key to be stored")
        case .erased(_, let at):
            throw .invalidInput(
                "data subject \(subject.debugDescription) was erased at \(at); no personal data can be stored for it any more")
        }
    }

    /// Destroys the key of `subject` inside `txn` (the transaction that appends the erasure event).
    func destroyKey(of subject: String, at time: Timestamp, in txn: borrowing WriteTransaction) throws {
        guard let database else { throw EventStoreError.invalidInput("the store was opened read-only") }
        let key = Array(subject.utf8)
        var version: UInt32 = 0
        if let stored = try txn.value(database, forKey: key) {
            if stored.count >= 6 {
                version = UInt32(stored[2]) | UInt32(stored[3]) << 8 | UInt32(stored[4]) << 16 | UInt32(stored[5]) << 24
            }
            // Same length: LMDB overwrites the value in place, so the page it writes keeps no trace of the key.
            try txn.put(database, key: key, value: [UInt8](repeating: 0, count: stored.count))
        }
        var erased = Self.header(state: 2, version)
        for shift in 0..<8 { erased.append(UInt8(truncatingIfNeeded: time.rawValue >> (8 * shift))) }
        try txn.put(database, key: key, value: erased)
    }

    /// Re-encrypts every live subject key under `newKey`, inside `txn`.
    func rewrap(to newKey: MasterKey, in txn: borrowing WriteTransaction) throws -> Int {
        guard let database, masterKey != nil else {
            throw EventStoreError.invalidInput("rotating the master key needs the current one")
        }
        var subjects: [String] = []
        try txn.withCursor(database) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                let key = Array(current.key)
                if key.first != 0, current.value.count > 1, current.value[1] == 1 {
                    subjects.append(String(decoding: key, as: UTF8.self))
                }
                entry = try cursor.next()
            }
        }
        for subject in subjects {
            guard case .active(let version, let key?) = try entry(subject, in: txn) else { continue }
            let wrapped = try key.withUnsafeBytes { raw in
                try AES.GCM.seal(Array(raw), using: newKey.key, authenticating: Self.wrapContext(subject, version))
            }
            try txn.put(database, key: Array(subject.utf8), value: Self.header(state: 1, version) + Self.combined(wrapped))
        }
        let box = try AES.GCM.seal(Self.checkText, using: newKey.key, authenticating: Self.checkKey)
        try txn.put(database, key: Self.checkKey, value: [Self.entryFormat, 3, 0, 0, 0, 0] + Self.combined(box))
        return subjects.count
    }

    /// Every subject entry as stored (live keys stay encrypted under the master key).
    func storedEntries(in txn: borrowing some Transaction & ~Copyable) throws -> [(String, [UInt8])] {
        guard let database else { return [] }
        var entries: [(String, [UInt8])] = []
        try txn.withCursor(database) { cursor in
            var entry = try cursor.first()
            while let current = entry {
                let key = Array(current.key)
                if key.first != 0 { entries.append((String(decoding: key, as: UTF8.self), Array(current.value))) }
                entry = try cursor.next()
            }
        }
        return entries
    }

    /// Adds entries taken from another store with the same master key: a missing subject is added, an erasure
    /// replaces a live key, and nothing replaces an erasure. Each entry is checked first (a live key must open
    /// under this store's master key).
    func importEntries(_ entries: [(String, [UInt8])], in txn: borrowing WriteTransaction) throws -> Int {
        guard let database, let masterKey else {
            throw EventStoreError.invalidInput("importing subject keys needs the master key and a writable store")
        }
        var added = 0
        for (subject, stored) in entries {
            try Self.validate(subject: subject)
            let incoming = try decode(stored, subject: subject)
            let existing = try entry(subject, in: txn)
            switch (existing, incoming) {
            case (nil, _), (.active?, .erased):
                if case .active? = existing, let old = try txn.value(database, forKey: Array(subject.utf8)) {
                    try txn.put(database, key: Array(subject.utf8), value: [UInt8](repeating: 0, count: old.count))
                }
                try txn.put(database, key: Array(subject.utf8), value: stored)
                added += 1
            default: continue
            }
        }
        if added > 0, try txn.value(database, forKey: Self.checkKey) == nil {
            let box = try AES.GCM.seal(Self.checkText, using: masterKey.key, authenticating: Self.checkKey)
            try txn.put(database, key: Self.checkKey, value: [Self.entryFormat, 3, 0, 0, 0, 0] + Self.combined(box))
        }
        return added
    }

    // MARK: - Formats

    static func header(state: UInt8, _ version: UInt32) -> [UInt8] {
        [entryFormat, state, UInt8(truncatingIfNeeded: version), UInt8(truncatingIfNeeded: version >> 8),
         UInt8(truncatingIfNeeded: version >> 16), UInt8(truncatingIfNeeded: version >> 24)]
    }

    static func wrapContext(_ subject: String, _ version: UInt32) -> [UInt8] {
        Array("rapport-subject-key-v1".utf8) + [0] + Array(subject.utf8) + header(state: 0, version).suffix(4)
    }

    static func combined(_ box: AES.GCM.SealedBox) throws -> [UInt8] {
        guard let combined = box.combined else { throw EventStoreError.invalidInput("AES-GCM gave no combined box") }
        return Array(combined)
    }
}
