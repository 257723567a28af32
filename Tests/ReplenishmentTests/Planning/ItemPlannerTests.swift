import Foundation
import Testing
@testable import Replenishment

/// `ItemPlanner.plan` on items whose every number is worked out by hand.
@Suite("ItemPlanner")
struct ItemPlannerTests {
    /// Φ⁻¹(0.975): a 95 % central interval is mean ± 1.959964·σ.
    static let z95 = 1.959964

    /// A flat daily forecast of `mean` units with 95 % bounds mean ± z·σ (lower clipped at 0).
    static func flat(mean: Double, sigma: Double, days: Int = 28) -> DailyForecast {
        DailyForecast(means: Array(repeating: mean, count: days),
                      lower: Array(repeating: [max(0, mean - z95 * sigma)], count: days),
                      upper: Array(repeating: [mean + z95 * sigma], count: days), levels: [95])
    }

    /// 28 days: 2 sold every day except days 10–13, out of stock with no sale.
    static let history: [Double] = (0..<28).map { (10...13).contains($0) ? 0 : 2 }
    static let inStock: [Bool] = (0..<28).map { !(10...13).contains($0) }

    static func input(service: ServiceChoice = .cycleServiceLevel(0.95)) -> ItemPlanInput {
        ItemPlanInput(
            history: history, inStock: inStock, forecast: flat(mean: 2, sigma: 1), onHand: 13, onOrder: 5, committed: 3,
            leadTime: LeadTime(meanDays: 3), reviewPeriodDays: 7, service: service,
            constraints: OrderConstraints(casePack: 6), unitPrice: 1000, unitCost: 400)
    }

    /// Forecast 2/day with σ 1/day (95 % bounds 2 ± 1.959964): the builder reads σ = (u − l)/(2z) = 1,
    /// variance 1 per day. Over L + R = 3 + 7 = 10 days: mean 20, variance 10 < 20 → not over-dispersed
    /// → Poisson (mean 20 < 30 rules out the normal). Over L = 3: mean 6, variance 3 → Poisson(6).
    ///
    /// Poisson(20) by the pmf recursion p(0) = e^−20, p(k) = p(k−1)·20/k, cumulated:
    ///   F(26) = 0.922113, F(27) = 0.947519 (< 0.95), F(28) = 0.965666 (≥ 0.95) → s = 28 = S.
    /// Safety stock 28 − 20 = 8. Position 13 + 5 − 3 = 15 < 28 → S − 15 = 13 → case pack 6 → 18.
    /// Stockout risk P(Poisson(6) > 15) = 1 − 0.9994909 = 5.0910e-4.
    /// Velocity: 24 in-stock days × 2 / 24 = 2/day. SBC: 24 demands in 28 days, ADI 1.17, CV² 0 → smooth.
    /// Health: on hand 13 > 0, sold yesterday, position 15 ≤ 28 → reorder. Cover 15 / 2 = 7.5 days.
    /// Replenish by: projected 15 − 2t falls below safety stock 8 first at t = 4 (15 − 8 = 7) → ⌊4 − 3⌋ = day 1.
    @Test func flatForecastPlansFromPoissonLeadTimeDemand() throws {
        let plan = try ItemPlanner.plan(Self.input())
        let protection = try #require(plan.protectionDemand)
        let lead = try #require(plan.leadTimeDemand)
        #expect(protection.kind == .poisson)
        #expect(abs(protection.mean - 20) < 1e-12)
        #expect(lead.kind == .poisson)
        #expect(abs(lead.mean - 6) < 1e-12)
        #expect(!plan.intermittent)

        let d = plan.decision
        #expect(d.distribution == .poisson)
        #expect(d.serviceLevel == 0.95)
        #expect(d.reorderPoint == 28)
        #expect(d.orderUpTo == 28)
        #expect(abs(d.safetyStock - 8) < 1e-12)
        #expect(abs(d.leadTimeDemandMean - 20) < 1e-12)
        #expect(d.suggestedQuantity == 18)
        #expect(abs(d.stockoutRisk - 5.0910e-4) < 1e-7)

        #expect(plan.velocity.unitsPerDay == 2)
        #expect(plan.velocity.inStockDays == 24 && plan.velocity.windowDays == 28)
        let h = plan.health
        #expect(h.position == 15)
        #expect(h.status == .reorder)
        #expect(h.daysOfCover == 7.5)
        #expect(h.replenishByDay == 1)
        // Lost revenue per day: risk × velocity × price = 5.0910e-4 × 2 × 1000 = 1.0182.
        #expect(abs(h.lostRevenuePerDay - 1.0182) < 1e-3)

        // The reason carries every number a merchant needs to redo the sum.
        for fragment in [
            "Sells 2/day on in-stock days (24 of the last 28).",
            "Lead time 3 d + review 7 d: expects 20 units; 95 % service (Poisson) → reorder point 28.",
            "Position 15 (on hand 13, on order 5, committed 3) → order 18.",
            "Rounded 13 → 18 (case pack 6).",
            "Out of stock 4 of the last 28 days.",
        ] {
            #expect(plan.reason.contains(fragment), "\(fragment) not in: \(plan.reason)")
        }
    }

