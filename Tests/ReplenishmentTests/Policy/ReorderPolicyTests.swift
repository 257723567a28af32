import Foundation
import Testing
@testable import Replenishment

@Suite("ReorderPolicy")
struct ReorderPolicyTests {
    static func normal100() throws -> LeadTimeDemand { try .normal(mean: 100, standardDeviation: 20) }

    /// Normal D over L + R with mean 100, σ 20, CSL 95 %: 100 + 1.6449·20 = 132.9 → s = 133,
    /// safety stock 133 − 100 = 33. Position 40 < 133 → order S − position = 133 − 40 = 93.
    @Test func normalReorderPoint() throws {
        let d = try Self.normal100()
        let decision = try ReorderPolicy(target: .cycleServiceLevel(0.95))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 0, position: 40)
        #expect(decision.reorderPoint == 133)
        #expect(decision.orderUpTo == 133)
        #expect(decision.safetyStock == 33)
        #expect(decision.suggestedQuantity == 93)
        #expect(decision.serviceLevel == 0.95)
        #expect(decision.distribution == .normal)
        #expect(decision.leadTimeDemandMean == 100)
        // At or above s nothing is ordered.
        let stocked = try ReorderPolicy(target: .cycleServiceLevel(0.95))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 0, position: 133)
        #expect(stocked.suggestedQuantity == 0)
    }

    /// Random lead time: d̄ 10/day σ_d 3, L̄ 4 σ_L 1 → σ = √(4·9 + 100·1) = √136 = 11.662;
    /// safety stock z·σ = 1.6449·11.662 = 19.18, ROP = 40 + 19.18 = 59.18 → 60.
    @Test func randomLeadTimeSafetyStock() throws {
        let d = try LeadTimeDemandBuilder.fromDailyMoments(
            means: [10, 10, 10, 10], variances: [9, 9, 9, 9], days: 4,
            leadTime: LeadTime(meanDays: 4, standardDeviationDays: 1), intermittent: false)
        let decision = try ReorderPolicy(target: .cycleServiceLevel(0.95))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 0, position: 100)
        #expect(decision.reorderPoint == 60)
        #expect(decision.safetyStock == 20)
        #expect(decision.suggestedQuantity == 0)
    }

    /// Stockout risk = P(D over L > position) for Poisson(2) over L: position 3 → 1 − 0.857123 = 0.142877;
    /// a negative position is a certain stockout. Protection Poisson(3), 90 %:
    /// p = e^−3·3^k/k!: 0.049787, 0.149361, 0.224042, 0.224042, 0.168031, 0.100819 → cdf 0.647232 (k=3),
    /// 0.815263 (k=4), 0.916082 (k=5) → s = 5; order 5 − 3 = 2.
    @Test func poissonPolicyAndStockoutRisk() throws {
        let lead = try LeadTimeDemand.poisson(mean: 2)
        let protection = try LeadTimeDemand.poisson(mean: 3)
        let policy = ReorderPolicy(target: .cycleServiceLevel(0.90))
        let decision = try policy.decide(leadTime: lead, protection: protection, reviewDemandMean: 1, annualDemand: 365, position: 3)
        #expect(decision.reorderPoint == 5)
        #expect(decision.suggestedQuantity == 2)
        #expect(abs(decision.stockoutRisk - 0.142877) < 1e-6)
        #expect(decision.distribution == .poisson)
        let empty = try policy.decide(leadTime: lead, protection: protection, reviewDemandMean: 1, annualDemand: 365, position: -2)
        #expect(empty.stockoutRisk == 1)
        #expect(empty.suggestedQuantity == 7)
    }

    /// Fill rate 80 % with D_L ~ Poisson(1), D_{L+R} ~ Poisson(2), E[D_R] = 1: allowed shortage (1 − 0.8)·1 = 0.2.
    /// Loss L(S+1) = L(S) − P(D > S), L(0) = μ:
    ///   Poisson(2): L(2) = 0.541341, L(3) = 0.541341 − (1 − 0.676676) = 0.218017
    ///   Poisson(1): L(2) = 0.103638, L(3) = 0.103638 − (1 − 0.919699) = 0.023337
    ///   ESC(2) = 0.541341 − 0.103638 = 0.4377 > 0.2; ESC(3) = 0.218017 − 0.023337 = 0.1947 ≤ 0.2 → S = 3,
    ///   implied CSL P(Poisson(2) ≤ 3) = 0.857123. (The simpler ESC = L_{L+R}(S) would need S = 4: 0.218 > 0.2.)
    @Test func fillRateWithCounts() throws {
        let decision = try ReorderPolicy(target: .fillRate(0.80)).decide(
            leadTime: .poisson(mean: 1), protection: .poisson(mean: 2), reviewDemandMean: 1, annualDemand: 365, position: 0)
        #expect(decision.reorderPoint == 3)
        #expect(abs(decision.serviceLevel - 0.857123) < 1e-6)
        // One empirical law takes the bisection path: lead time [0, 1, 1, 2], protection still Poisson(2).
        let mixed = try ReorderPolicy(target: .fillRate(0.80)).decide(
            leadTime: .empirical([0, 1, 1, 2]), protection: .poisson(mean: 2), reviewDemandMean: 1, annualDemand: 365, position: 0)
        // Empirical lead law [0,1,1,2]: L(3) = 0, so ESC(3) = 0.218017 > 0.2 and ESC(4) = 0.075140 → S = 4.
        #expect(mixed.reorderPoint == 4)
    }

    /// Normal fill rate: σ = 20, E[D_R] = 100, β = 98 % → G(z) = 0.1 → z = 0.9024 (hand-solved in
    /// SafetyStockFormulasTests); S = 100 + 0.9024·20 = 118.05 → 119; implied CSL Φ(0.9024) = 0.8166.
    @Test func fillRateWithNormal() throws {
        let d = try Self.normal100()
        let decision = try ReorderPolicy(target: .fillRate(0.98))
            .decide(leadTime: d, protection: d, reviewDemandMean: 100, annualDemand: 0, position: 0)
        #expect(decision.reorderPoint == 119)
        #expect(abs(decision.serviceLevel - 0.8166) < 1e-3)
    }

    /// Newsvendor: margin 6, holding 2 → 6/(6 + 2) = 0.75.
    @Test func newsvendorRatio() throws {
        #expect(try ServiceTarget.newsvendor(underageCost: 6, overageCost: 2) == .cycleServiceLevel(0.75))
    }

    /// EOQ sizing: √(2·1200·50/3) = 200; s = 133 (normal case above) → S = 333; position 100 → 233.
    @Test func eoqSizing() throws {
        let d = try Self.normal100()
        let decision = try ReorderPolicy(target: .cycleServiceLevel(0.95),
                                         sizing: .economicOrderQuantity(orderCost: 50, holdingCostPerUnitYear: 3))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 1200, position: 100)
        #expect(decision.reorderPoint == 133)
        #expect(decision.orderUpTo == 333)
        #expect(decision.suggestedQuantity == 233)
    }

    /// Max-stock cap: s = 133 but max 120 → S = 120 and s = 120. Position 50: want 120 − 50 = 70 → pack 12 → 72,
    /// but 50 + 72 = 122 > 120 → round the room down to the pack: ⌊70/12⌋·12 = 60.
    @Test func maximumStockCapsTheOrder() throws {
        let d = try Self.normal100()
        let decision = try ReorderPolicy(target: .cycleServiceLevel(0.95),
                                         constraints: OrderConstraints(casePack: 12, maximumStock: 120))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 0, position: 50)
        #expect(decision.orderUpTo == 120)
        #expect(decision.reorderPoint == 120)
        #expect(decision.suggestedQuantity == 60)
        #expect(decision.notes.contains("order 72 → 60 (max stock 120, case pack 12)"))
    }

    /// Override: s = 40 replaces 133; S = s = 40; position 30 → 10, then pack 12 → 12.
    /// Minimum stock: Poisson(0.5) at 95 % gives s = 2, floored to 5; position 1 → 4.
    @Test func overrideAndMinimumStock() throws {
        let d = try Self.normal100()
        let overridden = try ReorderPolicy(target: .cycleServiceLevel(0.95),
                                           constraints: OrderConstraints(casePack: 12, reorderPointOverride: 40))
            .decide(leadTime: d, protection: d, reviewDemandMean: 0, annualDemand: 0, position: 30)
        #expect(overridden.reorderPoint == 40)
        #expect(overridden.suggestedQuantity == 12)
        #expect(overridden.safetyStock == -60)
        let p = try LeadTimeDemand.poisson(mean: 0.5)
        let floored = try ReorderPolicy(target: .cycleServiceLevel(0.95), constraints: OrderConstraints(minimumStock: 5))
            .decide(leadTime: p, protection: p, reviewDemandMean: 0, annualDemand: 0, position: 1)
        #expect(floored.reorderPoint == 5)
        #expect(floored.suggestedQuantity == 4)
        #expect(floored.notes == ["reorder point 2 → 5 (minimum stock)"])
    }

    @Test func invalidInputsNameTheField() throws {
        let d = try Self.normal100()
        func decide(_ policy: ReorderPolicy, review: Double = 1, annual: Double = 1) throws {
            _ = try policy.decide(leadTime: d, protection: d, reviewDemandMean: review, annualDemand: annual, position: 0)
        }
        expectInvalidParameter("cycleServiceLevel") { try decide(ReorderPolicy(target: .cycleServiceLevel(1))) }
        expectInvalidParameter("fillRate") { try decide(ReorderPolicy(target: .fillRate(-0.1))) }
        expectInvalidParameter("casePack") {
            try decide(ReorderPolicy(target: .cycleServiceLevel(0.9), constraints: OrderConstraints(casePack: 0)))
        }
        expectInvalidParameter("reviewDemandMean") { try decide(ReorderPolicy(target: .cycleServiceLevel(0.9)), review: .nan) }
        expectInvalidParameter("annualDemand") { try decide(ReorderPolicy(target: .cycleServiceLevel(0.9)), annual: -1) }
        expectInvalidParameter("holdingCostPerUnitYear") {
            try decide(ReorderPolicy(target: .cycleServiceLevel(0.9), sizing: .economicOrderQuantity(orderCost: 5, holdingCostPerUnitYear: 0)))
        }
        expectInvalidParameter("underageCost") { _ = try ServiceTarget.newsvendor(underageCost: 0, overageCost: 2) }
        expectInvalidParameter("overageCost") { _ = try ServiceTarget.newsvendor(underageCost: 1, overageCost: .nan) }
    }
}
