import Forecasting
import Foundation

extension LeadTimeDemand {
    /// Smallest x with P(D ≤ x) ≥ p: an integer for count and empirical kinds (the smallest
    /// integer at or above the empirical quantile), the continuous quantile μ + σ·Φ⁻¹(p) for normal.
    ///
    /// `p` is clamped into (0, 1): p ≤ 0 gives the bottom of the support, p ≥ 1 the top (or, for
    /// the unbounded laws, where the remaining mass falls below 1e-15); NaN gives NaN.
    public func quantile(_ p: Double) -> Double {
        guard !p.isNaN else { return .nan }
        switch kind {
        case .normal:
            guard variance > 0 else { return mean }
            if p <= 0 { return -.infinity }
            if p >= 1 { return .infinity }
            return mean + standardDeviation * NormalDistribution.quantile(p)
        case .poisson, .negativeBinomial:
            guard mean > 0 else { return 0 }
            var walk = countWalk
            walk.advance(toProbability: min(p, 1))
            return walk.k
        case .empirical:
            guard let first = totals.first else { return 0 }
            // The ⌈p·n⌉-th smallest total has P(D ≤ it) ≥ p and is the smallest such total.
            let n = totals.count
            let rank = min(n, max(1, Int((p * Double(n)).rounded(.up))))
            let value = p <= 0 ? first : totals[rank - 1]
            // Totals built from fractional paths are rounded up; a total that is an integer
            // up to summation noise stays that integer.
            return (value - 1e-9).rounded(.up)
        }
    }

    /// P(D ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        switch kind {
        case .normal:
            guard variance > 0 else { return x >= mean ? 1 : 0 }
            return NormalDistribution.cdf((x - mean) / standardDeviation)
        case .poisson, .negativeBinomial:
            guard x >= 0 else { return 0 }
            guard mean > 0 else { return 1 }
            var walk = countWalk
            let target = x.rounded(.down)
            if target < walk.k { return 0 }
            walk.advance(to: target)
            return walk.k < target ? 1 : min(1, walk.cdf)
        case .empirical:
            return Double(upperBound(x)) / Double(max(1, totals.count))
        }
    }

    /// Expected units short when `stock` units are available: E[(D − stock)+] (the loss function).
    ///
    /// Normal: σ·G((stock − μ)/σ) with G the standard normal loss function; counts: the loss walked
    /// up from E[(D − 0)+] = μ with L(k+1) = L(k) − P(D > k), linear between integers; empirical:
    /// the average excess of the totals over `stock`.
    public func expectedShortage(stock: Double) -> Double {
        guard !stock.isNaN else { return .nan }
        switch kind {
        case .normal:
            guard variance > 0 else { return max(0, mean - stock) }
            let sigma = standardDeviation
            return sigma * SafetyStockFormulas.normalLoss((stock - mean) / sigma)
        case .poisson, .negativeBinomial:
            guard mean > 0 else { return max(0, -stock) }
            guard stock > 0 else { return mean - stock }
            var walk = countWalk
            let whole = stock.rounded(.down)
            if whole < walk.k { return max(0, mean - stock) }
            walk.advance(to: whole)
            guard walk.k >= whole else {
                // Walked past all mass before reaching `stock`.
                return 0
            }
            return max(0, walk.loss - (stock - whole) * (1 - walk.cdf))
        case .empirical:
            guard !totals.isEmpty else { return 0 }
            var excess = 0.0
            for i in upperBound(stock)..<totals.count { excess += totals[i] - stock }
            return excess / Double(totals.count)
        }
    }

    /// Index of the first total above `x` (= number of totals ≤ x).
    func upperBound(_ x: Double) -> Int {
        var lo = 0, hi = totals.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if totals[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
