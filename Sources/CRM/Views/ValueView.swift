public import EventSourcing

/// The customer value and retention view as a projection: per customer (key `c:<customerId>`) a
/// ``CustomerValueRecord`` with its orders, net payments, last interaction, open complaints, latest satisfaction
/// and contracts; index entries route orders (`r:`), tickets (`t:`) and contracts (`k:`) to their customers.
/// Scores are computed when queried (``ValueSnapshot``).
public struct ValueProjection: Projection {
    /// `crm-value`.
    public let name = "crm-value"
    /// Version 1.
    public let version: UInt32 = 1

    /// The projection.
    public init() {}

    /// The event types the view reads.
    public var eventTypes: Set<String> {
        [
            CustomerRegistered.eventType, OrderPlaced.eventType, OrderCancelled.eventType, PaymentRecorded.eventType,
            RefundIssued.eventType, InteractionLogged.eventType, TicketOpened.eventType, TicketClosed.eventType,
            TicketsMerged.eventType, FeedbackSubmitted.eventType, ContractDrafted.eventType, ContractActivated.eventType,
            ContractRenewed.eventType, ContractTerminated.eventType, ContractExpired.eventType,
        ]
    }

    /// Applies one event.
    public func apply(_ event: RecordView, to records: inout ProjectionRecords<CustomerValueRecord>) throws {
        switch event.type {
        // The commonest events first (interactions, then tickets): a switch over strings compares the cases in order.
        case InteractionLogged.eventType:
            let e = try event.decode(InteractionCustomers.self)
            for id in e.customerIds {
                try customer(id, &records) { value in
                    if value.lastInteractionAt.map({ $0 < e.occurredAt }) ?? true { value.lastInteractionAt = e.occurredAt }
                }
            }
        case TicketOpened.eventType:
            let e = try event.decode(TicketOpened.self)
            guard e.type == .complaint, let customerId = e.customerId else { return }
            records.set(CustomerValueRecord(pointer: customerId), forKey: "t:" + e.ticketId)
            try customer(customerId, &records) { $0.openComplaints.append(e.ticketId) }
        case TicketClosed.eventType:
            let id = try event.decode(TicketClosed.self).ticketId
            try owner("t:" + id, &records) { $0.openComplaints.removeAll { $0 == id } }
        case CustomerRegistered.eventType:
            let e = try event.decode(CustomerRegistered.self)
            try customer(e.customerId, &records) { _ in }
        case OrderPlaced.eventType:
            let e = try event.decode(OrderPlaced.self)
            records.set(CustomerValueRecord(pointer: e.customerId), forKey: "r:" + e.orderId)
            try customer(e.customerId, &records) { value in
                value.orders.removeAll { $0.orderId == e.orderId }
                value.orders.append(ValueOrder(orderId: e.orderId, orderedOn: e.orderedOn, total: e.total))
            }
        case OrderCancelled.eventType:
            let e = try event.decode(OrderCancelled.self)
            try owner("r:" + e.orderId, &records) { value in
                if let i = value.orders.firstIndex(where: { $0.orderId == e.orderId }) { value.orders[i].cancelled = true }
            }
        case PaymentRecorded.eventType:
            let e = try event.decode(PaymentRecorded.self)
            try owner("r:" + e.orderId, &records) { $0.netPayments.add(e.amount) }
        case RefundIssued.eventType:
            let e = try event.decode(RefundIssued.self)
            try owner("r:" + e.orderId, &records) {
                $0.netPayments.add(Money(minorUnits: -e.amount.minorUnits, currency: e.amount.currency))
            }
        case TicketsMerged.eventType:
            for id in try event.decode(TicketsMerged.self).mergedTicketIds {
                try owner("t:" + id, &records) { $0.openComplaints.removeAll { $0 == id } }
            }
        case FeedbackSubmitted.eventType:
            let e = try event.decode(FeedbackSubmitted.self)
            guard e.subject.kind == .customer, e.kind != .ces, e.scaleMax > e.scaleMin else { return }
            // CES is left out: a high effort score is bad, unlike CSAT, NPS and reviews.
            let share = Double(e.score - e.scaleMin) / Double(e.scaleMax - e.scaleMin)
            try customer(e.subject.id, &records) { $0.latestSatisfaction = share }
        case ContractDrafted.eventType:
            let e = try event.decode(ContractDrafted.self)
            records.set(CustomerValueRecord(pointer: e.customerId), forKey: "k:" + e.contractId)
            let contract = ValueContract(contractId: e.contractId, endDate: e.startDate.addingMonths(e.termMonths))
            try customer(e.customerId, &records) { $0.contracts.append(contract) }
        case ContractActivated.eventType:
            let id = try event.decode(ContractActivated.self).contractId
            try contract(id, &records) { $0.active = true }
        case ContractRenewed.eventType:
            let e = try event.decode(ContractRenewed.self)
            try contract(e.contractId, &records) { $0.endDate = e.newEndDate }
        case ContractTerminated.eventType:
            let e = try event.decode(ContractTerminated.self)
            try contract(e.contractId, &records) { ($0.active, $0.endDate) = (false, e.effectiveDate) }
        case ContractExpired.eventType:
            let e = try event.decode(ContractExpired.self)
            try contract(e.contractId, &records) { $0.active = false }
        default: break
        }
    }

    private func customer(_ id: String, _ records: inout ProjectionRecords<CustomerValueRecord>, _ body: (inout CustomerValue) -> Void) throws {
        try records.update("c:" + id, default: CustomerValueRecord(value: CustomerValue(customerId: id))) { record in
            record.value.update(default: CustomerValue(customerId: id), body)
        }
    }

