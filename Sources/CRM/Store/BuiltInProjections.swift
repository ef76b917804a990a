public import EventSourcing

/// The projections the CRM library defines, for tools that add and rebuild them by name (`rapport rebuild`): the
/// seven views (``CRMViews``) and the benchmark workload's projection.
public enum BuiltInProjections {
    /// Every built-in projection.
    public static var all: [any Projection] {
        [
            CustomerViewProjection(), PipelineProjection(), LifecycleProjection(), ServiceProjection(),
            CampaignProjection(), ValueProjection(), TimelineProjection(), WorkloadCustomerProjection(),
        ]
    }

    /// The built-in projection named `name`, if there is one.
    public static func named(_ name: String) -> (any Projection)? { all.first { $0.name == name } }
}
