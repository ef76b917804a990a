// Generated from Scripts/catalogue.txt by Scripts/generate-catalogue.py: edit those, not this file.

public import EventSourcing

/// The lifecycle policy was defined or revised: the ordered stages, the automatic promotions and whether a stage may go back.
///
/// Stream: `config-lifecycle`. Schema version 1.
public struct LifecyclePolicyDefined: Event, Hashable {
    /// The stable type name, `LifecyclePolicyDefined`.
    public static let eventType = "LifecyclePolicyDefined"
    /// The policy's identifier.
    public var policyId: String
    /// The policy's version.
    public var version: Int
    /// The stages, in order.
    public var stages: [String]
    /// The stage of a newly registered customer.
    public var initialStage: String
    /// Whether a stage may move back, and how.
    public var backwardMoves: BackwardMovePolicy
    /// The automatic promotions.
    public var rules: [LifecycleRule]

    /// Creates the event from its fields.
    public init(
        policyId: String,
        version: Int,
        stages: [String],
        initialStage: String,
        backwardMoves: BackwardMovePolicy,
        rules: [LifecycleRule]
    ) {
        self.policyId = policyId
        self.version = version
        self.stages = stages
        self.initialStage = initialStage
        self.backwardMoves = backwardMoves
        self.rules = rules
    }
}

extension LifecyclePolicyDefined: BinaryPayloadDecodable {
    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        policyId = try fields.string("policyId")
        version = try fields.int("version")
        stages = try fields.strings("stages")
        initialStage = try fields.string("initialStage")
        backwardMoves = try fields.value(BackwardMovePolicy.self, "backwardMoves")
        rules = try fields.array(of: LifecycleRule.self, "rules")
    }
}

extension LifecyclePolicyDefined: BinaryPayloadEncodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("policyId", policyId)
        try fields.int("version", version)
        try fields.strings("stages", stages)
        try fields.string("initialStage", initialStage)
        try fields.value("backwardMoves", backwardMoves)
        try fields.array("rules", rules)
    }
}