    private func owner(_ key: String, _ records: inout ProjectionRecords<CustomerValueRecord>, _ body: (inout CustomerValue) -> Void) throws {
        guard let id = try records.withValue(forKey: key, \.pointer) ?? nil else { return }
        try customer(id, &records, body)
    }

    private func contract(_ id: String, _ records: inout ProjectionRecords<CustomerValueRecord>, _ body: (inout ValueContract) -> Void) throws {
        try owner("k:" + id, &records) { value in
            if let i = value.contracts.firstIndex(where: { $0.contractId == id }) { body(&value.contracts[i]) }
        }
    }
}

/// A customer's purchase, payment and engagement history, as the value view keeps it.
public struct CustomerValue: Codable, Sendable, Hashable {
    /// The customer.
    public var customerId: String
    /// Every order.
    public var orders: [ValueOrder] = []
    /// Payments received less refunds issued, per currency.
    public var netPayments: [Money] = []
    /// The latest interaction's own time.
    public var lastInteractionAt: Timestamp?
    /// Open complaint tickets, by id.
    public var openComplaints: [String] = []
    /// The latest CSAT, NPS or review answer as a share of its scale (0 lowest, 1 highest).
    public var latestSatisfaction: Double?
    /// The contracts.
    public var contracts: [ValueContract] = []

    /// A customer with no history.
    public init(customerId: String) { self.customerId = customerId }

    /// The orders that count as purchases (not cancelled).
    public var purchases: [ValueOrder] { orders.filter { !$0.cancelled } }
}

/// An order, for the value view.
public struct ValueOrder: Codable, Sendable, Hashable {
    /// The order.
    public var orderId: String
    /// When it was ordered.
    public var orderedOn: LocalDate
    /// Its total.
    public var total: Money
    /// Whether it was cancelled.
    public var cancelled = false

    /// An order.
    public init(orderId: String, orderedOn: LocalDate, total: Money) {
        (self.orderId, self.orderedOn, self.total) = (orderId, orderedOn, total)
    }
}

/// A contract, for the value view.
public struct ValueContract: Codable, Sendable, Hashable {
    /// The contract.
    public var contractId: String
    /// When it ends (start + term, or as renewed or terminated).
    public var endDate: LocalDate
    /// Whether it is active (activated, not terminated or expired).
    public var active = false

    /// A drafted contract.
    public init(contractId: String, endDate: LocalDate) { (self.contractId, self.endDate) = (contractId, endDate) }
}

/// A record of ``ValueProjection``: a customer's value (`c:`), or the customer an order, ticket or contract
/// belongs to.
public struct CustomerValueRecord: Codable, Sendable, Hashable {
    /// For `c:`.
    public var value: CustomerValue?
    /// For `r:`, `t:` and `k:`: the customer.
    public var pointer: String?

    /// A customer record.
    public init(value: CustomerValue) { self.value = value }
    /// An index record.
    public init(pointer: String) { self.pointer = pointer }
}

// MARK: - Binary payload coding (the fields in declaration order, as `Codable` writes and reads them)

extension CustomerValue: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the value's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("customerId", customerId)
        try fields.array("orders", orders)
        try fields.array("netPayments", netPayments)
        try fields.timestampIfPresent("lastInteractionAt", lastInteractionAt)
        try fields.strings("openComplaints", openComplaints)
        try fields.doubleIfPresent("latestSatisfaction", latestSatisfaction)
        try fields.array("contracts", contracts)
    }

    /// Reads the value from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        customerId = try fields.string("customerId")
        orders = try fields.array(of: ValueOrder.self, "orders")
        netPayments = try fields.array(of: Money.self, "netPayments")
        lastInteractionAt = try fields.timestampIfPresent("lastInteractionAt")
        openComplaints = try fields.strings("openComplaints")
        latestSatisfaction = try fields.doubleIfPresent("latestSatisfaction")
        contracts = try fields.array(of: ValueContract.self, "contracts")
    }
}

extension ValueOrder: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the order's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("orderId", orderId)
        try fields.text("orderedOn", orderedOn)
        try fields.encode("total", total)
        try fields.bool("cancelled", cancelled)
    }

    /// Reads the order from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        orderId = try fields.string("orderId")
        orderedOn = try fields.text(LocalDate.self, "orderedOn")
        total = try fields.decode(Money.self, "total")
        cancelled = try fields.bool("cancelled")
    }
}

extension ValueContract: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the contract's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.string("contractId", contractId)
        try fields.text("endDate", endDate)
        try fields.bool("active", active)
    }

    /// Reads the contract from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        contractId = try fields.string("contractId")
        endDate = try fields.text(LocalDate.self, "endDate")
        active = try fields.bool("active")
    }
}

extension CustomerValueRecord: BinaryPayloadEncodable, BinaryPayloadDecodable {
    /// Writes the record's fields into a binary payload, in declaration order (as `Codable` writes them).
    public func encode(binaryPayload fields: inout BinaryPayloadFieldWriter) throws(PayloadCodingError) {
        try fields.encodeIfPresent("value", value)
        try fields.stringIfPresent("pointer", pointer)
    }

    /// Reads the record from a binary payload's fields, in declaration order (what the encoder wrote).
    public init(binaryPayload fields: inout BinaryPayloadFields) throws(PayloadCodingError) {
        value = try fields.decodeIfPresent(CustomerValue.self, "value")
        pointer = try fields.stringIfPresent("pointer")
    }
}
