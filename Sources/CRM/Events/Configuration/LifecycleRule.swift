// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// An automatic promotion: when the trigger happens, the customer moves forward to the stage (never backward).
public struct LifecycleRule: Codable, Sendable, Hashable {
    /// The rule's identifier.
    public var ruleId: String
    /// The triggering business event.
    public var onEvent: LifecycleTrigger
    /// The stage the customer is promoted to, if it is further along than the current one.
    public var toStage: String

    /// Creates the value from its fields.
    public init(ruleId: String, onEvent: LifecycleTrigger, toStage: String) {
        self.ruleId = ruleId
        self.onEvent = onEvent
        self.toStage = toStage
    }
}

extension LifecycleRule: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        ruleId = try fields.string("ruleId")
        onEvent = try fields.value(LifecycleTrigger.self, "onEvent")
        toStage = try fields.string("toStage")
    }
}
