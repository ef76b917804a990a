public import EventSourcing

/// The projections the CRM library defines, for tools that add and rebuild them by name (`rapport rebuild`).
public enum BuiltInProjections {
    /// Every built-in projection.
    public static var all: [any Projection] { [WorkloadCustomerProjection()] }

    /// The built-in projection named `name`, if there is one.
    public static func named(_ name: String) -> (any Projection)? { all.first { $0.name == name } }
}
