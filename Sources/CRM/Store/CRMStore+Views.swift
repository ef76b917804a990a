extension CRMStore {
    /// The CRM's views (Documentation/Views.md) over this store; call ``CRMViews/addAll(mode:)`` once after
    /// opening, before the first query.
    public nonisolated var views: CRMViews { CRMViews(store: store) }
}
