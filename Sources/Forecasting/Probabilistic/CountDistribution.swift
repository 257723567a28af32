import Foundation

/// A distribution of non-negative integer demand with a given mean: Poisson, or negative
/// binomial when the demand is over-dispersed (variance above the mean).
///
/// Intermittent demand has no sensible normal interval (it would go below zero and ignore the
/// lumps), so its quantiles come from a count distribution: the negative binomial NB(r, p) with
/// mean μ and variance μ + μ²/r (Hilbe 2011, *Negative Binomial Regression*, §5), which tends to
/// Poisson(μ) as r → ∞.
public struct CountDistribution: Sendable, Equatable {
    public var mean: Double
    /// The NB size r (> 0); `nil` means Poisson.
    public var size: Double?

    public init(mean: Double, size: Double?) {
        self.mean = max(0, mean)
        self.size = size
    }

    /// Matches the mean and a variance by moments: Poisson when `variance ≤ mean`.
    public static func matching(mean: Double, variance: Double) -> CountDistribution {
        let m = max(0, mean)
        guard m > 0, variance > m * (1 + 1e-9) else { return CountDistribution(mean: m, size: nil) }
        return CountDistribution(mean: m, size: m * m / (variance - m))
    }

    public var variance: Double {
        guard let size else { return mean }
        return mean + mean * mean / size
    }

    /// The smallest k with P(X ≤ k) ≥ q (the usual quantile of a discrete distribution).
    public func quantile(_ q: Double) -> Double {
        precondition(q > 0 && q < 1, "quantile level must lie in (0, 1)")
        guard mean > 0 else { return 0 }
        // For large means the pmf recursion underflows at 0; the normal approximation with a
        // continuity correction is accurate there.
        if mean > 500 {
            let z = NormalDistribution.quantile(q)
            return max(0, (mean + z * variance.squareRoot() - 0.5).rounded(.up))
        }
        var k = 0.0
        var p: Double
        let ratio: Double
        if let size {
            p = exp(size * log(size / (size + mean)))
            ratio = mean / (size + mean)
        } else {
            p = exp(-mean)
            ratio = 0
        }
        var cdf = p
        let limit = mean + 60 * variance.squareRoot() + 60
        while cdf < q && k < limit {
            if let size {
                p *= (k + size) / (k + 1) * ratio
            } else {
                p *= mean / (k + 1)
            }
            k += 1
            cdf += p
        }
        return k
    }
}
