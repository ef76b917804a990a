#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Crypto
import LMDB

/// Opens the sealed values of payloads read inside one transaction: each becomes its text (the subject's key
/// is live and the master key known), ``PersonalDataPolicy/erasedText`` (the subject was erased) or
/// ``PersonalDataPolicy/redactedText`` (no master key, or no key for the subject in this store).
struct PayloadOpener {
    let keys: SubjectKeyStore
    let txn: OpaquePointer

    /// Whether the payload may hold a sealed value (a cheap test that never misses one: for the binary codec a
    /// walk over the encoding that builds nothing, for JSON a search for `"$sealed"`).
    static func mightBeSealed(_ payload: UnsafeRawBufferPointer, codec: PayloadCodecID) -> Bool {
        guard let base = payload.baseAddress, !payload.isEmpty else { return false }
        switch codec {
        case .binary:
            return memchr(base, Int32(BinaryPayloadFormat.Tag.sealed), payload.count) != nil
                && BinaryPayloadFormat.containsSealed(payload)
        case .json: return contains(payload, marker)
        default: return true
        }
    }

    private static let marker = Array(#""$sealed""#.utf8)

    /// Whether `needle` (not empty) occurs in `bytes`: `memchr` for its first byte, then a comparison.
    private static func contains(_ bytes: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = bytes.baseAddress, bytes.count >= needle.count else { return false }
        var offset = 0
        let last = bytes.count - needle.count
        while offset <= last {
            guard let found = memchr(base + offset, Int32(needle[0]), last - offset + 1) else { return false }
            let start = base.distance(to: UnsafeRawPointer(found))
            let equal = needle.withUnsafeBytes { raw in
                raw.elementsEqual(UnsafeRawBufferPointer(start: base + start, count: needle.count))
            }
            if equal { return true }
            offset = start + 1
        }
        return false
    }

    /// The payload with its sealed values opened, in the same codec; `nil` when it holds none.
    func open(_ payload: UnsafeRawBufferPointer, codec id: PayloadCodecID, position: LogPosition, codecs: PayloadCodecRegistry)
        throws(EventStoreError) -> [UInt8]?
    {
        guard Self.mightBeSealed(payload, codec: id), let codec = codecs.codec(for: id) else { return nil }
        // A payload that does not decode holds nothing to open; it is left to the reader, as stored.
        guard let value = try? codec.decodeValue(from: payload), PayloadSealing.containsSealed(value) else { return nil }
        let opened = try openValue(value, position: position)
        do { return try codec.encode(value: opened) } catch { throw .codec(error) }
    }

    /// `value` with its sealed values opened.
    func openValue(_ value: PayloadValue, position: LogPosition) throws(EventStoreError) -> PayloadValue {
        var entries: [String: SubjectKeyStore.Entry?] = [:]
        var retired: [String: SymmetricKey?] = [:]
        let transaction = SnapshotTransaction(pointer: txn)
        return try PayloadSealing.open(value) { (sealed) throws(EventStoreError) -> PayloadValue in
            let entry: SubjectKeyStore.Entry?
            if let known = entries[sealed.subject] {
                entry = known
            } else {
                entry = try mapErrors { try keys.entry(sealed.subject, in: transaction) }
                entries[sealed.subject] = entry
            }
            let key: SymmetricKey?
            switch entry {
            case .erased?: return .string(PersonalDataPolicy.erasedText)
            case .active(let version, let live?)? where version == sealed.keyVersion: key = live
            case .active(let version, _?)? where sealed.keyVersion < version:
                // Sealed before a rotation of the subject's key: under a retired version.
                let name = "\(sealed.keyVersion) \(sealed.subject)"
                if let known = retired[name] {
                    key = known
                } else {
                    key = try mapErrors { try keys.retiredKey(of: sealed.subject, version: sealed.keyVersion, in: transaction) }
                    retired[name] = key
                }
            default: key = nil
            }
            guard let key else { return .string(PersonalDataPolicy.redactedText) }
            do { return .string(try PayloadSealing.openText(sealed, key: key)) } catch {
                throw .corruptRecord(
                    position: position,
                    reason: "a sealed value of data subject \(sealed.subject.debugDescription) does not open: it was altered")
            }
        }
    }
}
