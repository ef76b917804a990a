public import EventSourcing

/// The streams that hold configuration that is one of a kind (pipelines, SLA policies, calendars and segments
/// have a stream each: `pipeline-<id>`, `slapolicy-<id>`, `calendar-<id>`, `segment-<id>`).
public enum ConfigurationStream: String, Sendable, CaseIterable {
    /// `config-lifecycle`: ``LifecyclePolicyDefined``.
    case lifecycle = "config-lifecycle"
    /// `config-lostreasons`: ``LostReasonsDefined``.
    case lostReasons = "config-lostreasons"
    /// `config-customfields`: ``CustomFieldDefined``, ``CustomFieldRetired``.
    case customFields = "config-customfields"
    /// `config-leadstatuses`: ``LeadStatusSetDefined``.
    case leadStatuses = "config-leadstatuses"

    /// The stream's name.
    public func name() throws(CRMError) -> StreamName {
        do { return try StreamName(rawValue) } catch { throw .invalidInput(field: "stream", reason: "\(error)") }
    }
}
