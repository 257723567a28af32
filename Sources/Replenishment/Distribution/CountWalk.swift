import Foundation

/// Walks a Poisson or negative-binomial law upward one integer at a time, carrying the pmf, the
/// cdf and the loss function E[(X − k)+] together, so a quantile, a cdf value or an expected
/// shortage costs one pass and no allocation.
///
/// The pmf follows its ratio recursion: Poisson p(k+1)/p(k) = μ/(k+1); negative binomial
/// NB(r, π = r/(r+μ)) p(k+1)/p(k) = (k+r)/(k+1) · μ/(r+μ) (Johnson, Kemp & Kotz, *Univariate
/// Discrete Distributions*, 3rd ed., §4.2 and §5.1). For large means p(0) underflows (Poisson
/// e^−μ is 0 in Double beyond μ ≈ 745), so the walk is jump-started where the normal
/// approximation says the mass begins: k₀ = ⌊μ − 10σ⌋, with log p(k₀) from `lgamma`, moved up to the
/// first k whose pmf is representable. The mass skipped below k₀ is < 1e-20 and is ignored.
struct CountWalk {
    let mean: Double
    /// NB size r; nil for Poisson.
    let size: Double?
    /// Current support point.
    private(set) var k: Double
    /// P(X = k).
    private(set) var pmf: Double
    /// P(X ≤ k).
    private(set) var cdf: Double
    /// E[(X − k)+].
    private(set) var loss: Double
    /// Beyond this point the remaining mass is negligible (μ + 60σ + 60); walks stop there.
    let limit: Double
    private let ratio: Double

    init(mean: Double, size: Double?) {
        self.mean = mean
        self.size = size
        let variance = size.map { mean + mean * mean / $0 } ?? mean
        let sigma = variance.squareRoot()
        limit = mean + 60 * sigma + 60
        ratio = size.map { mean / ($0 + mean) } ?? mean
        guard mean > 0 else {
            k = 0; pmf = 1; cdf = 1; loss = 0
            return
        }
        var start = max(0, (mean - 10 * sigma).rounded(.down))
        if Self.logPMF(start, mean: mean, size: size) < -700 {
            // Binary search between k₀ and the mode, where the log-pmf increases.
            var hi = Self.mode(mean: mean, size: size)
            var lo = start
            while hi - lo > 1 {
                let mid = ((lo + hi) / 2).rounded(.down)
                if Self.logPMF(mid, mean: mean, size: size) < -700 { lo = mid } else { hi = mid }
            }
            start = hi
        }
        k = start
        pmf = exp(Self.logPMF(start, mean: mean, size: size))
        cdf = pmf
        // E[(X − k₀)+] = μ − k₀ + E[(k₀ − X)+]; the last term only involves the skipped mass.
        loss = max(0, mean - start)
    }

    /// Moves to k + 1.
    @inline(__always)
    mutating func step() {
        // E[(X − (k+1))+] = E[(X − k)+] − P(X > k).
        loss = max(0, loss - (1 - cdf))
        if let size {
            pmf *= (k + size) / (k + 1) * ratio
        } else {
            pmf *= ratio / (k + 1)
        }
        k += 1
        cdf += pmf
    }

    /// True once the walk has passed all mass worth counting.
    var exhausted: Bool { k >= limit || (k > mean && 1 - cdf < 1e-15) }

    /// Walks to the smallest k with P(X ≤ k) ≥ p.
    mutating func advance(toProbability p: Double) {
        while cdf < p && k < limit { step() }
    }

    /// Walks to `target` (or as far as the mass goes).
    mutating func advance(to target: Double) {
        while k < target && !exhausted { step() }
    }

    /// log P(X = k).
    static func logPMF(_ k: Double, mean: Double, size: Double?) -> Double {
        if let r = size {
            return lgamma(k + r) - lgamma(r) - lgamma(k + 1) + r * log(r / (r + mean)) + k * log(mean / (r + mean))
        }
        return k * log(mean) - mean - lgamma(k + 1)
    }

    /// The mode: ⌊μ⌋ for Poisson, ⌊(r − 1)μ/r⌋ for NB with r > 1, else 0.
    static func mode(mean: Double, size: Double?) -> Double {
        guard let r = size else { return mean.rounded(.down) }
        return r > 1 ? ((r - 1) * mean / r).rounded(.down) : 0
    }
}
