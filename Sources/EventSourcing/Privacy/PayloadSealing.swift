import Crypto
import Foundation

/// Sealing and opening the personal fields of a payload, on its ``PayloadValue``.
///
/// A sealed text is AES-256-GCM over the text's UTF-8 bytes, authenticating `rapport-sealed-v1` ‖ 0 ‖ subject ‖
/// key version (u32 LE), with the key derived from the subject's key by HKDF-SHA256 (info
/// `rapport-seal-encrypt-v1`). Its 12-byte nonce is the start of HMAC-SHA256 under a second derived key (info
/// `rapport-seal-nonce-v1`) over the event id ‖ the field's path ‖ 0 ‖ the text: sealing the same event again
/// gives the same bytes (so an idempotent retry matches what was stored), and no two different texts share a
/// nonce. The stored ciphertext is nonce ‖ ciphertext ‖ 16-byte tag.
enum PayloadSealing {
    struct Keys {
        let encryption: SymmetricKey
        let nonce: SymmetricKey

        init(_ subjectKey: SymmetricKey) {
            encryption = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: subjectKey, info: Array("rapport-seal-encrypt-v1".utf8), outputByteCount: 32)
            nonce = HKDF<SHA256>.deriveKey(
                inputKeyMaterial: subjectKey, info: Array("rapport-seal-nonce-v1".utf8), outputByteCount: 32)
        }
    }

    static func context(_ subject: String, _ version: UInt32) -> [UInt8] {
        Array("rapport-sealed-v1".utf8) + [0] + Array(subject.utf8)
            + [UInt8(truncatingIfNeeded: version), UInt8(truncatingIfNeeded: version >> 8),
               UInt8(truncatingIfNeeded: version >> 16), UInt8(truncatingIfNeeded: version >> 24)]
    }

    /// The subject named by `rule` for an event of `stream` whose payload is `value`.
    static func subject(of rule: PersonalDataSchema.Rule, stream: StreamName, value: PayloadValue, type: String)
        throws(EventStoreError) -> String
    {
        switch rule.subject {
        case .stream: return stream.rawValue
        case .field(let name):
            guard let subject = value[name]?.stringValue else {
                throw .invalidInput("an event of type \(type) names its data subject in the field '\(name)', which is missing or not text")
            }
            try SubjectKeyStore.validate(subject: subject)
            return subject
        }
    }

    /// Seals every text under `rule`'s paths.
    static func seal(
        _ value: PayloadValue, rule: PersonalDataSchema.Rule, subject: String, version: UInt32, key: SymmetricKey,
        eventID: EventID
    ) throws(EventStoreError) -> PayloadValue {
        let keys = Keys(key)
        let context = Self.context(subject, version)
        var sealer = Sealer(keys: keys, context: context, eventID: eventID.bytes, subject: subject, version: version)
        var result = value
        for path in rule.fields {
            let parts = path.split(separator: ".").map(String.init)
            guard !parts.isEmpty else { continue }
            result = try sealer.seal(result, path: parts[...], at: "")
        }
        return result
    }

    struct Sealer {
        let keys: Keys
        let context: [UInt8]
        let eventID: [UInt8]
        let subject: String
        let version: UInt32

        /// Follows `path` into `value` and seals what it reaches.
        mutating func seal(_ value: PayloadValue, path: ArraySlice<String>, at location: String) throws(EventStoreError)
            -> PayloadValue
        {
            switch value {
            case .array(let elements):
                var sealed: [PayloadValue] = []
                sealed.reserveCapacity(elements.count)
                for (index, element) in elements.enumerated() {
                    sealed.append(try seal(element, path: path, at: "\(location)[\(index)]"))
                }
                return .array(sealed)
            case .object(let fields):
                guard let name = path.first else { return try sealAll(value, at: location) }
                var result = fields
                for (index, field) in fields.enumerated() where field.key == name {
                    result[index].value = try seal(field.value, path: path.dropFirst(), at: location + "." + name)
                }
                return .object(result)
            default:
                return path.isEmpty ? try sealAll(value, at: location) : value
            }
        }

        /// Seals every text inside `value`.
        mutating func sealAll(_ value: PayloadValue, at location: String) throws(EventStoreError) -> PayloadValue {
            switch value {
            case .string(let text): return .sealed(try sealText(text, at: location))
            case .array(let elements):
                var sealed: [PayloadValue] = []
                for (index, element) in elements.enumerated() { sealed.append(try sealAll(element, at: "\(location)[\(index)]")) }
                return .array(sealed)
            case .object(let fields):
                var sealed = fields
                for index in fields.indices {
                    sealed[index].value = try sealAll(fields[index].value, at: location + "." + fields[index].key)
                }
                return .object(sealed)
            default: return value
            }
        }

        func sealText(_ text: String, at location: String) throws(EventStoreError) -> SealedValue {
            let plaintext = Array(text.utf8)
            var authenticator = HMAC<SHA256>(key: keys.nonce)
            authenticator.update(data: eventID)
            authenticator.update(data: Array(location.utf8) + [0])
            authenticator.update(data: plaintext)
            let nonceBytes = Array(authenticator.finalize()).prefix(12)
            do {
                let nonce = try AES.GCM.Nonce(data: nonceBytes)
                let box = try AES.GCM.seal(plaintext, using: keys.encryption, nonce: nonce, authenticating: context)
                return SealedValue(subject: subject, keyVersion: version, ciphertext: try SubjectKeyStore.combined(box))
            } catch let error as EventStoreError {
                throw error
            } catch {
                throw .invalidInput("sealing a personal field failed: \(error)")
            }
        }
    }

    /// Whether `value` holds a sealed value anywhere.
    static func containsSealed(_ value: PayloadValue) -> Bool {
        switch value {
        case .sealed: return true
        case .array(let elements): return elements.contains(where: containsSealed)
        case .object(let fields): return fields.contains { containsSealed($0.value) }
        default: return false
        }
    }

    /// Replaces every sealed value by what `open` makes of it.
    static func open(_ value: PayloadValue, _ open: (SealedValue) throws(EventStoreError) -> PayloadValue)
        throws(EventStoreError) -> PayloadValue
    {
        switch value {
        case .sealed(let sealed): return try open(sealed)
        case .array(let elements):
            var opened: [PayloadValue] = []
            opened.reserveCapacity(elements.count)
            for element in elements { opened.append(try Self.open(element, open)) }
            return .array(opened)
        case .object(let fields):
            var opened = fields
            for index in fields.indices { opened[index].value = try Self.open(fields[index].value, open) }
            return .object(opened)
        default: return value
        }
    }

    /// The text of one sealed value under the subject's key.
    static func openText(_ sealed: SealedValue, key: SymmetricKey) throws -> String {
        let keys = Keys(key)
        let box = try AES.GCM.SealedBox(combined: sealed.ciphertext)
        let plaintext = try AES.GCM.open(box, using: keys.encryption, authenticating: context(sealed.subject, sealed.keyVersion))
        guard let text = String(validating: plaintext, as: UTF8.self) else { throw CryptoKitError.authenticationFailure }
        return text
    }
}
