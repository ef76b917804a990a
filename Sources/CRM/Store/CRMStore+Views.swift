extension CRMStore {
    /// The CRM's views (customer 360°, pipeline) over this store; call ``CRMViews/addAll(mode:)`` once after
    /// opening, before the first query.
    public nonisolated var views: CRMViews { CRMViews(store: store) }
}
