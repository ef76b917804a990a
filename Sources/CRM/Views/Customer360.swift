public import EventSourcing

/// A customer's 360° view as a query answers it: the record asked for resolved to the record that stands (an
/// absorbed customer's old id leads to its survivor), with every record merged into it combined.
///
/// Combined: contacts, open opportunities and open tickets (the union, by id), won count and totals and lifetime
/// revenue (summed per currency), the latest interaction (by its time), the latest satisfaction answer (by time),
/// consent (per channel and purpose, the latest choice), tags (the union). The profile, owner, lifecycle stage and
/// the date it became a customer are the survivor's.
public struct Customer360: Sendable, Hashable {
    /// The id that was asked for.
    public var requestedId: String
    /// The ids followed from it to the record that stands (empty when it was not absorbed), in order.
    public var resolvedFrom: [String]
    /// The combined view; its `id` is the record that stands.
    public var view: CustomerView
    /// Every record combined into the view besides the survivor (merged directly or through another merge).
    public var mergedRecords: [String]

    /// The total amount of the open opportunities, per currency.
    public var openOpportunityValue: [Money] { .totals(view.openOpportunities.map(\.amount)) }

    /// Combines the view of `requestedId`, reading records through `value`.
    /// - Returns: `nil` when there is no such customer.
    static func resolve(_ requestedId: String, _ value: (String) throws -> CustomerViewRecord?) throws -> Customer360? {
        var id = requestedId
        var path: [String] = []
        // Aliases form chains when a survivor is later absorbed itself; a cycle cannot be written, the bound guards.
        while let alias = try value(CustomerViewProjection.aliasKey(id))?.customers.first, path.count < 64 {
            path.append(id)
            id = alias
        }
        guard var view = try value(CustomerViewProjection.viewKey(id))?.view else { return nil }
        var merged: [String] = []
        var pending = view.mergedIds
        while let next = pending.first, merged.count < 10_000 {
            pending.removeFirst()
            guard !merged.contains(next), next != id, let part = try value(CustomerViewProjection.viewKey(next))?.view
            else { continue }
            merged.append(next)
            pending += part.mergedIds
            view.combine(with: part)
        }
        return Customer360(requestedId: requestedId, resolvedFrom: path, view: view, mergedRecords: merged)
    }
}

extension CustomerView {
    /// Adds a merged-in record's contacts, deals, tickets, revenue, interactions, answers, consent and tags.
    mutating func combine(with other: CustomerView) {
        func union<T>(_ mine: inout [T], _ theirs: [T], id: (T) -> String) {
            for item in theirs where !mine.contains(where: { id($0) == id(item) }) { mine.append(item) }
            mine.sort { id($0) < id($1) }
        }
        union(&contacts, other.contacts, id: \.contactId)
        union(&openOpportunities, other.openOpportunities, id: \.opportunityId)
        union(&openTickets, other.openTickets, id: \.ticketId)
        union(&tags, other.tags, id: { $0 })
        wonOpportunities += other.wonOpportunities
        for amount in other.wonTotal { wonTotal.add(amount) }
        for amount in other.lifetimeRevenue { lifetimeRevenue.add(amount) }
        if let theirs = other.lastInteraction, lastInteraction.map({ $0.at < theirs.at }) ?? true { lastInteraction = theirs }
        if let theirs = other.latestSatisfaction, latestSatisfaction.map({ $0.at < theirs.at }) ?? true {
            latestSatisfaction = theirs
        }
        for choice in other.consent {
            if let i = consent.firstIndex(where: { $0.channel == choice.channel && $0.purpose == choice.purpose }) {
                if consent[i].at < choice.at { consent[i] = choice }
            } else {
                consent.append(choice)
            }
        }
        consent.sort { ($0.channel.rawValue, $0.purpose) < ($1.channel.rawValue, $1.purpose) }
    }
}

extension CRMViews {
    /// The 360° view of customer `id` (an absorbed customer's id leads to its survivor), now or as of `point`.
    /// - Returns: `nil` when no event names the customer.
    /// - Throws: ``CRMError/store(_:)`` (``EventStoreError/unknownProjection(_:)`` when ``addAll(mode:)`` was not
    ///   called and no `asOf` is given).
    public func customer360(_ id: String, asOf point: AsOf? = nil) async throws(CRMError) -> Customer360? {
        try await withRecords(of: CustomerViewProjection(), asOf: point) { value in try Customer360.resolve(id, value) }
    }

    /// The 360° view of customer `id` now, read synchronously from the stored view (one read transaction).
    /// - Throws: ``CRMError/store(_:)``.
    public func currentCustomer360(_ id: String) throws(CRMError) -> Customer360? {
        do {
            return try store.read { snapshot in
                try Customer360.resolve(id) { try snapshot.value(of: CustomerViewProjection(), forKey: $0) }
            }
        } catch {
            throw Self.mapped(error, CustomerViewProjection().name)
        }
    }
}
