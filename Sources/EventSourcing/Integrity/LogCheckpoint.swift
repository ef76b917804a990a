public import Crypto
import Foundation

/// A small, portable statement of what a store's log was at one moment: its last position and that record's
/// chain hash. Exported, published or signed, it lets an auditor later prove that nothing up to that position
/// changed and that the log only grew (``EventStore/verify(from:progress:)``).
///
/// Its text form is one JSON object:
///
/// ```json
/// {"format":"rapport-checkpoint-1","store":"0192…","position":1000000,"chainHash":"5b0e…","recordedAt":"2025-06-30T23:59:59.000000Z","createdAt":"2025-07-01T08:00:00.000000Z","signature":"…"}
/// ```
///
/// `signature`, when present, is HMAC-SHA256 (hexadecimal) over the same object without it, under a key the
/// auditor and the operator share.
public struct LogCheckpoint: Sendable, Hashable {
    /// The store's identifier (set when it was created).
    public var store: String
    /// The last position covered.
    public var position: LogPosition
    /// The chain hash of the record at ``position`` (``ChainHash/genesis`` for an empty log).
    public var chainHash: ChainHash
    /// When that record was recorded.
    public var recordedAt: Timestamp
    /// When the checkpoint was taken.
    public var createdAt: Timestamp
    /// HMAC-SHA256 over the unsigned text, hexadecimal, if signed.
    public var signature: String?

    static let format = "rapport-checkpoint-1"

    /// Creates a checkpoint.
    public init(
        store: String, position: LogPosition, chainHash: ChainHash, recordedAt: Timestamp, createdAt: Timestamp,
        signature: String? = nil
    ) {
        self.store = store
        self.position = position
        self.chainHash = chainHash
        self.recordedAt = recordedAt
        self.createdAt = createdAt
        self.signature = signature
    }

    /// The JSON text of the checkpoint without its signature (what a signature covers).
    public var unsignedText: String { fields(signed: false).jsonText() }

    /// The JSON text of the checkpoint.
    public var jsonText: String { fields(signed: true).jsonText() }

    private func fields(signed: Bool) -> PayloadValue {
        var fields = [
            PayloadField(key: "format", value: .string(Self.format)),
            PayloadField(key: "store", value: .string(store)),
            PayloadField(key: "position", value: .uint(position.rawValue)),
            PayloadField(key: "chainHash", value: .string(chainHash.description)),
            PayloadField(key: "recordedAt", value: .string(recordedAt.description)),
            PayloadField(key: "createdAt", value: .string(createdAt.description)),
        ]
        if signed, let signature { fields.append(PayloadField(key: "signature", value: .string(signature))) }
        return .object(fields)
    }

    /// The checkpoint signed with `key`.
    public func signed(with key: SymmetricKey) -> LogCheckpoint {
        var copy = self
        copy.signature = Self.mac(copy.unsignedText, key: key)
        return copy
    }

    /// Whether the checkpoint carries a valid signature under `key`.
    public func hasValidSignature(under key: SymmetricKey) -> Bool {
        guard let signature, let code = ChainHash(hex: signature) else { return false }
        // A constant-time comparison.
        return HMAC<SHA256>.isValidAuthenticationCode(code.bytes, authenticating: Data(unsignedText.utf8), using: key)
    }

    private static func mac(_ text: String, key: SymmetricKey) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key)
        return ChainHash(bytes: Array(code)).description
    }

    /// Reads the JSON text of a checkpoint.
    /// - Throws: ``EventStoreError/invalidInput(_:)`` saying what is wrong.
    public init(jsonText: String) throws(EventStoreError) {
        let value: PayloadValue
        do { value = try PayloadValue(jsonText: jsonText) } catch { throw .invalidInput("the checkpoint is not JSON: \(error)") }
        func text(_ key: String) throws(EventStoreError) -> String {
            guard let text = value[key]?.stringValue else { throw .invalidInput("the checkpoint has no \"\(key)\" text") }
            return text
        }
        guard try text("format") == Self.format else {
            throw .invalidInput("the checkpoint's format is not \(Self.format)")
        }
        guard let position = value["position"]?.intValue, position >= 0 else {
            throw .invalidInput("the checkpoint has no valid \"position\"")
        }
        guard let hash = ChainHash(hex: try text("chainHash")) else {
            throw .invalidInput("the checkpoint's \"chainHash\" is not 64 hexadecimal digits")
        }
        guard let recordedAt = Timestamp(iso8601: try text("recordedAt")),
            let createdAt = Timestamp(iso8601: try text("createdAt"))
        else { throw .invalidInput("the checkpoint's times are not ISO 8601 UTC") }
        self.init(
            store: try text("store"), position: LogPosition(UInt64(position)), chainHash: hash, recordedAt: recordedAt,
            createdAt: createdAt, signature: value["signature"]?.stringValue)
    }
}
