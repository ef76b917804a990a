import CRM
import Foundation
import Testing

@Suite("Payload encoding")
struct PayloadEncodingTests {
    /// Registers a customer and opens a deal, returning the codecs of the appended events and the folded states.
    private static func history(_ encoding: PayloadEncoding) async throws -> ([PayloadCodecID], CustomerState, OpportunityState) {
        var options = CRMOptions()
        options.payloadEncoding = encoding
        let fixture = try CRMFixture(options: options)
        try await fixture.configure()
        let crm = fixture.crm
        try await crm.registerCustomer(id: "cus-1", kind: .organization, name: "Initech Oy", source: .website, context: fixture.me)
        try await crm.openOpportunity(
            id: "opp-1", customerId: "cus-1", name: "Payroll", pipelineId: "sales", stageId: "qualification",
            amount: try Money("48000", currency: "EUR"), expectedCloseDate: try LocalDate(year: 2026, month: 3, day: 31),
            context: fixture.me)
        let codecs = try await crm.store.readAll().map(\.payloadCodec)
        return (codecs, try await crm.customer("cus-1"), try await crm.opportunity("opp-1"))
    }

    @Test func binaryIsTheDefaultAndJSONAnOptionAndBothReadTheSame() async throws {
        #expect(CRMOptions().payloadEncoding == .binary)
        let (binaryCodecs, binaryCustomer, binaryDeal) = try await Self.history(.binary)
        let (jsonCodecs, jsonCustomer, jsonDeal) = try await Self.history(.json)
        #expect(!binaryCodecs.isEmpty)
        #expect(binaryCodecs.allSatisfy { $0 == BinaryPayloadCodec().id })
        #expect(jsonCodecs.count == binaryCodecs.count)
        #expect(jsonCodecs.allSatisfy { $0 == JSONPayloadCodec().id })
        #expect(binaryCustomer.profile?.name == "Initech Oy")
        #expect(jsonCustomer.profile == binaryCustomer.profile)
        #expect(binaryDeal.amount == (try Money("48000", currency: "EUR")))
        #expect(jsonDeal.amount == binaryDeal.amount)
        #expect(jsonDeal.stage == binaryDeal.stage && binaryDeal.stage?.stageId == "qualification")
    }
}
