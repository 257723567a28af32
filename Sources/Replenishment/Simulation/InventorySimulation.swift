/// A rolling inventory simulation with lost sales: a rule re-plans every review period from
/// what it could have observed, orders arrive after the lead time, and unserved demand is lost.
///
/// Per series, over the last `days` days of its demand (the window; before it the history is
/// fully observed), each day t:
/// 1. orders due on t are received;
/// 2. on a review day (window start + k·R) the rule is asked for a quantity given the observed
///    sales through t − 1 (with censored flags), the stock on hand and on order; the order
///    arrives on t + L. At the window start the answer goes straight on the shelf instead (the
///    rule's own order-up-to level, as if the item had been run by that rule before), so every
///    rule starts from its own steady state and the first review's order is that stocking;
/// 3. demand: sales = min(d, on hand), the rest is lost (no backorders);
/// 4. the day's sales are recorded, censored when the shelf was empty at the start of the day or
///    demand was lost, so the rule's next forecast sees what a merchant would.
///
/// Cycle k covers the days `[t_k + L, t_{k+1} + L)`, those an order placed at review k must
/// cover until the next one lands; only whole cycles inside the window count. Achieved cycle
/// service level = 1 − cycles with lost demand / cycles (the definition of the reference notes
/// §3.2, "P(no stockout in a cycle)").
///
/// ```swift
/// let simulation = InventorySimulation(leadTimeDays: 3)
/// let run = try simulation.simulate(series, rule: StockyRule())
/// run.metrics.fillRate
/// ```
public struct InventorySimulation: Sendable, Hashable {
    /// Mean lead time L in days (orders placed on t arrive on t + L).
    public var leadTimeDays: Int
    /// Standard deviation of the lead time in days; 0 for a fixed lead time. Random lead times are
    /// normal around `leadTimeDays`, rounded, at least 1 day, one draw per review (the same draws
    /// for every rule: common random numbers).
    public var leadTimeStandardDeviationDays: Double
    /// Days between reviews R.
    public var reviewPeriod: Int
    /// Days of the simulated window at the end of each series.
    public var days: Int
    /// Seed of the lead-time draws.
    public var seed: UInt64

    public init(leadTimeDays: Int, leadTimeStandardDeviationDays: Double = 0, reviewPeriod: Int = 7, days: Int = 364, seed: UInt64 = 1) {
        self.leadTimeDays = leadTimeDays
        self.leadTimeStandardDeviationDays = leadTimeStandardDeviationDays
        self.reviewPeriod = reviewPeriod
        self.days = days
        self.seed = seed
    }

    /// Checks the parameters; errors name the field.
    public func validate() throws {
        guard leadTimeDays >= 1 else { throw ReplenishmentError.invalidParameter(name: "leadTimeDays", reason: "must be at least 1, got \(leadTimeDays)") }
        guard leadTimeStandardDeviationDays.isFinite, leadTimeStandardDeviationDays >= 0 else {
            throw ReplenishmentError.invalidParameter(name: "leadTimeStandardDeviationDays", reason: "must be finite and non-negative, got \(leadTimeStandardDeviationDays)")
        }
        guard reviewPeriod >= 1 else { throw ReplenishmentError.invalidParameter(name: "reviewPeriod", reason: "must be at least 1, got \(reviewPeriod)") }
        guard days >= 1 else { throw ReplenishmentError.invalidParameter(name: "days", reason: "must be at least 1, got \(days)") }
    }

    /// Runs `rule` on one series. `seriesIndex` picks the stream of random lead times.
    public func simulate(_ series: SimulationSeries, rule: some ReplenishmentRule, seriesIndex: Int = 0) throws -> SeriesSimulation {
        try validate()
        try series.validate()
        let total = series.demand.count
        guard total > days else {
            throw ReplenishmentError.invalidParameter(name: "demand", reason: "series \(series.id) has \(total) days; the \(days)-day window needs at least one day of history before it")
        }
        let start = total - days
        let demand = series.demand.map { Int($0.rounded()) }
        // Observed history: the truth before the window, filled day by day inside it.
        var observed = Array(series.demand[..<start])
        observed.reserveCapacity(total)
        var censored = [Bool](repeating: false, count: start)
        censored.reserveCapacity(total)

        var sampler = LeadTimeSampler(seed: seed, stream: seriesIndex)
        var arrivals = [Int](repeating: 0, count: days)  // units due on window day i
        var onHand = 0, onOrder = 0, initialStock = 0
        var metrics = SimulationMetrics()
        metrics.series = 1
        metrics.windowDays = days
        var served = [Int](repeating: 0, count: days), lost = served, endOnHand = served
        var orders: [SeriesSimulation.PlacedOrder] = []

        for i in 0..<days {
            let t = start + i
            onHand += arrivals[i]
            onOrder -= arrivals[i]
            if i % reviewPeriod == 0 {
                let lead = sampler.draw(meanDays: leadTimeDays, standardDeviationDays: leadTimeStandardDeviationDays)
                let context = ReplenishmentContext(
                    day: t, windowStart: start, sales: observed[...], censored: censored[...], onHand: onHand, onOrder: onOrder,
                    leadTimeDays: leadTimeDays, leadTimeStandardDeviationDays: leadTimeStandardDeviationDays,
                    reviewPeriod: reviewPeriod, unitValue: series.unitValue[t])
                let quantity = try rule.orderQuantity(context)
                guard quantity >= 0 else {
                    throw ReplenishmentError.invalidParameter(name: "orderQuantity", reason: "\(rule.name) asked for \(quantity) units on day \(t) of series \(series.id)")
                }
                if i == 0 {
                    onHand = quantity
                    initialStock = quantity
                } else if quantity > 0 {
                    onOrder += quantity
                    if i + lead < days { arrivals[i + lead] += quantity }
                    orders.append(.init(day: t, arrival: t + lead, quantity: quantity))
                    metrics.orders += 1
                    metrics.orderedUnits += quantity
                }
            }
            let emptyAtStart = onHand == 0
            let sale = min(demand[t], onHand)
            onHand -= sale
            served[i] = sale
            lost[i] = demand[t] - sale
            endOnHand[i] = onHand
            observed.append(Double(sale))
            censored.append(emptyAtStart || lost[i] > 0)

            metrics.demandedUnits += demand[t]
            metrics.servedUnits += sale
            metrics.lostUnits += lost[i]
            metrics.onHandUnitDays += Double(onHand)
            metrics.onHandValueDays += Double(onHand) * series.unitValue[t]
            if lost[i] > 0 { metrics.stockoutDays += 1 }
        }
        countCycles(lost: lost, into: &metrics)
        return SeriesSimulation(metrics: metrics, initialStock: initialStock, served: served, lost: lost, onHand: endOnHand, orders: orders)
    }

    /// Cycle k = window days [kR + L, (k+1)R + L); whole cycles only.
    private func countCycles(lost: [Int], into metrics: inout SimulationMetrics) {
        var k = 0
        while (k + 1) * reviewPeriod + leadTimeDays <= days {
            let range = (k * reviewPeriod + leadTimeDays)..<((k + 1) * reviewPeriod + leadTimeDays)
            metrics.cycles += 1
            if range.contains(where: { lost[$0] > 0 }) { metrics.stockoutCycles += 1 }
            k += 1
        }
    }
}
