import CRM
import EventSourcing
import PropertyBased
import Testing

/// Invariants of the views' money arithmetic, over random amounts.
@Suite("Views (property-based)")
struct ViewPropertyTests {
    @Test func attributionPartsAddUpToTheWonAmountExactly() async {
        await propertyCheck(count: 300, input: Gen.int64(in: -1_000_000_000_000...1_000_000_000_000), Gen.int(in: 1...7)) {
            cents, campaignCount in await recordingErrors {
            let won = Money(minorUnits: cents, currency: "EUR")
            var deal = CampaignRecord(customers: ["cus-1"])
            (deal.wonAmount, deal.wonAt) = (won, Timestamp(secondsSince1970: 1_000))
            let touches = (0..<campaignCount).map { CampaignTouch(campaignId: "cmp-\($0)", at: Timestamp(secondsSince1970: Int64($0))) }
            let view = CampaignSnapshot(
                campaigns: [:], touches: ["customer:cus-1": touches + touches], people: [:], leads: [], deals: ["opp-1": deal])
            let even = view.attributedRevenue(.evenSplit).values.map { $0.first?.minorUnits ?? 0 }
            #expect(even.count == campaignCount)
            #expect(even.reduce(0, +) == cents)
            #expect((even.max() ?? 0) - (even.min() ?? 0) <= 1)
            #expect(view.attributedRevenue(.firstTouch) == ["cmp-0": [won]])
            #expect(view.attributedRevenue(.lastTouch) == ["cmp-\(campaignCount - 1)": [won]])
        } }
    }
}
