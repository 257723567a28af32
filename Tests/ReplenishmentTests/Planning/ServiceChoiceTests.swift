import Testing
@testable import Replenishment

/// `ServiceChoice.target`: the merchant's choice as a policy target, the newsvendor ratio by hand.
@Suite("ServiceChoice")
struct ServiceChoiceTests {
    func level(_ choice: ServiceChoice, price: Double, cost: Double, holding: Double = 0.25, review: Int = 7) throws -> Double? {
        guard case .cycleServiceLevel(let p) = try choice.target(unitPrice: price, unitCost: cost, holdingCostRate: holding,
                                                                 reviewPeriodDays: review) else { return nil }
        return p
    }

    /// Price 10, cost 4, holding 25 %/yr, review 7 days: c_u = 10 − 4 = 6 (margin lost per unit short),
    /// c_o = 4 × 0.25 × 7/365 = 7/365 = 0.019178 (carrying a unit one more cycle),
    /// ratio 6 / (6 + 0.019178) = 0.996814 → above the 0.995 cap → 0.995.
    @Test func newsvendorIsClampedAtTheTop() throws {
        #expect(try level(.newsvendor, price: 10, cost: 4) == 0.995)
    }

    /// Price 5, cost 4, holding 100 %/yr, review 73 days: c_u = 1, c_o = 4 × 1 × 73/365 = 0.8,
    /// ratio 1 / 1.8 = 0.5556, inside [0.5, 0.995], kept.
    @Test func newsvendorInsideTheRangeIsKept() throws {
        let p = try #require(try level(.newsvendor, price: 5, cost: 4, holding: 1, review: 73))
        #expect(abs(p - 1 / 1.8) < 1e-12)
    }

    /// Price 4.1, cost 4, holding 500 %/yr, review 365: c_u = 0.1, c_o = 4 × 5 × 1 = 20,
    /// ratio 0.1 / 20.1 = 0.004975 → below the 0.5 floor → 0.5. No margin at all (price = cost) → 0.5;
    /// no cost (nothing to carry) with a margin → 0.995.
    @Test func newsvendorEdgesAreClamped() throws {
        #expect(try level(.newsvendor, price: 4.1, cost: 4, holding: 5, review: 365) == 0.5)
        #expect(try level(.newsvendor, price: 4, cost: 4) == 0.5)
        #expect(try level(.newsvendor, price: 4, cost: 0) == 0.995)
    }

    /// Explicit choices pass through unchanged.
    @Test func explicitTargetsPassThrough() throws {
        #expect(try ServiceChoice.cycleServiceLevel(0.9).target(unitPrice: 10, unitCost: 4, holdingCostRate: 0.25, reviewPeriodDays: 7)
                == .cycleServiceLevel(0.9))
        #expect(try ServiceChoice.fillRate(0.98).target(unitPrice: 10, unitCost: 4, holdingCostRate: 0.25, reviewPeriodDays: 7)
                == .fillRate(0.98))
    }
}
