import CRM
import Testing

@Suite("Lead to cash")
struct LeadToCashScenarioTests {
    @Test func leadToPayment() async throws {
        let fixture = try CRMFixture()
        try await fixture.configure()
        try await fixture.crm.captureLead(
            id: "led-1", name: "Samir Nagheenanajar", company: "Initech Oy", email: "samir@initech.example", source: .form,
            estimatedValue: try eur("40000"), context: fixture.me)
        try await fixture.crm.qualifyLead("led-1", level: .mql, context: fixture.me)
        try await fixture.crm.qualifyLead("led-1", level: .sql, score: 85, context: fixture.me)
        try await fixture.crm.convertLead(
            "led-1", customerId: "cus-1", contactId: "con-1",
            opportunity: ConvertedOpportunity(
                id: "opp-1", name: "Initech payroll", pipelineId: "sales", stageId: "qualification",
                amount: try eur("40000"), expectedCloseDate: date("2026-03-31")), context: fixture.me)
        for stage in ["needs-analysis", "proposal", "negotiation"] {
            try await fixture.crm.advanceOpportunity("opp-1", to: stage, context: fixture.me)
        }
        try await fixture.crm.assignContactRole("opp-1", contactId: "con-1", role: .decisionMaker, context: fixture.me)
        try await fixture.crm.winOpportunity("opp-1", amount: try eur("46000"), closeDate: date("2026-03-20"), context: fixture.me)
        let customer = try await fixture.crm.customer("cus-1")
        #expect(customer.lifecycleStage == "customer")

        let notWon = try await fixture.rejection {
            try await fixture.crm.draftContract(
                id: "ctr-0", customerId: "cus-1", opportunityId: "opp-404", title: "T", value: try eur("1"),
                startDate: date("2026-04-01"), termMonths: 12, paymentTerms: "30 days net", paymentMethod: .invoice,
                context: fixture.me)
        }
        #expect(notWon == .notFound(EntityRef(kind: .opportunity, id: "opp-404")))
        try await fixture.crm.draftContract(
            id: "ctr-1", customerId: "cus-1", opportunityId: "opp-1", title: "Payroll Pro subscription",
            value: try eur("46000"), startDate: date("2026-04-01"), termMonths: 12, paymentTerms: "30 days net",
            paymentMethod: .invoice, context: fixture.me)
        let unsigned = try await fixture.rejection {
            try await fixture.crm.placeOrder(
                id: "ord-1", customerId: "cus-1", contractId: "ctr-1", lines: try lines(), paymentMethod: .invoice,
                context: fixture.me)
        }
        #expect(unsigned == .invalidTransition(EntityRef(kind: .contract, id: "ctr-1"), state: "draft", action: "take orders"))
        try await fixture.crm.activateContract(
            "ctr-1", signedOn: date("2026-03-25"), customerSignedBy: "Bill Lumbergh", companySignedBy: "usr-7",
            context: fixture.me)
        let order = try await fixture.crm.placeOrder(
            id: "ord-1", customerId: "cus-1", contractId: "ctr-1", opportunityId: "opp-1", lines: try lines(),
            paymentMethod: .invoice, orderedOn: date("2026-04-01"), context: fixture.me)
        #expect(try order[0].decode(OrderPlaced.self).total == (try eur("46000")))
        let over = try await fixture.rejection {
            try await fixture.crm.recordPayment(
                orderId: "ord-1", paymentId: "pay-1", amount: try eur("46000.01"), method: .bankTransfer,
                paidOn: date("2026-04-20"), context: fixture.me)
        }
        #expect(over == .invalidInput(field: "payment", reason: "EUR 46000.01 is more than the EUR 46000.00 still to pay on order ord-1"))
        try await fixture.crm.recordPayment(
            orderId: "ord-1", paymentId: "pay-1", amount: try eur("20000"), method: .bankTransfer, paidOn: date("2026-04-20"),
            externalRef: "RF18 5390 0754 7034", context: fixture.me)
        try await fixture.crm.recordPayment(
            orderId: "ord-1", paymentId: "pay-2", amount: try eur("26000"), method: .bankTransfer, paidOn: date("2026-05-20"),
            context: fixture.me)
        let paid = try await fixture.crm.order("ord-1")
        #expect(paid.outstanding == (try eur("0")) && paid.paymentIds == ["pay-1", "pay-2"])
        let cancel = try await fixture.rejection { try await fixture.crm.cancelOrder("ord-1", reason: "oops", context: fixture.me) }
        #expect(cancel == .invalidTransition(EntityRef(kind: .order, id: "ord-1"), state: "paid (in part)", action: "be cancelled; refund it instead"))
        try await fixture.crm.issueRefund(orderId: "ord-1", refundId: "ref-1", amount: try eur("2300"), reason: "Two licences returned", context: fixture.me)
        let tooMuch = try await fixture.rejection {
            try await fixture.crm.issueRefund(orderId: "ord-1", refundId: "ref-2", amount: try eur("50000"), reason: "x", context: fixture.me)
        }
        #expect(tooMuch != nil)
        #expect(try await fixture.crm.order("ord-1").outstanding == (try eur("2300")))
        let deal = try await fixture.crm.opportunity("opp-1")
        #expect(try deal.outcome == .won && deal.amount == eur("46000") && deal.contactRoles == ["con-1": .decisionMaker])
        #expect(deal.stageHistory == ["qualification", "needs-analysis", "proposal", "negotiation", "won"])
    }

    private func lines() throws -> [ProductLine] {
        [
            ProductLine(
                productId: "payroll-pro", description: "Payroll Pro, annual licence", quantity: 40,
                unitPrice: try eur("1200"), discount: try eur("2000")),
        ]
    }

    @Test func orderLinesAreChecked() async throws {
        let fixture = try CRMFixture()
        try await fixture.customer("cus-1")
        let empty = try await fixture.rejection {
            try await fixture.crm.placeOrder(id: "ord-1", customerId: "cus-1", lines: [], paymentMethod: .card, context: fixture.me)
        }
        #expect(empty == .invalidInput(field: "lines", reason: "give at least one product line"))
        let zero = ProductLine(productId: "p", description: "P", quantity: 0, unitPrice: try eur("1"), discount: try eur("0"))
        let quantity = try await fixture.rejection {
            try await fixture.crm.placeOrder(id: "ord-1", customerId: "cus-1", lines: [zero], paymentMethod: .card, context: fixture.me)
        }
        #expect(quantity == .invalidInput(field: "quantity of p", reason: "0 is outside 1 to 1000000000"))
        let mixed = [
            ProductLine(productId: "a", description: "A", quantity: 1, unitPrice: try eur("1"), discount: try eur("0")),
            ProductLine(
                productId: "b", description: "B", quantity: 1, unitPrice: Money(minorUnits: 100, currency: "USD"),
                discount: Money(minorUnits: 0, currency: "USD")),
        ]
        let currency = try await fixture.rejection {
            try await fixture.crm.placeOrder(id: "ord-1", customerId: "cus-1", lines: mixed, paymentMethod: .card, context: fixture.me)
        }
        #expect(currency == .currencyMismatch(expected: "EUR", found: "USD"))
        let discount = ProductLine(productId: "d", description: "D", quantity: 1, unitPrice: try eur("1"), discount: try eur("2"))
        let negative = try await fixture.rejection {
            try await fixture.crm.placeOrder(id: "ord-1", customerId: "cus-1", lines: [discount], paymentMethod: .card, context: fixture.me)
        }
        #expect(negative == .invalidInput(field: "discount of d", reason: "EUR 2.00 is more than the line's EUR 1.00"))
    }
}
