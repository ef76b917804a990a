import Crypto
import Foundation
import LMDB

/// The event an erasure appends to the stream ``EventStore/erasureStream``: the data subject whose key was
/// destroyed in the same commit.
public struct SubjectErased: Event, Hashable {
    /// `SubjectErased`.
    public static let eventType = "SubjectErased"
    /// The erased data subject.
    public var subject: String
    /// The version of the key that was destroyed (0 when the subject never had one).
    public var keyVersion: UInt32

    /// Creates the event.
    public init(subject: String, keyVersion: UInt32) {
        self.subject = subject
        self.keyVersion = keyVersion
    }
}

/// One data subject's entry in the key store, as stored: its key encrypted under the master key, or the record
/// of its erasure (see `Documentation/Security.md`).
public struct SubjectKeyEntry: Sendable, Hashable, Codable {
    /// The data subject.
    public var subject: String
    /// The stored entry.
    public var stored: [UInt8]

    /// Creates an entry.
    public init(subject: String, stored: [UInt8]) {
        self.subject = subject
        self.stored = stored
    }
}

/// What a store knows of one data subject's key.
public enum DataSubjectStatus: Sendable, Hashable {
    /// Nothing was ever sealed for the subject.
    case unknown
    /// The subject has a live key of this version.
    case active(keyVersion: UInt32)
    /// The subject's key was destroyed at this time.
    case erased(at: Timestamp)
}

extension EventStore {
    /// The stream that erasure events go to: `erasures`.
    public static let erasureStream = StreamName(unchecked: "erasures")

    /// Erases a data subject: destroys its key, drops the stored aggregate snapshots and appends a
    /// ``SubjectErased`` event to ``erasureStream`` (and `writes`, for example the domain's own erasure event) in
    /// one atomic commit; then rebuilds every projection of the store, so that none keeps the subject's data.
    ///
    /// From then on every read, projection, subscription, export and replay shows the subject's personal fields as
    /// ``PersonalDataPolicy/erasedText``; the hash chain, which covers the ciphertext, still verifies. The freed
    /// pages of the data file may still hold the destroyed key and old projection values until LMDB reuses them;
    /// a compacting copy (``backup(to:)``) holds neither.
    /// - Returns: where the erasure events were recorded.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for an invalid or already erased subject, the errors of
    ///   ``append(_:)`` (nothing is destroyed when the append fails), and those of
    ///   ``rebuildProjection(_:progress:)`` (the erasure is committed by then; rebuild the failed projection once
    ///   fixed).
    @discardableResult
    public func erase(subject: String, alsoAppending writes: [StreamWrite] = [], actor: String? = nil)
        async throws(EventStoreError) -> AppendResult
    {
        try await erase(subjects: [subject], alsoAppending: writes, actor: actor)
    }

    /// Erases several data subjects in one atomic commit (as ``erase(subject:alsoAppending:actor:)`` does one):
    /// destroys every key, appends one ``SubjectErased`` per subject, in the order given, to ``erasureStream``
    /// with `writes`, then rebuilds every projection once. Either all are erased or, when the append fails,
    /// none.
    /// - Returns: where the erasure events were recorded.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for no subject, an invalid, repeated or already erased one,
    ///   the errors of ``append(_:)`` and ``rebuildProjection(_:progress:)``.
    @discardableResult
    public func erase(subjects: [String], alsoAppending writes: [StreamWrite] = [], actor: String? = nil)
        async throws(EventStoreError) -> AppendResult
    {
        guard !subjects.isEmpty else { throw .invalidInput("name at least one data subject to erase") }
        guard Set(subjects).count == subjects.count else { throw .invalidInput("a data subject is named twice") }
        var events: [NewEvent] = []
        for subject in subjects {
            try SubjectKeyStore.validate(subject: subject)
            let version: UInt32
            switch try dataSubjectStatus(subject) {
            case .erased(let at): throw .invalidInput("data subject \(subject.debugDescription) was erased already, at \(at)")
            case .active(let keyVersion): version = keyVersion
            case .unknown: version = 0
            }
            events.append(try NewEvent(SubjectErased(subject: subject, keyVersion: version), actor: actor))
        }
        let keys = index.layout.keys
        let snapshots = index.layout.snapshots
        let time = configuration.clock()
        let result = try await submit(
            [StreamWrite(stream: Self.erasureStream, events: events)] + writes,
            sideEffect: { txn in
                for subject in subjects { try keys.destroyKey(of: subject, at: time, in: txn) }
                // Aggregate snapshots are caches of opened states: drop them all, they are rebuilt from the log.
                if let snapshots { try txn.clear(snapshots) }
            })
        for entry in projections.entries {
            try await rebuildProjection(entry.engine.name)
        }
        return result
    }

