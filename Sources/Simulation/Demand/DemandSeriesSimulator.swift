import Foundation

/// Daily unit-demand series for many variant × location pairs, shaped like the store simulator's
/// demand (its weekday weights, holiday peak, promotions, growth and demand shifts' overall
/// multipliers), for forecasting at scale.
///
/// Generating 100,000 series through full order events would take minutes and gigabytes; the
/// capacity check of the forecaster needs only the demand each series would see. Series `i` is a
/// pure function of the seed and `i`, so series are made one at a time and never held together.
///
/// Each series draws a base rate from a log-normal popularity (most items sell less than one a
/// day; a few sell dozens), a dispersion (Poisson for some, negative binomial for others), a
/// channel (online or POS weekday shape), a launch day and an optional decline, so the set spans
/// the smooth, erratic, intermittent and lumpy classes.
///
/// ```swift
/// let simulator = DemandSeriesSimulator(configuration: .demo)
/// let y = simulator.series(17)   // 730 daily counts
/// ```
public struct DemandSeriesSimulator: Sendable {
    public let configuration: SimulationConfiguration
    private let online: [Double]
    private let pos: [Double]

    public init(configuration: SimulationConfiguration) {
        self.configuration = configuration
        let calendar = DemandCalendar(configuration: configuration)
        online = calendar.days.map { $0.online * $0.trend * $0.demand }
        pos = calendar.days.map { $0.pos * $0.trend * $0.demand }
    }

    /// Number of days in every series.
    public var days: Int { online.count }

    /// The demand series number `index` (any non-negative integer).
    public func series(_ index: Int) -> [Double] {
        var rng = Xoshiro256StarStar(seed: configuration.seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
        let rate = rng.logNormal(mu: -0.9, sigma: 1.3)
        let shape = rng.bernoulli(0.5) ? Double.infinity : rng.uniform(0.3, 3)
        let intensity = rng.bernoulli(0.6) ? online : pos
        let launch = rng.bernoulli(0.3) ? rng.int(below: max(1, days / 2)) : 0
        let decline = rng.bernoulli(0.15) ? rng.uniform(0.001, 0.006) : 0
        var y = [Double](repeating: 0, count: days)
        for d in launch..<days {
            let mean = rate * intensity[d] * exp(-decline * Double(d - launch))
            guard mean > 0 else { continue }
            y[d] = Double(shape.isInfinite ? rng.poisson(mean: mean) : rng.negativeBinomial(mean: mean, shape: shape))
        }
        return y
    }
}
