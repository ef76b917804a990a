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
/// | `01` ‖ subject ‖ `00` ‖ version (u32 BE) | a retired key of the subject (``rotate(_:in:)``): `01`, `04`, key version (u32 LE), then its AES-GCM box as above |
///
/// A subject's live key is its current version; each rotation retires it under the second form, so events sealed
/// under an older version still open. Erasure destroys the live key and every retired one.
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
    /// The state byte of a retired key.
    static let retiredState: UInt8 = 4

    /// The database key of `subject`'s retired key `version`.
    static func retiredKey(_ subject: String, _ version: UInt32) -> [UInt8] {
        [1] + Array(subject.utf8) + [0, UInt8(truncatingIfNeeded: version >> 24), UInt8(truncatingIfNeeded: version >> 16),
            UInt8(truncatingIfNeeded: version >> 8), UInt8(truncatingIfNeeded: version)]
    }

    /// The subject a stored database key names: itself for a live entry, the part between `01` and `00` for a
    /// retired one; `nil` for the master key check.
    static func subject(ofDatabaseKey key: [UInt8]) -> String? {
        switch key.first {
        case 0?, nil: return nil
        case 1?: return String(decoding: key.dropFirst().prefix { $0 != 0 }, as: UTF8.self)
        default: return String(decoding: key, as: UTF8.self)
        }
    }

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
        case 1, Self.retiredState:
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

    /// The retired key `version` of `subject`, `nil` when the store has none or no master key.
    func retiredKey(of subject: String, version: UInt32, in txn: borrowing some Transaction & ~Copyable) throws
        -> SymmetricKey?
    {
        guard let database, masterKey != nil,
            let stored = try txn.value(database, forKey: Self.retiredKey(subject, version)),
            stored.count > 1, stored[1] == Self.retiredState
        else { return nil }
        guard case .active(let found, let key) = try decode(stored, subject: subject), found == version else {
            throw EventStoreError.invalidInput("the retired key \(version) of data subject \(subject.debugDescription) is damaged")
        }
        return key
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

    /// Gives `subject` a new live key, one version up, inside `txn`; the current one is kept as a retired key, so
    /// that what was sealed under it still opens.
    /// - Returns: the new key version.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` without the master key, for a subject without a key or erased.
    func rotate(_ subject: String, in txn: borrowing WriteTransaction) throws -> UInt32 {
        guard let database, let masterKey else {
            throw EventStoreError.invalidInput("rotating a subject key needs the master key and a writable store")
        }
        guard let stored = try txn.value(database, forKey: Array(subject.utf8)) else {
            throw EventStoreError.invalidInput("data subject \(subject.debugDescription) has no key to rotate")
        }
        let (version, _) = try usable(try decode(stored, subject: subject), subject: subject)
        guard version < UInt32.max else {
            throw EventStoreError.invalidInput("data subject \(subject.debugDescription) has no key version left")
        }
        var retired = stored
        retired[1] = Self.retiredState
        try txn.put(database, key: Self.retiredKey(subject, version), value: retired)
        let key = SymmetricKey(size: .bits256)
        let next = version + 1
        let wrapped = try key.withUnsafeBytes { raw in
            try AES.GCM.seal(Array(raw), using: masterKey.key, authenticating: Self.wrapContext(subject, next))
        }
        try txn.put(database, key: Array(subject.utf8), value: Self.header(state: 1, next) + Self.combined(wrapped))
        return next
    }

    /// Destroys the retired keys of `subject` below `version`: each overwritten in place with zeros, then deleted.
    private func destroyRetired(of subject: String, below version: UInt32, in txn: borrowing WriteTransaction) throws {
        guard let database, version > 1 else { return }
        for old in 1..<version {
            let key = Self.retiredKey(subject, old)
            guard let stored = try txn.value(database, forKey: key) else { continue }
            try txn.put(database, key: key, value: [UInt8](repeating: 0, count: stored.count))
            _ = try txn.delete(database, key: key)
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
        try destroyRetired(of: subject, below: version, in: txn)
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
                if key.first != 0, key.first != 1, current.value.count > 1, current.value[1] == 1 {
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
            for old in 1..<max(1, version) {
                guard let retired = try retiredKey(of: subject, version: old, in: txn) else { continue }
                let box = try retired.withUnsafeBytes { raw in
                    try AES.GCM.seal(Array(raw), using: newKey.key, authenticating: Self.wrapContext(subject, old))
                }
                try txn.put(
                    database, key: Self.retiredKey(subject, old),
                    value: Self.header(state: Self.retiredState, old) + Self.combined(box))
            }
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
                if let subject = Self.subject(ofDatabaseKey: Array(current.key)) { entries.append((subject, Array(current.value))) }
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
            if stored[1] == Self.retiredState {
                // A retired key joins a subject that is not erased here, unless it is there already.
                guard case .active(let version, _) = incoming else { continue }
                if case .erased? = existing { continue }
                let key = Self.retiredKey(subject, version)
                guard try txn.value(database, forKey: key) == nil else { continue }
                try txn.put(database, key: key, value: stored)
                added += 1
                continue
            }
            switch (existing, incoming) {
            case (nil, _), (.active?, .erased):
                if case .active? = existing, let old = try txn.value(database, forKey: Array(subject.utf8)) {
                    try txn.put(database, key: Array(subject.utf8), value: [UInt8](repeating: 0, count: old.count))
                }
                if case .erased(let version, _) = incoming {
                    // Retired keys go with the erasure, whichever store they came from (they sort first).
                    var top = version
                    if case .active(let here, _)? = existing { top = max(top, here) }
                    try destroyRetired(of: subject, below: top, in: txn)
                }
                try txn.put(database, key: Array(subject.utf8), value: stored)
                added += 1
            case (.active(let here, _)?, .active(let there, _)) where there > here:
                // The other store rotated the key since: take its live key, keep ours as retired.
                if let old = try txn.value(database, forKey: Array(subject.utf8)) {
                    var retired = old
                    retired[1] = Self.retiredState
                    try txn.put(database, key: Self.retiredKey(subject, here), value: retired)
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