    /// Gives data subject `subject` a new key: personal data appended from now on is sealed under the next key
    /// version, and the current key is kept, retired, so that everything sealed before still opens. Erasing the
    /// subject destroys every version. The master key is needed; projections and the log are untouched.
    /// - Returns: the new key version.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` for an invalid subject, one without a key (nothing sealed for
    ///   it yet), an erased one, or without the master key.
    @discardableResult
    public func rotateKey(ofSubject subject: String) throws(EventStoreError) -> UInt32 {
        try SubjectKeyStore.validate(subject: subject)
        guard !configuration.readOnly else { throw .invalidInput("the store was opened read-only") }
        let keys = index.layout.keys
        return try mapErrors { try environment.write { txn in try keys.rotate(subject, in: txn) } }
    }

    /// What the store knows of `subject`'s key.
    /// - Throws: ``EventStoreError``.
    public func dataSubjectStatus(_ subject: String) throws(EventStoreError) -> DataSubjectStatus {
        let keys = index.layout.keys
        let entry = try mapErrors { try environment.read { txn in try keys.entry(subject, in: txn) } }
        switch entry {
        case nil: return .unknown
        case .active(let version, _)?: return .active(keyVersion: version)
        case .erased(_, let at)?: return .erased(at: at)
        }
    }

    /// The store's data-subject key entries as stored (live keys encrypted under the master key, erased ones
    /// as tombstones), to carry to a store that imports this one's events (JSON Lines carry no keys).
    /// - Throws: ``EventStoreError``.
    public func exportSubjectKeys() throws(EventStoreError) -> [SubjectKeyEntry] {
        let keys = index.layout.keys
        return try mapErrors {
            try environment.read { txn in try keys.storedEntries(in: txn).map { SubjectKeyEntry(subject: $0.0, stored: $0.1) } }
        }
    }

    /// Adds subject key entries exported by ``exportSubjectKeys()`` from a store with the same master key: missing
    /// subjects are added, erasures replace live keys, nothing replaces an erasure; all in one transaction.
    /// - Returns: how many entries were added or replaced.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` without the master key, or for an entry that is damaged or
    ///   does not open under it (nothing is imported then).
    @discardableResult
    public func importSubjectKeys(_ entries: [SubjectKeyEntry]) throws(EventStoreError) -> Int {
        guard !configuration.readOnly else { throw .invalidInput("the store was opened read-only") }
        let keys = index.layout.keys
        let pairs = entries.map { ($0.subject, $0.stored) }
        return try mapErrors { try environment.write { txn in try keys.importEntries(pairs, in: txn) } }
    }

    /// Re-encrypts every data-subject key of the store at `path` under `newKey`, in one transaction; the store must
    /// not be open in this process. Reopen it with `newKey` afterwards.
    /// - Returns: how many keys were re-encrypted.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when `currentKey` does not open the keys.
    @discardableResult
    public static func rotateMasterKey(at path: String, from currentKey: MasterKey, to newKey: MasterKey)
        throws(EventStoreError) -> Int
    {
        var configuration = EventStoreConfiguration()
        configuration.masterKey = currentKey
        let store = try EventStore(path: path, configuration: configuration)
        defer { store.close() }
        return try store.rewrapKeys(to: newKey)
    }

    private func rewrapKeys(to newKey: MasterKey) throws(EventStoreError) -> Int {
        let keys = index.layout.keys
        return try mapErrors { try environment.write { txn in try keys.rewrap(to: newKey, in: txn) } }
    }

    /// Seals the personal fields of the events whose types ``EventStoreConfiguration/personalData`` names.
    func sealPersonalData(_ writes: [StreamWrite]) throws(EventStoreError) -> [StreamWrite] {
        let schema = configuration.personalData
        guard !schema.isEmpty else { return writes }
        var sealed = writes
        var keysBySubject: [String: (UInt32, SymmetricKey)] = [:]
        for (writeIndex, write) in writes.enumerated() {
            for (eventIndex, event) in write.events.enumerated() {
                guard let rule = schema.rule(for: event.type) else { continue }
                guard let codec = PayloadCodecRegistry.standard.codec(for: event.payloadCodec) else {
                    throw .unknownCodec(event.payloadCodec.rawValue)
                }
                let value: PayloadValue
                do { value = try codec.decodeValue(from: event.payload) } catch { throw .codec(error) }
                let subject = try PayloadSealing.subject(of: rule, stream: write.stream, value: value, type: event.type)
                let key: (UInt32, SymmetricKey)
                if let known = keysBySubject[subject] {
                    key = known
                } else {
                    key = try index.layout.keys.sealingKey(for: subject, environment: environment)
                    keysBySubject[subject] = key
                }
                let result = try PayloadSealing.seal(
                    value, rule: rule, subject: subject, version: key.0, key: key.1, eventID: event.id)
                do { sealed[writeIndex].events[eventIndex].payload = try codec.encode(value: result) } catch {
                    throw .codec(error)
                }
            }
        }
        return sealed
    }
}
