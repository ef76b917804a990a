import Foundation
import Crypto

/// The key that protects a store's subject keys, supplied by the embedding service (from a secrets manager, a
/// key file, an HSM-backed service); Rapport never writes it to the store.
///
/// Every data subject's key is kept in the store encrypted under this key (AES-256-GCM). Without it a store
/// still opens, verifies and replays, with every personal field shown as ``PersonalDataPolicy/redactedText``.
public struct MasterKey: Sendable {
    let key: SymmetricKey

    /// The number of bytes of a master key: 32 (AES-256).
    public static let byteCount = 32

    /// A master key from its 32 bytes.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when `bytes` is not 32 bytes long.
    public init(bytes: [UInt8]) throws(EventStoreError) {
        guard bytes.count == Self.byteCount else {
            throw .invalidInput("a master key is \(Self.byteCount) bytes; got \(bytes.count)")
        }
        key = SymmetricKey(data: bytes)
    }

    /// A new random master key (for tests, or to create a key file once).
    public static func generate() -> MasterKey {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        // 32 bytes were generated, so this cannot fail; fall back to CryptoKit's own generator regardless.
        return (try? MasterKey(bytes: bytes)) ?? MasterKey(key: SymmetricKey(size: .bits256))
    }

    private init(key: SymmetricKey) { self.key = key }

    /// Reads a master key from a key file: 32 raw bytes, or 64 hexadecimal digits (whitespace around them is
    /// ignored).
    /// - Throws: ``EventStoreError/invalidInput(_:)`` when the file cannot be read or holds something else.
    public init(contentsOfFile path: String) throws(EventStoreError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidInput("cannot read the master key file \(path)")
        }
        let bytes = Array(data)
        if bytes.count == Self.byteCount {
            try self.init(bytes: bytes)
            return
        }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.utf8.count == Self.byteCount * 2, let decoded = Self.hex(text) else {
            throw .invalidInput(
                "the master key file \(path) must hold \(Self.byteCount) raw bytes or \(Self.byteCount * 2) hexadecimal digits")
        }
        try self.init(bytes: decoded)
    }

    /// The key as 64 lowercase hexadecimal digits, for writing a key file.
    public var hexadecimal: String {
        key.withUnsafeBytes { raw in raw.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined() }
    }

    private static func hex(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in text.utf8 {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? bytes : nil
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
