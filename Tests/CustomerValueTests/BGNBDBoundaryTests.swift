import CustomerValue
import Foundation
import Testing

/// BG/NBD predictions where a fit can land on a small shop: a, b → 0, so c = a + b + x − 1 < 0
/// for customers without repeat purchases and ₂F₁ is negative.
@Suite struct BGNBDBoundaryTests {
    /// As a, b → 0 with a/(a+b) = q, p is 1 with probability q (gone after the next purchase)
    /// and 0 otherwise (never gone). A customer with x = 0 has λ ~ Gamma(r, α+T) a posteriori, so
    /// E[Y(t)] = (1−q)·r·t/(α+T) + q·[1 − ((α+T)/(α+T+t))^r]. With r = 0.5, α = 7.5, T = 30, t = 90,
    /// q = 1/3: (2/3)·1.2 + (1/3)·(1 − √(37.5/127.5)) = 0.8 + (1/3)·0.457674 = 0.952558.
    @Test func conditionalExpectationNearTheDegenerateDropoutLimit() throws {
        let model = try BGNBDModel(r: 0.5, alpha: 7.5, a: 1e-6, b: 2e-6)
        let value = try model.conditionalExpectedPurchases(in: 90, for: RFMSummary(frequency: 0, recency: 0, age: 30))
        #expect(abs(value - 0.952558) < 1e-3)
    }
}
