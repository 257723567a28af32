import Replenishment
import Synchronization
import Testing

/// Keeps every context a rule was asked with, then answers with the wrapped rule.
final class RecordingRule<Inner: ReplenishmentRule>: ReplenishmentRule, Sendable {
    let inner: Inner
    let contexts = Mutex<[ReplenishmentContext]>([])
    init(_ inner: Inner) { self.inner = inner }
    var name: String { inner.name }
    func orderQuantity(_ context: ReplenishmentContext) throws -> Int {
        contexts.withLock { $0.append(context) }
        return try inner.orderQuantity(context)
    }
}

@Suite("InventorySimulation")
struct InventorySimulationTests {
    /// Constant demand 2/day, 14 days of history, a 28-day window, L = 3, R = 7, unit value 4.
    /// FixedMax: limit = ⌈mean 2 × (3 + 7) × 1.5⌉ = 30 (only 14 history days exist, all 2).
    /// Day 0 starts with 30; end of days 0…6: 28, 26, 24, 22, 20, 18, 16 (sum 154).
    /// Review day 7: on hand 16 → order 30 − 16 = 14, due day 10. Days 7…13 end on
    /// 14, 12, 10, (10 + 14 − 2 =) 22, 20, 18, 16 (sum 112); the review on day 14 again finds
    /// 16 on hand and nothing on order, so weeks 2, 3 and 4 repeat: total 154 + 3 × 112 = 490,
    /// average 490 / 28 = 17.5 units, value 17.5 × 4 = 70. Orders on days 7, 14, 21 (14 units
    /// each). Whole cycles: (k + 1)·7 + 3 ≤ 28 → k = 0, 1, 2 → 3, none short.
    @Test func constantDemandFixedRule() throws {
        let series = SimulationSeries(id: "const", demand: [Double](repeating: 2, count: 14 + 28), unitValue: 4)
        let run = try InventorySimulation(leadTimeDays: 3, reviewPeriod: 7, days: 28).simulate(series, rule: FixedMaxRule())
        #expect(run.initialStock == 30)
        let week = [14, 12, 10, 22, 20, 18, 16]
        #expect(run.onHand == [28, 26, 24, 22, 20, 18, 16] + week + week + week)
        #expect(run.lost == [Int](repeating: 0, count: 28))
        #expect(run.orders.map(\.day) == [21, 28, 35])  // window starts at series day 14
        #expect(run.orders.map(\.arrival) == [24, 31, 38])
        #expect(run.orders.map(\.quantity) == [14, 14, 14])
        let m = run.metrics
        #expect(m.cycles == 3 && m.stockoutCycles == 0)
        #expect(m.demandedUnits == 56 && m.servedUnits == 56 && m.lostUnits == 0)
        #expect(m.orders == 3 && m.orderedUnits == 42)
        #expect(m.averageOnHandUnits == 17.5)
        #expect(m.averageOnHandValue == 70)
        #expect(m.fillRate == 1 && m.cycleServiceLevel == 1 && m.stockoutDays == 0)
    }

