public import EventSourcing

extension CRMStore {
    /// Drafts a contract for a customer (``ContractDrafted``), optionally closing a won opportunity.
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)``
    ///   (a negative value, a term outside 1 to 240 months, an opportunity of another customer or not won).
    @discardableResult
    public func draftContract(
        id: String, customerId: String, opportunityId: String? = nil, title: String, value: Money, startDate: LocalDate,
        termMonths: Int, paymentTerms: String, paymentMethod: PaymentMethod, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let drafted = ContractDrafted(
            contractId: try Validate.identifier(id, field: "contract id"), customerId: customerId,
            opportunityId: opportunityId, title: try Validate.text(title, field: "contract title"),
            value: try value.validated(field: "contract value"), startDate: startDate,
            termMonths: try Validate.number(termMonths, in: 1...240, field: "term in months"),
            paymentTerms: try Validate.text(paymentTerms, field: "payment terms"), paymentMethod: paymentMethod)
        return try await execute("draftContract", context) { () throws(CRMError) in
            _ = try await writable(CustomerState.self, customerId)
            if let opportunityId { try await requireWon(opportunityId, of: customerId) }
            return try write(try await absent(ContractState.self, drafted.contractId), drafted)
        }
    }

    private func requireWon(_ opportunityId: String, of customerId: String) async throws(CRMError) {
        let opportunity = try await existing(OpportunityState.self, opportunityId)
        guard opportunity.customerId == customerId else {
            throw .invalidInput(field: "opportunity", reason: "\(opportunityId) belongs to customer \(opportunity.customerId ?? "-")")
        }
        guard opportunity.outcome == .won else {
            throw .invalidTransition(opportunity.ref, state: opportunity.outcome?.rawValue ?? "open", action: "be contracted until it is won")
        }
    }

    /// Records the signature of a drafted contract (``ContractActivated``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the contract is a draft.
    @discardableResult
    public func activateContract(
        _ id: String, signedOn: LocalDate, customerSignedBy: String, companySignedBy: String, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let customerSignedBy = try Validate.text(customerSignedBy, field: "customer's signatory")
        let companySignedBy = try Validate.text(companySignedBy, field: "our signatory")
        return try await execute("activateContract", context) { () throws(CRMError) in
            let contract = try await writable(ContractState.self, id)
            guard contract.status == .draft else {
                throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "be signed again")
            }
            return try write(
                contract,
                ContractActivated(contractId: id, signedOn: signedOn, customerSignedBy: customerSignedBy, companySignedBy: companySignedBy))
        }
    }

    /// Terminates an active contract (``ContractTerminated``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the contract is active.
    @discardableResult
    public func terminateContract(_ id: String, reason: String, effectiveDate: LocalDate, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("terminateContract", context) { () throws(CRMError) in
            let contract = try await writable(ContractState.self, id)
            guard contract.status == .active else {
                throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "be terminated")
            }
            return try write(contract, ContractTerminated(contractId: id, reason: reason, effectiveDate: effectiveDate))
        }
    }

    /// Renews an active contract (``ContractRenewed``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` unless the contract is active.
    @discardableResult
    public func renewContract(_ id: String, until newEndDate: LocalDate, newValue: Money? = nil, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let newValue = try newValue?.validated(field: "new value")
        return try await execute("renewContract", context) { () throws(CRMError) in
            let contract = try await writable(ContractState.self, id)
            guard contract.status == .active else {
                throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "be renewed")
            }
            return try write(contract, ContractRenewed(contractId: id, newEndDate: newEndDate, newValue: newValue))
        }
    }

    /// Places an order (``OrderPlaced``); the total is computed from the lines (Σ quantity × unit price −
    /// discount, one currency). A first order may promote the customer (``LifecycleTrigger/orderPlaced``).
    /// - Throws: ``CRMError/alreadyExists(_:)``, ``CRMError/notFound(_:)``, ``CRMError/invalidInput(field:reason:)``,
    ///   ``CRMError/currencyMismatch(expected:found:)``, ``CRMError/invalidTransition(_:state:action:)`` for a
    ///   contract that is not active.
    @discardableResult
    public func placeOrder(
        id: String, customerId: String, contractId: String? = nil, opportunityId: String? = nil, lines: [ProductLine],
        paymentMethod: PaymentMethod, orderedOn: LocalDate? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let id = try Validate.identifier(id, field: "order id")
        let total = try Self.total(of: lines)
        return try await execute("placeOrder", context) { () throws(CRMError) in
            let customer = try await writable(CustomerState.self, customerId)
            if let contractId {
                let contract = try await existing(ContractState.self, contractId)
                guard contract.status == .active else {
                    throw .invalidTransition(contract.ref, state: contract.status.rawValue, action: "take orders")
                }
            }
            let placed = PendingEvent(
                OrderPlaced(
                    orderId: id, customerId: customerId, contractId: contractId, opportunityId: opportunityId,
                    lines: lines, total: total, paymentMethod: paymentMethod, orderedOn: orderedOn ?? today(context)))
            var writes = [try write(try await absent(OrderState.self, id), [placed])]
            if let promoted = promotion(
                of: customer, on: .orderPlaced, triggeringEventID: placed.id, policy: try await lifecyclePolicy())
            {
                writes.append(try write(customer, [promoted]))
            }
            return writes
        }
    }

    /// Cancels an order that has no payments (``OrderCancelled``).
    /// - Throws: ``CRMError/invalidTransition(_:state:action:)`` for cancelled or (partly) paid orders.
    @discardableResult
    public func cancelOrder(_ id: String, reason: String, context: CommandContext) async throws(CRMError) -> [RecordedEvent] {
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("cancelOrder", context) { () throws(CRMError) in
            let order = try await activeOrder(id, "be cancelled")
            guard order.paymentIds.isEmpty else {
                throw .invalidTransition(order.ref, state: "paid (in part)", action: "be cancelled; refund it instead")
            }
            return try write(order, OrderCancelled(orderId: id, reason: reason))
        }
    }

    /// Records a payment for an order (``PaymentRecorded``): positive, in the order's currency, at most what is
    /// outstanding.
    /// - Throws: ``CRMError/invalidInput(field:reason:)`` for zero, overpayment or a reused payment id,
    ///   ``CRMError/currencyMismatch(expected:found:)``, ``CRMError/invalidTransition(_:state:action:)`` for
    ///   cancelled orders.
    @discardableResult
    public func recordPayment(
        orderId: String, paymentId: String, amount: Money, method: PaymentMethod, paidOn: LocalDate,
        externalRef: String? = nil, context: CommandContext
    ) async throws(CRMError) -> [RecordedEvent] {
        let paymentId = try Validate.identifier(paymentId, field: "payment id")
        let amount = try amount.validated(field: "payment")
        guard amount.minorUnits > 0 else { throw .invalidInput(field: "payment", reason: "a payment must be more than zero") }
        let externalRef = try Validate.optionalText(externalRef, field: "external reference")
        return try await execute("recordPayment", context) { () throws(CRMError) in
            let order = try await activeOrder(orderId, "take payments")
            guard !order.paymentIds.contains(paymentId) else {
                throw .invalidInput(field: "payment id", reason: "payment \(paymentId) was recorded already")
            }
            let outstanding = order.outstanding ?? Money.zero(amount.currency)
            guard outstanding.currency == amount.currency else {
                throw .currencyMismatch(expected: outstanding.currency, found: amount.currency)
            }
            guard amount.minorUnits <= outstanding.minorUnits else {
                throw .invalidInput(field: "payment", reason: "\(amount) is more than the \(outstanding) still to pay on order \(orderId)")
            }
            return try write(
                order,
                PaymentRecorded(orderId: orderId, paymentId: paymentId, amount: amount, method: method, paidOn: paidOn, externalRef: externalRef))
        }
    }

    /// Refunds money on an order (``RefundIssued``), at most what was paid and not yet refunded.
    /// - Throws: ``CRMError/invalidInput(field:reason:)``, ``CRMError/currencyMismatch(expected:found:)``.
    @discardableResult
    public func issueRefund(orderId: String, refundId: String, amount: Money, reason: String, context: CommandContext)
        async throws(CRMError) -> [RecordedEvent]
    {
        let refundId = try Validate.identifier(refundId, field: "refund id")
        let amount = try amount.validated(field: "refund")
        let reason = try Validate.text(reason, field: "reason", limit: Validate.textLimit)
        return try await execute("issueRefund", context) { () throws(CRMError) in
            let order = try await writable(OrderState.self, orderId)
            let paid = order.paid ?? Money.zero(amount.currency)
            let refundable = try paid.subtracting(order.refunded ?? Money.zero(amount.currency))
            guard refundable.currency == amount.currency else {
                throw .currencyMismatch(expected: refundable.currency, found: amount.currency)
            }
            guard amount.minorUnits > 0, amount.minorUnits <= refundable.minorUnits else {
                throw .invalidInput(field: "refund", reason: "\(amount) is not between zero and the \(refundable) paid on order \(orderId)")
            }
            return try write(order, RefundIssued(orderId: orderId, refundId: refundId, amount: amount, reason: reason))
        }
    }

    private func activeOrder(_ id: String, _ action: String) async throws(CRMError) -> OrderState {
        let order = try await writable(OrderState.self, id)
        guard !order.isCancelled else { throw .invalidTransition(order.ref, state: "cancelled", action: action) }
        return order
    }
}
