public import EventSourcing

/// An order's current state, folded from `order-<id>`.
public struct OrderState: EntityState, Hashable {
    /// `order`.
    public static var kind: EntityKind { .order }
    /// The order's identifier.
    public let id: String
    /// The stream's version.
    public private(set) var version: UInt64 = 0
    /// The order as placed.
    public private(set) var placed: OrderPlaced?
    /// Whether it was cancelled.
    public private(set) var isCancelled = false
    /// The payments received, summed.
    public private(set) var paid: Money?
    /// The refunds issued, summed.
    public private(set) var refunded: Money?
    /// The payment ids recorded.
    public private(set) var paymentIds: Set<String> = []
    /// Tags, custom fields, merges, consent and erasure.
    public private(set) var traits = RecordTraits()

    /// An order not yet placed.
    public init(id: String) { self.id = id }

    /// What is still to be paid (total − paid + refunded).
    public var outstanding: Money? {
        guard let placed, let paid, let refunded else { return nil }
        return try? placed.total.subtracting(paid).adding(refunded)
    }

    /// Folds one event.
    public mutating func apply(_ event: RecordedEvent) throws(EventStoreError) {
        version = event.streamVersion
        if try traits.apply(event) { return }
        switch event.type {
        case OrderPlaced.eventType:
            placed = try event.decode(OrderPlaced.self)
            paid = placed.map { Money.zero($0.total.currency) }
            refunded = paid
        case OrderCancelled.eventType: isCancelled = true
        case PaymentRecorded.eventType:
            let payment = try event.decode(PaymentRecorded.self)
            paymentIds.insert(payment.paymentId)
            paid = (try? paid?.adding(payment.amount)) ?? paid
        case RefundIssued.eventType:
            refunded = (try? refunded?.adding(try event.decode(RefundIssued.self).amount)) ?? refunded
        default: break
        }
    }
}
