import Foundation

/// numpy's legacy `RandomState` (MT19937 with `init_genrand` seeding), reimplemented draw for draw.
///
/// The handbook's simulator draws customer profiles, transaction counts, times and amounts, and
/// the scenario draws (`Series.sample`, which is the first n entries of `permutation(N)`), from this
/// generator; matching its exact algorithms reproduces the published dataset.
public struct NumpyLegacyRandom: Sendable {
    private var twister: MersenneTwister19937
    /// The polar method's second deviate, returned by the next `normal` call (numpy's `gauss` cache).
    private var cachedGauss: Double?

    /// `RandomState(seed)` for an integer seed in 0..<2³².
    public init(seed: UInt32) {
        twister = MersenneTwister19937(seed: seed)
    }

    /// One raw 32-bit output.
    @inline(__always)
    public mutating func nextUInt32() -> UInt32 { twister.next() }

    /// A double in [0, 1) with 53 random bits, from two outputs as (a >> 5, b >> 6).
    @inline(__always)
    public mutating func double() -> Double {
        let a = Double(twister.next() >> 5), b = Double(twister.next() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `uniform(low, high)` = low + (high − low)·double.
    @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * double()
    }

    /// A standard normal deviate by the legacy Marsaglia polar method, caching the second deviate.
    public mutating func gauss() -> Double {
        if let cached = cachedGauss {
            cachedGauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * double() - 1
            x2 = 2 * double() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * log(r2) / r2).squareRoot()
        cachedGauss = f * x1
        return f * x2
    }

    /// `normal(mean, sd)` = mean + sd·gauss.
    @inline(__always)
    public mutating func normal(_ mean: Double, _ sd: Double) -> Double {
        mean + sd * gauss()
    }

    /// `poisson(λ)` by the multiplication method numpy uses below λ = 10 (λ = 0 draws nothing).
    public mutating func poisson(_ lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda < 10, "poisson: lambda \(lambda) outside the multiplication method's range [0, 10)")
        if lambda == 0 { return 0 }
        let limit = exp(-lambda)
        var count = 0
        var product = 1.0
        while true {
            product *= double()
            if product > limit { count += 1 } else { return count }
        }
    }

    /// A uniform integer in 0...max by masked rejection on 32-bit outputs (numpy's `random_interval`).
    @inline(__always)
    public mutating func interval(_ max: UInt32) -> UInt32 {
        if max == 0 { return 0 }
        var mask = max
        mask |= mask >> 1
        mask |= mask >> 2
        mask |= mask >> 4
        mask |= mask >> 8
        mask |= mask >> 16
        var value = twister.next() & mask
        while value > max { value = twister.next() & mask }
        return value
    }

    /// `permutation(n)`: Fisher–Yates over 0..<n from the last index down to 1.
    public mutating func permutation(_ n: Int) -> [Int] {
        var values = Array(0..<n)
        if n < 2 { return values }
        for i in stride(from: n - 1, through: 1, by: -1) {
            let j = Int(interval(UInt32(i)))
            values.swapAt(i, j)
        }
        return values
    }
}