    /// The same item with the newsvendor target: price 1000, cost 400, holding 25 %/yr, review 7 →
    /// c_u = 600, c_o = 400·0.25·7/365 = 1.91781, ratio 600/601.91781 = 0.99681 → clamped to 0.995.
    /// Poisson(20): F(31) = 0.991908 < 0.995 ≤ F(32) = 0.995273 → s = 32; order 32 − 15 = 17 → 18.
    @Test func newsvendorTargetRaisesTheReorderPoint() throws {
        let plan = try ItemPlanner.plan(Self.input(service: .newsvendor))
        #expect(plan.decision.serviceLevel == 0.995)
        #expect(plan.decision.reorderPoint == 32)
        #expect(plan.decision.suggestedQuantity == 18)
        #expect(plan.reason.contains("99.5 % service (Poisson) → reorder point 32"), "\(plan.reason)")
        #expect(plan.reason.contains("Rounded 17 → 18 (case pack 6)."), "\(plan.reason)")
    }

    /// Interval spread 2 (a calibrated shop): bounds move twice as far from the mean, 2 ± 3.919928 → the
    /// lower bound clips at 0, so σ = (5.919928 − 2)/1.959964 = 2 (the upper half beats the half-width
    /// 5.92/3.92 = 1.51): variance 4/day, 40 over 10 days > mean 20 → negative binomial, size
    /// r = 20²/(40 − 20) = 20. NB pmf recursion p(0) = (r/(r+μ))^r = 0.5^20, p(k+1) = p(k)·(k+r)/(k+1)·μ/(r+μ):
    /// F(30) = 0.940540 < 0.95 ≤ F(31) = 0.954043 → s = 31; position 15 → 16 → case pack 6 → 18.
    /// A spread of 0 is refused naming the field.
    @Test func intervalSpreadWidensTheLeadTimeDemand() throws {
        var input = Self.input()
        input.intervalSpread = 2
        let plan = try ItemPlanner.plan(input)
        let protection = try #require(plan.protectionDemand)
        #expect(protection.kind == .negativeBinomial)
        #expect(abs(protection.mean - 20) < 1e-12)
        #expect(abs(protection.variance - 40) < 1e-4)
        #expect(abs((protection.size ?? 0) - 20) < 1e-4)
        #expect(plan.decision.reorderPoint == 31)
        #expect(plan.decision.suggestedQuantity == 18)
        #expect(plan.reason.contains("95 % service (negative binomial) → reorder point 31"), "\(plan.reason)")
        input.intervalSpread = 0
        expectInvalidParameter("intervalSpread") { _ = try ItemPlanner.plan(input) }
    }

