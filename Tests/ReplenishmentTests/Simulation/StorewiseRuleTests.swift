import Forecasting
import Replenishment
import TestSupport
import Testing

@Suite("StorewiseRule")
struct StorewiseRuleTests {
    /// Twelve real m5_tiny series over a 91-day window with L = 3: a higher target must not
    /// serve less or hold less (the policy's order-up-to level grows with the service level),
    /// and the rates are proper shares.
    @Test func higherTargetServesMoreOnRealSeries() throws {
        guard let m5 = M5Tiny.load() else { return }
        let series = m5.dataset.series.prefix(12).map { SimulationSeries(id: $0.id, demand: $0.sales, unitValue: 1) }
        let simulation = InventorySimulation(leadTimeDays: 3, reviewPeriod: 7, days: 91)
        let rules: [any ReplenishmentRule] = [StorewiseRule(serviceLevel: 0.90), StorewiseRule(serviceLevel: 0.95)]
        let result = try simulation.simulate(Array(series), rules: rules, threads: 2)
        let (p90, p95) = (result[0], result[1])
        for m in result {
            #expect(m.fillRate > 0 && m.fillRate <= 1)
            #expect(m.cycleServiceLevel > 0 && m.cycleServiceLevel <= 1)
            // 91 days, R = 7, L = 3: cycles k with 7(k + 1) + 3 ≤ 91 → k ≤ 11.57 → 12 per series.
            #expect(m.cycles == 12 * 12)
            #expect(m.demandedUnits == m.servedUnits + m.lostUnits)
        }
        #expect(p95.cycleServiceLevel >= p90.cycleServiceLevel)
        #expect(p95.fillRate >= p90.fillRate)
        #expect(p95.averageOnHandUnits > p90.averageOnHandUnits)
        print("StorewiseRule on 12 m5_tiny series, 91 days, L=3: 90 % → CSL \(p90.cycleServiceLevel), fill \(p90.fillRate), units \(p90.averageOnHandUnits); "
            + "95 % → CSL \(p95.cycleServiceLevel), fill \(p95.fillRate), units \(p95.averageOnHandUnits)")
    }

    /// A stockout must not drag the next order down: after a censored week the imputed history
    /// keeps the level, so the rule orders at least what it did with the week observed in full.
    @Test func censoredDaysAreImputed() throws {
        let week: [Double] = [4, 6, 5, 7, 5, 6, 9]
        let history = Array([[Double]](repeating: week, count: 12).joined())
        let rule = StorewiseRule(serviceLevel: 0.95)
        func context(_ sales: [Double], _ censored: [Bool]) -> ReplenishmentContext {
            ReplenishmentContext(day: sales.count, windowStart: 0, sales: sales[...], censored: censored[...], onHand: 0, onOrder: 0,
                                 leadTimeDays: 3, reviewPeriod: 7, unitValue: 1)
        }
        let full = try rule.orderQuantity(context(history + week, [Bool](repeating: false, count: 91)))
        // Same weeks, but the last one sold out after 2 days: observed 4, 6, then zeros, censored.
        let cut = try rule.orderQuantity(context(history + [4, 6, 0, 0, 0, 0, 0], [Bool](repeating: false, count: 86) + [Bool](repeating: true, count: 5)))
        let naive = try rule.orderQuantity(context(history + [4, 6, 0, 0, 0, 0, 0], [Bool](repeating: false, count: 91)))
        #expect(full > 0)
        #expect(cut >= naive)
        #expect(abs(cut - full) <= full / 5)
    }

    @Test func invalidServiceLevelNamesTheField() {
        let c = ReplenishmentContext(day: 3, windowStart: 0, sales: [1, 2, 3], censored: [false, false, false], onHand: 0, onOrder: 0,
                                     leadTimeDays: 3, reviewPeriod: 7, unitValue: 1)
        #expect(throws: ReplenishmentError.invalidParameter(name: "serviceLevel", reason: "must lie strictly between 0 and 1, got 95.0")) {
            try StorewiseRule(serviceLevel: 95).orderQuantity(c)
        }
    }
}
