import CRM
import Foundation
import Testing

/// The README's CRM example, verbatim, so that it keeps compiling and working.
func closeADeal(storeAt path: String) async throws -> OpportunityState {
    var options = CRMOptions()
    options.personalData = .inClear   // a development store: in production, give a master key (Security.md)
    let crm = try CRMStore(path: path, options: options)
    let me = CommandContext(actor: "usr-7")
    try await crm.definePipeline(id: "sales", name: "Sales", stages: CRMStore.standardStages, context: me)
    try await crm.registerCustomer(id: "cus-1", kind: .organization, name: "Initech Oy", source: .website, context: me)
    try await crm.openOpportunity(
        id: "opp-1", customerId: "cus-1", name: "Payroll rollout", pipelineId: "sales", stageId: "qualification",
        amount: Money("48000", currency: "EUR"), expectedCloseDate: LocalDate(year: 2026, month: 3, day: 31), context: me)
    try await crm.winOpportunity("opp-1", context: me)
    let deal = try await crm.opportunity("opp-1")   // outcome .won, close date today
    await crm.close()
    return deal
}

@Suite("README")
struct ReadmeExampleTests {
    @Test func theCRMExampleClosesADeal() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-readme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let deal = try await closeADeal(storeAt: path)
        #expect(deal.outcome == .won && deal.amount?.description == "EUR 48000.00")
    }
}
