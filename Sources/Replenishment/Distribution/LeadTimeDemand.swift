import Forecasting
import Foundation

/// Demand over a protection interval (lead time, or lead time + review period), as a distribution.
///
/// The reorder point is a quantile of this law, the stockout risk its upper tail and the fill
/// rate its loss function, so one value carries all three (reference notes §3.2: "ROP =
/// F⁻¹_{D_L}(CSL)", distribution-free where possible, the normal approximation only where it fits).
///
/// ```swift
/// let d = try LeadTimeDemand.poisson(mean: 2)
/// d.quantile(0.95)              // 5
/// d.expectedShortage(stock: 5)  // units short per cycle with 5 on hand
/// ```
public struct LeadTimeDemand: Sendable, Hashable {
    public var kind: DemandDistributionKind
    public var mean: Double
    public var variance: Double
    /// The sorted totals of an `empirical` law (empty for the parametric kinds).
    public private(set) var totals: [Double]

    init(kind: DemandDistributionKind, mean: Double, variance: Double, totals: [Double] = []) {
        self.kind = kind
        self.mean = mean
        self.variance = variance
        self.totals = totals
    }

    public var standardDeviation: Double { variance.squareRoot() }

    /// The negative-binomial size r = μ² / (σ² − μ) (nil when the law is not over-dispersed).
    public var size: Double? {
        guard kind == .negativeBinomial, mean > 0, variance > mean else { return nil }
        return mean * mean / (variance - mean)
    }

    public static func normal(mean: Double, standardDeviation: Double) throws -> LeadTimeDemand {
        try Check.nonNegative(mean, "mean")
        try Check.nonNegative(standardDeviation, "standardDeviation")
        return LeadTimeDemand(kind: .normal, mean: mean, variance: standardDeviation * standardDeviation)
    }

    public static func poisson(mean: Double) throws -> LeadTimeDemand {
        try Check.nonNegative(mean, "mean")
        return LeadTimeDemand(kind: .poisson, mean: mean, variance: mean)
    }

    /// NB with mean μ and size r: variance μ + μ²/r (Hilbe 2011, *Negative Binomial Regression*, §5).
    public static func negativeBinomial(mean: Double, size: Double) throws -> LeadTimeDemand {
        try Check.nonNegative(mean, "mean")
        try Check.positive(size, "size")
        return LeadTimeDemand(kind: .negativeBinomial, mean: mean, variance: mean + mean * mean / size)
    }

    /// Distribution-free: the empirical law of the given totals (sample paths' sums, bootstrapped
    /// window sums). A negative total (an additive-error path dipping below zero) counts as no demand,
    /// since a shop cannot sell fewer than zero units.
    public static func empirical(_ totals: [Double]) throws -> LeadTimeDemand {
        guard !totals.isEmpty else { throw ReplenishmentError.invalidParameter(name: "totals", reason: "must not be empty") }
        if let bad = totals.firstIndex(where: { !$0.isFinite }) {
            throw ReplenishmentError.invalidParameter(name: "totals[\(bad)]", reason: "must be a finite number, got \(totals[bad])")
        }
        let sorted = totals.map { max(0, $0) }.sorted()
        let n = Double(sorted.count)
        let mean = sorted.reduce(0, +) / n
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        return LeadTimeDemand(kind: .empirical, mean: mean, variance: variance, totals: sorted)
    }

    /// Counts with this mean and variance: Poisson when variance ≤ mean, negative binomial when
    /// over-dispersed; the normal law only where it fits.
    ///
    /// The normal approximation is used when the item is **not intermittent**, the mean is
    /// **≥ 30 units** and the matching count law's **skewness is ≤ 0.5**. Why: below 30 units, or
    /// with a long right tail, the normal puts its upper quantiles too low (it ignores the skew,
    /// exactly where a reorder point sits) and mass below zero; Poisson(30) has skewness
    /// 1/√30 = 0.18, and |skewness| ≤ 0.5 is the usual "roughly symmetric" rule of thumb. Where it
    /// fits, the normal also keeps an under-dispersed forecast's variance (variance < mean), which a
    /// Poisson would inflate. Count skewness: Poisson 1/√μ; NB (1 + 2μ/r)/√(μ(1 + μ/r)).
    public static func counts(mean: Double, variance: Double, intermittent: Bool) throws -> LeadTimeDemand {
        try Check.nonNegative(mean, "mean")
        try Check.nonNegative(variance, "variance")
        guard mean > 0 else { return LeadTimeDemand(kind: .poisson, mean: 0, variance: 0) }
        let overDispersed = variance > mean * (1 + 1e-9)
        let size = overDispersed ? mean * mean / (variance - mean) : nil
        let skewness = size.map { (1 + 2 * mean / $0) / (mean * (1 + mean / $0)).squareRoot() } ?? 1 / mean.squareRoot()
        if !intermittent && mean >= 30 && skewness <= 0.5 {
            return LeadTimeDemand(kind: .normal, mean: mean, variance: variance)
        }
        if let size { return LeadTimeDemand(kind: .negativeBinomial, mean: mean, variance: mean + mean * mean / size) }
        return LeadTimeDemand(kind: .poisson, mean: mean, variance: mean)
    }

    /// A walk over the count law (Poisson, or NB when over-dispersed).
    var countWalk: CountWalk { CountWalk(mean: mean, size: size) }
}