    /// Never sold, no forecast, 5 on hand: nothing to protect, no minimum → s = S = 0, no order.
    /// Health: stock on hand and never sold → dead stock, marked down 40 %.
    @Test func noForecastAndNoMinimumOrdersNothing() throws {
        let plan = try ItemPlanner.plan(ItemPlanInput(
            history: [], inStock: [], forecast: .none, onHand: 5, onOrder: 0, committed: 0, leadTime: LeadTime(meanDays: 3),
            reviewPeriodDays: 7, service: .cycleServiceLevel(0.95), unitPrice: 1000, unitCost: 400))
        #expect(plan.leadTimeDemand == nil && plan.protectionDemand == nil)
        #expect(plan.decision.reorderPoint == 0 && plan.decision.orderUpTo == 0)
        #expect(plan.decision.suggestedQuantity == 0)
        #expect(plan.decision.notes == ["no sales forecast"])
        #expect(plan.velocity.unitsPerDay == 0 && plan.velocity.windowDays == 0)
        #expect(plan.health.status == .deadStock)
        #expect(plan.health.markdownPercent == 40)
        #expect(plan.health.lostRevenuePerDay == 0)
        #expect(plan.reason.hasPrefix("No sales yet. Position 5."), "\(plan.reason)")
        #expect(plan.reason.contains("Never sold with 5 on hand."), "\(plan.reason)")
    }

    /// Never sold, 5 on hand, dead-stock window 90 days: listed 20 days ago it is a new listing (healthy,
    /// no markdown); listed 90 days ago (= the window) it is dead stock with the 40 % markdown; with no
    /// listing date it stays dead stock, as before.
    @Test func aNewListingThatHasNotSoldIsNotDeadStock() throws {
        func plan(listed: Int?) throws -> ItemPlan {
            try ItemPlanner.plan(ItemPlanInput(
                history: [], inStock: [], forecast: .none, onHand: 5, onOrder: 0, committed: 0, leadTime: LeadTime(meanDays: 3),
                reviewPeriodDays: 7, service: .cycleServiceLevel(0.95), unitPrice: 1000, unitCost: 400, deadStockDays: 90,
                daysListed: listed))
        }
        let new = try plan(listed: 20)
        #expect(new.health.status == .healthy && new.health.markdownPercent == nil)
        #expect(new.reason.contains("Listed 20 days ago, no sale yet."), "\(new.reason)")
        let old = try plan(listed: 90)
        #expect(old.health.status == .deadStock && old.health.markdownPercent == 40)
        #expect(old.reason.contains("No sale in 90 days"), "\(old.reason)")
        #expect(try plan(listed: nil).health.status == .deadStock)
    }

    /// A slow mover: 0.05/day with σ 0.1 (95 % bounds 0 … 0.246; the builder takes the upper half,
    /// σ = 0.196/1.96 = 0.1), over L + R = 3 + 7 days mean 0.5, variance 0.1 < mean → Poisson(0.5):
    /// F(1) = e^−0.5 · 1.5 = 0.9098, F(2) = 0.9098 + e^−0.5 · 0.125 = 0.9856 → S = s = 2. Case pack 6.
    /// On hand 8: 6 above S, cover 8 / 0.05 = 160 days > 120, but within one case → healthy, no markdown.
    /// On hand 9: 7 above S, more than a case → overstock with the 15 % markdown (160 < 2 × 120 … 180 < 240).
    @Test func overstockNeedsMoreThanOneCaseAboveTheOrderUpToLevel() throws {
        func plan(onHand: Int) throws -> ItemPlan {
            try ItemPlanner.plan(ItemPlanInput(
                history: (0..<28).map { $0 == 18 ? 1 : 0 }, inStock: Array(repeating: true, count: 28),
                forecast: Self.flat(mean: 0.05, sigma: 0.1), onHand: onHand, onOrder: 0, committed: 0,
                leadTime: LeadTime(meanDays: 3), reviewPeriodDays: 7, service: .cycleServiceLevel(0.95),
                constraints: OrderConstraints(casePack: 6), unitPrice: 1000, unitCost: 400))
        }
        let withinACase = try plan(onHand: 8)
        #expect(withinACase.decision.distribution == .poisson && withinACase.decision.orderUpTo == 2)
        #expect(withinACase.health.status == .healthy && withinACase.health.markdownPercent == nil)
        let beyond = try plan(onHand: 9)
        #expect(beyond.health.status == .overstock && beyond.health.markdownPercent == 15)
    }

