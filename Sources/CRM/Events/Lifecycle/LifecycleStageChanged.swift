// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// A customer's lifecycle stage changed; an automatic promotion names its rule and the event that triggered it.
///
/// Stream: `customer-<customerId>`. Schema version 1.
public struct LifecycleStageChanged: Event, Hashable {
    /// The stable type name, `LifecycleStageChanged`.
    public static let eventType = "LifecycleStageChanged"
    /// The customer.
    public var customerId: String
    /// The stage before.
    public var fromStage: String
    /// The stage after.
    public var toStage: String
    /// Forward or backward.
    public var direction: LifecycleDirection
    /// Manual, rule or system.
    public var trigger: LifecycleChangeTrigger
    /// The rule that promoted it.
    public var ruleId: String?
    /// The event that triggered the rule.
    public var triggeringEventId: EventID?
    /// The policy.
    public var policyId: String
    /// The policy's version.
    public var policyVersion: Int
    /// Why (required for a backward move).
    public var reason: String?

    /// Creates the event from its fields.
    public init(
        customerId: String,
        fromStage: String,
        toStage: String,
        direction: LifecycleDirection,
        trigger: LifecycleChangeTrigger,
        ruleId: String? = nil,
        triggeringEventId: EventID? = nil,
        policyId: String,
        policyVersion: Int,
        reason: String? = nil
    ) {
        self.customerId = customerId
        self.fromStage = fromStage
        self.toStage = toStage
        self.direction = direction
        self.trigger = trigger
        self.ruleId = ruleId
        self.triggeringEventId = triggeringEventId
        self.policyId = policyId
        self.policyVersion = policyVersion
        self.reason = reason
    }
}

extension LifecycleStageChanged: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        fromStage = try fields.string("fromStage")
        toStage = try fields.string("toStage")
        direction = try fields.value(LifecycleDirection.self, "direction")
        trigger = try fields.value(LifecycleChangeTrigger.self, "trigger")
        ruleId = try fields.stringIfPresent("ruleId")
        triggeringEventId = try fields.decodeIfPresent(EventID.self, "triggeringEventId")
        policyId = try fields.string("policyId")
        policyVersion = try fields.int("policyVersion")
        reason = try fields.stringIfPresent("reason")
    }
}

extension LifecycleStageChanged: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.string("fromStage", fromStage)
        try fields.string("toStage", toStage)
        try fields.value("direction", direction)
        try fields.value("trigger", trigger)
        try fields.stringIfPresent("ruleId", ruleId)
        try fields.encodeIfPresent("triggeringEventId", triggeringEventId)
        try fields.string("policyId", policyId)
        try fields.int("policyVersion", policyVersion)
        try fields.stringIfPresent("reason", reason)
    }
}