    /// Demand doubles at the window start: 30 history days of 2, then 14 days of 4; L = 2, R = 7.
    /// Stocky at day 0: rate 2, order-up-to ⌈2 × 9⌉ = 18 on the shelf. Days 0…3 end on
    /// 14, 10, 6, 2; day 4 sells 2 and loses 2; days 5, 6 lose 4 each (shelf empty, censored).
    /// Review day 7: last 30 observed days = 23 history days of 2 (46) + 4, 4, 4, 4, 2, 0, 0 (18)
    /// = 64; reorder point ⌈64 × 2 / 30⌉ = ⌈4.27⌉ = 5 ≥ position 0, so order up to
    /// ⌈64 × 9 / 30⌉ = ⌈19.2⌉ = 20, due day 9. Days 7, 8 lose 4 each; day 9 receives 20 and ends on
    /// 16, then 12, 8, 4, 0. Lost 2 + 4 × 4 = 18 of 56: fill rate 38 / 56. One whole cycle
    /// ((k + 1)·7 + 2 ≤ 14 → k = 0), days [2, 9), which lost demand → CSL 0. On-hand sum
    /// 14 + 10 + 6 + 2 + 16 + 12 + 8 + 4 = 72.
    @Test func stockoutIsLostAndCensored() throws {
        let series = SimulationSeries(id: "jump", demand: [Double](repeating: 2, count: 30) + [Double](repeating: 4, count: 14), unitValue: 1)
        let rule = RecordingRule(StockyRule())
        let run = try InventorySimulation(leadTimeDays: 2, reviewPeriod: 7, days: 14).simulate(series, rule: rule)
        #expect(run.initialStock == 18)
        #expect(run.onHand == [14, 10, 6, 2, 0, 0, 0, 0, 0, 16, 12, 8, 4, 0])
        #expect(run.lost == [0, 0, 0, 0, 2, 4, 4, 4, 4, 0, 0, 0, 0, 0])
        #expect(run.orders == [.init(day: 37, arrival: 39, quantity: 20)])
        let m = run.metrics
        #expect(m.cycles == 1 && m.stockoutCycles == 1 && m.cycleServiceLevel == 0)
        #expect(m.demandedUnits == 56 && m.lostUnits == 18 && m.servedUnits == 38)
        #expect(m.fillRate == 38.0 / 56.0)
        #expect(m.stockoutDays == 5 && m.orders == 1)
        #expect(m.onHandUnitDays == 72)

        // What the rule saw at the day-7 review: sales through day 6, censored from day 4.
        let seen = rule.contexts.withLock { $0 }
        #expect(seen.map(\.day) == [30, 37])
        let review = try #require(seen.last)
        #expect(Array(review.sales.suffix(7)) == [4, 4, 4, 4, 2, 0, 0])
        #expect(Array(review.censored.suffix(7)) == [false, false, false, false, true, true, true])
        #expect(review.sales.count == 37 && review.onHand == 0 && review.onOrder == 0 && review.windowStart == 30)
        #expect(seen[0].onHand == 0 && seen[0].position == 0)
    }

    /// Random lead times: reproducible for a seed, at least one day, and varying.
    @Test func randomLeadTimes() throws {
        let series = SimulationSeries(id: "r", demand: [Double](repeating: 3, count: 60 + 364), unitValue: 1)
        let simulation = InventorySimulation(leadTimeDays: 5, leadTimeStandardDeviationDays: 2, days: 364, seed: 9)
        let a = try simulation.simulate(series, rule: FixedMaxRule(), seriesIndex: 4)
        let b = try simulation.simulate(series, rule: FixedMaxRule(), seriesIndex: 4)
        #expect(a == b)
        let leads = a.orders.map { $0.arrival - $0.day }
        #expect(leads.allSatisfy { $0 >= 1 })
        #expect(Set(leads).count > 2)
    }

    /// Pooling over threads equals the sum of the single runs, whatever the thread count.
    @Test func batchPoolsSeries() throws {
        let series: [SimulationSeries] = (0..<5).map { (i: Int) -> SimulationSeries in
            let demand: [Double] = (0..<120).map { (t: Int) -> Double in Double((t * (i + 3)) % 7) }
            return SimulationSeries(id: "s\(i)", demand: demand, unitValue: Double(i + 1))
        }
        let simulation = InventorySimulation(leadTimeDays: 3, days: 56)
        let rules: [any ReplenishmentRule] = [StockyRule(), FixedMaxRule()]
        let one = try simulation.simulate(series, rules: rules, threads: 1)
        let two = try simulation.simulate(series, rules: rules, threads: 2)
        #expect(one == two)
        var stocky = SimulationMetrics()
        for (i, s) in series.enumerated() { stocky.add(try simulation.simulate(s, rule: StockyRule(), seriesIndex: i).metrics) }
        #expect(one[0] == stocky)
        #expect(one[0].series == 5 && one[0].windowDays == 56)
    }

    @Test func invalidInputNamesTheField() {
        let short = SimulationSeries(id: "x", demand: [1, 2, 3], unitValue: 1)
        #expect(throws: ReplenishmentError.self) { try InventorySimulation(leadTimeDays: 3, days: 3).simulate(short, rule: StockyRule()) }
        #expect(throws: ReplenishmentError.invalidParameter(name: "leadTimeDays", reason: "must be at least 1, got 0")) {
            try InventorySimulation(leadTimeDays: 0).validate()
        }
        let negative = SimulationSeries(id: "n", demand: [1, -2, 3, 4], unitValue: 1)
        #expect {
            try InventorySimulation(leadTimeDays: 1, days: 2).simulate(negative, rule: StockyRule())
        } throws: { error in
            if case let ReplenishmentError.invalidParameter(name, _)? = error as? ReplenishmentError { return name == "demand" }
            return false
        }
        #expect(throws: ReplenishmentError.self) {
            try SimulationSeries(id: "v", demand: [1, 2], unitValue: [1]).validate()
        }
    }
}
