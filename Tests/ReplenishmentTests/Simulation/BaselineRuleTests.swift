import Replenishment
import Testing

@Suite("Baseline rules")
struct BaselineRuleTests {
    private func context(sales: [Double], windowStart: Int? = nil, onHand: Int, onOrder: Int = 0, lead: Int, review: Int = 7) -> ReplenishmentContext {
        ReplenishmentContext(
            day: sales.count, windowStart: windowStart ?? sales.count, sales: sales[...], censored: [Bool](repeating: false, count: sales.count)[...],
            onHand: onHand, onOrder: onOrder, leadTimeDays: lead, reviewPeriod: review, unitValue: 1)
    }

    /// 10 old days of 100 (outside the 30-day sample), then 30 days summing to 45:
    /// rate = 45 / 30 = 1.5 a day. L = 7, R = 7: reorder point ⌈1.5 × 7⌉ = ⌈10.5⌉ = 11,
    /// order-up-to ⌈1.5 × 14⌉ = 21. Position 11 ≤ 11 → order 21 − 11 = 10; position 12 → none;
    /// position 5 split as 3 on hand + 2 on order → 21 − 5 = 16.
    @Test func stockyByHand() throws {
        let sample = (0..<30).map { Double($0 % 3) }   // 0, 1, 2 repeated: 10 × 3 = 30… × 1.5
        #expect(sample.reduce(0, +) == 30)
        let sales = [Double](repeating: 100, count: 10) + sample.map { $0 * 1.5 }   // sum 45
        let rule = StockyRule()
        #expect(rule.rate(context(sales: sales, onHand: 0, lead: 7)) == 1.5)
        #expect(try rule.orderQuantity(context(sales: sales, onHand: 11, lead: 7)) == 10)
        #expect(try rule.orderQuantity(context(sales: sales, onHand: 12, lead: 7)) == 0)
        #expect(try rule.orderQuantity(context(sales: sales, onHand: 3, onOrder: 2, lead: 7)) == 16)
        // Exact thirds: 10 units in 30 days, L = 3 → reorder point 10 × 3 / 30 = 1 exactly (not 2),
        // order-up-to 10 × 10 / 30 = 3.33 → 4; position 1 → order 3, position 2 → none.
        let thirds = [Double](repeating: 0, count: 20) + [Double](repeating: 1, count: 10)
        #expect(try rule.orderQuantity(context(sales: thirds, onHand: 1, lead: 3)) == 3)
        #expect(try rule.orderQuantity(context(sales: thirds, onHand: 2, lead: 3)) == 0)
        // Stockout days count as zero sales: 15 days of 2 then 15 censored zeros → rate 1, not 2.
        let stockedOut = [Double](repeating: 2, count: 15) + [Double](repeating: 0, count: 15)
        #expect(rule.rate(context(sales: stockedOut, onHand: 0, lead: 3)) == 1)
    }

    /// 9 old days of 50 (outside the 91-day baseline), then 91 days summing to 52:
    /// mean 52 / 91 = 4/7 a day; L = 3, R = 7: limit ⌈4/7 × 10 × 1.5⌉ = ⌈60/7 = 8.57⌉ = 9.
    /// Sales after the window start (here 20 days of 30) do not move it.
    @Test func fixedMaxByHand() throws {
        let baseline = (0..<91).map { $0 < 52 ? 1.0 : 0.0 }
        let history = [Double](repeating: 50, count: 9) + baseline
        let rule = FixedMaxRule()
        #expect(try rule.shelfLimit(context(sales: history, onHand: 0, lead: 3)) == 9)
        let later = history + [Double](repeating: 30, count: 20)
        #expect(try rule.shelfLimit(context(sales: later, windowStart: 100, onHand: 0, lead: 3)) == 9)
        #expect(try rule.orderQuantity(context(sales: later, windowStart: 100, onHand: 4, lead: 3)) == 5)
        #expect(try rule.orderQuantity(context(sales: later, windowStart: 100, onHand: 12, lead: 3)) == 0)
        // L = 7: ⌈4/7 × 14 × 1.5⌉ = 12 exactly.
        #expect(try rule.shelfLimit(context(sales: history, onHand: 0, lead: 7)) == 12)
    }

    @Test func invalidParametersNameTheField() {
        let c = context(sales: [1, 2, 3], onHand: 0, lead: 3)
        #expect(throws: ReplenishmentError.invalidParameter(name: "sampleDays", reason: "must be at least 1, got 0")) {
            try StockyRule(sampleDays: 0).orderQuantity(c)
        }
        #expect(throws: ReplenishmentError.self) { try FixedMaxRule(factor: -1).orderQuantity(c) }
    }
}
