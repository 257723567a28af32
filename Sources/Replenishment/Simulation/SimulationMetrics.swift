/// What an inventory simulation measured for one rule, on one series or pooled over many.
///
/// The counts are additive, so pooling is `add`; the rates are computed from the pooled counts
/// (a pooled fill rate weighs every unit of demand alike, not every series).
public struct SimulationMetrics: Sendable, Hashable, Codable {
    /// Series pooled.
    public var series = 0
    /// Days of the simulated window (the same for every pooled series).
    public var windowDays = 0
    /// Whole replenishment cycles inside the window, summed over series: cycle k covers the days
    /// `[t_k + L, t_{k+1} + L)` that an order placed at review k must cover.
    public var cycles = 0
    /// Cycles with lost demand.
    public var stockoutCycles = 0
    /// Units demanded, served from stock, and lost, over the window.
    public var demandedUnits = 0
    public var servedUnits = 0
    public var lostUnits = 0
    /// End-of-day units on hand summed over days (and series).
    public var onHandUnitDays = 0.0
    /// End-of-day on-hand value (units × the day's unit value) summed over days (and series).
    public var onHandValueDays = 0.0
    /// Series-days with lost demand.
    public var stockoutDays = 0
    /// Purchase orders placed, and their units (the initial stocking at the window start is not
    /// an order).
    public var orders = 0
    public var orderedUnits = 0

    public init() {}

    /// Pools another series' (or group's) metrics into these.
    public mutating func add(_ other: SimulationMetrics) {
        series += other.series
        windowDays = max(windowDays, other.windowDays)
        cycles += other.cycles
        stockoutCycles += other.stockoutCycles
        demandedUnits += other.demandedUnits
        servedUnits += other.servedUnits
        lostUnits += other.lostUnits
        onHandUnitDays += other.onHandUnitDays
        onHandValueDays += other.onHandValueDays
        stockoutDays += other.stockoutDays
        orders += other.orders
        orderedUnits += other.orderedUnits
    }

    /// Achieved cycle service level: 1 − stockout cycles / cycles (1 when there is no cycle).
    public var cycleServiceLevel: Double {
        cycles > 0 ? 1 - Double(stockoutCycles) / Double(cycles) : 1
    }

    /// Fill rate: served units / demanded units (1 when nothing was demanded).
    public var fillRate: Double {
        demandedUnits > 0 ? Double(servedUnits) / Double(demandedUnits) : 1
    }

    /// Average end-of-day units on hand, summed over the pooled series.
    public var averageOnHandUnits: Double {
        windowDays > 0 ? onHandUnitDays / Double(windowDays) : 0
    }

    /// Average end-of-day value on hand, summed over the pooled series.
    public var averageOnHandValue: Double {
        windowDays > 0 ? onHandValueDays / Double(windowDays) : 0
    }
}
