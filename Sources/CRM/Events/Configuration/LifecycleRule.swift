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

extension LifecycleRule: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("ruleId", ruleId)
        try fields.value("onEvent", onEvent)
        try fields.string("toStage", toStage)
    }
}
