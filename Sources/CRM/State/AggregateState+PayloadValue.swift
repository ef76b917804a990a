public import EventSourcing
import Foundation

extension AggregateState where Self: Encodable {
    /// The state as a generic value: its fields by name, keys sorted (what `rapport show` prints).
    /// - Throws: ``CRMError/unreadableHistory(stream:reason:)`` when a value cannot be encoded.
    public func payloadValue() throws(CRMError) -> PayloadValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try PayloadValue(jsonText: String(decoding: try encoder.encode(self), as: UTF8.self))
        } catch {
            throw .unreadableHistory(stream: "\(Self.category)-\(id)", reason: "its state cannot be encoded: \(error)")
        }
    }
}