    /// No forecast with a shelf minimum of 4, case pack 2: position 1 + 0 − 0 = 1 < 4 → order 4 − 1 = 3,
    /// rounded up to 2 cases = 4. With a maximum of 3 below the minimum the cap wins: 3 − 1 = 2 → 2.
    @Test func noForecastHoldsTheMinimumStock() throws {
        func plan(maximum: Int?) throws -> ItemPlan {
            try ItemPlanner.plan(ItemPlanInput(
                history: [], inStock: [], forecast: .none, onHand: 1, onOrder: 0, committed: 0, leadTime: LeadTime(meanDays: 3),
                reviewPeriodDays: 7, service: .cycleServiceLevel(0.9),
                constraints: OrderConstraints(casePack: 2, minimumStock: 4, maximumStock: maximum), unitPrice: 1000, unitCost: 400))
        }
        let floor = try plan(maximum: nil)
        #expect(floor.decision.reorderPoint == 4 && floor.decision.orderUpTo == 4)
        #expect(floor.decision.suggestedQuantity == 4)
        #expect(floor.decision.serviceLevel == 0.9)
        #expect(floor.decision.notes == ["no sales forecast; holding the minimum of 4"])
        #expect(floor.reason.contains("Position 1 → order 4."), "\(floor.reason)")
        let capped = try plan(maximum: 3)
        #expect(capped.decision.reorderPoint == 3)
        #expect(capped.decision.suggestedQuantity == 2)
    }

    /// A forecast of zeros (sold 10 days ago, nothing expected) is planned like no forecast: s = S = 0.
    /// Health: 5 on hand, last sale 9 days before the as-of day (< 90: not dead), position 5 > s = 0,
    /// no cover figure (no demand expected) → counts as endless cover and 5 > S = 0 → overstock, and
    /// with no cover figure the markdown is 30 %.
    @Test func zeroForecastWithStockIsOverstock() throws {
        var history = [Double](repeating: 0, count: 10)
        history[0] = 1
        let zeros = DailyForecast(means: Array(repeating: 0, count: 14), lower: Array(repeating: [0], count: 14),
                                  upper: Array(repeating: [0], count: 14), levels: [95])
        let plan = try ItemPlanner.plan(ItemPlanInput(
            history: history, inStock: Array(repeating: true, count: 10), forecast: zeros, onHand: 5, onOrder: 0, committed: 0,
            leadTime: LeadTime(meanDays: 3), reviewPeriodDays: 7, service: .cycleServiceLevel(0.95), unitPrice: 1000, unitCost: 400))
        #expect(plan.protectionDemand == nil)
        #expect(plan.decision.suggestedQuantity == 0)
        #expect(plan.health.daysOfCover == nil)
        #expect(plan.health.status == .overstock)
        #expect(plan.health.markdownPercent == 30)
        // Velocity 1 unit over 10 in-stock days.
        #expect(plan.velocity.unitsPerDay == 0.1)
    }

    /// Lengths and the review period are checked before anything is computed; errors name the field.
    @Test func badInputNamesTheField() {
        var input = Self.input()
        input.inStock = Array(input.inStock.dropLast())
        expectInvalidParameter("inStock") { _ = try ItemPlanner.plan(input) }
        input = Self.input()
        input.reviewPeriodDays = 0
        expectInvalidParameter("reviewPeriodDays") { _ = try ItemPlanner.plan(input) }
        input = Self.input()
        input.constraints.casePack = 0
        expectInvalidParameter("casePack") { _ = try ItemPlanner.plan(input) }
        input = Self.input()
        input.leadTime = LeadTime(meanDays: -1)
        expectInvalidParameter("leadTime.meanDays") { _ = try ItemPlanner.plan(input) }
    }
}
