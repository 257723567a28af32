import Foundation
import Monitoring
import Pipeline
import Storage
import Testing

/// The promotion margin by hand, the options' checks, and the order features' columns.
@Suite struct PromotionPolicyTests {
    let policy = PromotionPolicy(margin: 0.02)

    func promotes(_ decision: PromotionDecision) -> Bool {
        if case .promote = decision { true } else { false }
    }

    /// Lower is better: the bar is champion × 0.98. Champion 1.0 → bar 0.98: 0.98 promotes
    /// (equal to the bar), 0.981 does not; an equal candidate (1.0) is not better by 2 %.
    @Test func lowerIsBetterEdges() {
        #expect(promotes(policy.decide(candidate: 0.98, champion: 1.0, higherIsBetter: false)))
        #expect(promotes(policy.decide(candidate: 0.5, champion: 1.0, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: 0.981, champion: 1.0, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: 1.0, champion: 1.0, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: 1.2, champion: 1.0, higherIsBetter: false)))
        // The brief's example: MASE 0.912 against 0.905 is worse, so it waits for a person.
        let decision = policy.decide(candidate: 0.912, champion: 0.905, higherIsBetter: false)
        #expect(!promotes(decision))
        #expect(decision.reason == "0.912 vs champion 0.905: not better by 2 %")
    }

    /// Higher is better: the bar is champion × 1.02. Champion 0.25 → bar 0.255.
    @Test func higherIsBetterEdges() {
        #expect(promotes(policy.decide(candidate: 0.255, champion: 0.25, higherIsBetter: true)))
        #expect(promotes(policy.decide(candidate: 0.3, champion: 0.25, higherIsBetter: true)))
        #expect(!promotes(policy.decide(candidate: 0.2549, champion: 0.25, higherIsBetter: true)))
        #expect(!promotes(policy.decide(candidate: 0.25, champion: 0.25, higherIsBetter: true)))
    }

    /// Nothing unmeasured is promoted without a person.
    @Test func missingValuesArePropositions() {
        #expect(!promotes(policy.decide(candidate: nil, champion: 1, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: 0.5, champion: nil, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: .nan, champion: 1, higherIsBetter: false)))
        #expect(!promotes(policy.decide(candidate: 0.5, champion: .infinity, higherIsBetter: false)))
    }

    /// Margin 0: any improvement, equality included (cand ≤ champ), promotes.
    @Test func zeroMargin() {
        let loose = PromotionPolicy(margin: 0)
        #expect(promotes(loose.decide(candidate: 1.0, champion: 1.0, higherIsBetter: false)))
        #expect(!promotes(loose.decide(candidate: 1.0001, champion: 1.0, higherIsBetter: false)))
    }

    @Test func optionsNameTheField() throws {
        try LifecycleOptions().validate()
        var options = LifecycleOptions()
        options.promotionMargin = 1.5
        #expect(throws: LifecycleError.invalidOption(name: "promotionMargin", reason: "must be in [0, 1), got 1.5")) { try options.validate() }
        options = LifecycleOptions()
        options.backoffCapSeconds = 10
        #expect { try options.validate() } throws: { "\($0)".contains("backoffCapSeconds") }
        options = LifecycleOptions()
        options.webhookURL = "ftp://x"
        #expect { try options.validate() } throws: { "\($0)".contains("webhookURL") }
    }

    /// Two orders by hand: 12.50 online, 2 lines, 3 units, discounted, a first order of
    /// "Shirts"; 7.00 at POS, 1 line, 1 unit, a guest's, no product type.
    @Test func orderFeatureColumns() {
        let day = Date(timeIntervalSince1970: 0)
        let columns = OrderFeatures.columns([
            OrderFeatureRow(orderID: 1, createdAt: day, day: "1970-01-01", totalMinor: 1250, lineCount: 2, units: 3, channel: "online",
                            discounted: true, priorOrders: 0, topProductType: "Shirts"),
            OrderFeatureRow(orderID: 2, createdAt: day, day: "1970-01-01", totalMinor: 700, lineCount: 1, units: 1, channel: "pos",
                            discounted: false, priorOrders: nil, topProductType: ""),
            OrderFeatureRow(orderID: 3, createdAt: day, day: "1970-01-01", totalMinor: 0, lineCount: 1, units: 1, channel: "online",
                            discounted: false, priorOrders: 4, topProductType: "Hats"),
        ])
        #expect(columns == [
            .numerical("order_total", [12.5, 7, 0]), .numerical("lines", [2, 1, 1]), .numerical("units", [3, 1, 1]),
            .categorical("channel", ["online", "pos", "online"]), .categorical("discounted", ["yes", "no", "no"]),
            .categorical("customer", ["new", "guest", "returning"]), .categorical("product_type", ["Shirts", "", "Hats"]),
        ])
    }
}
