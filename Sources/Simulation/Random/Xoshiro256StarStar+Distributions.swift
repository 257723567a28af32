import Foundation

/// Samplers the simulator needs, written out so their output depends on nothing but the generator.
extension Xoshiro256StarStar {
    /// Uniform on [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform on [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Uniform integer in 0..<bound (Lemire 2019, multiply-and-reject: no modulo bias).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Uniform integer in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    @inline(__always)
    public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal by Box–Muller; one of the pair is dropped so the state stays four words.
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - uniform()  // (0, 1]: log stays finite
        let u2 = uniform()
        return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Log-normal: `exp(N(mu, sigma²))`.
    public mutating func logNormal(mu: Double, sigma: Double) -> Double {
        exp(normal(mean: mu, standardDeviation: sigma))
    }

    /// Exponential with the given mean.
    public mutating func exponential(mean: Double) -> Double { -mean * log(1 - uniform()) }

    /// Gamma(shape, scale) by Marsaglia & Tsang (2000); shapes below 1 use the
    /// `Gamma(shape + 1) · U^(1/shape)` boost from the same paper.
    public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape > 0 && scale > 0, "gamma needs a positive shape and scale")
        if shape < 1 {
            let u = 1 - uniform()
            return gamma(shape: shape + 1, scale: scale) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = 1 - uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v * scale }
        }
    }

    /// Beta(a, b) as a ratio of gammas.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a)
        let y = gamma(shape: b)
        return x / (x + y)
    }

    /// Poisson with the given mean: Knuth's product method below 30, else Hörmann's (1993)
    /// transformed rejection with squeeze (PTRS), which needs O(1) draws for any mean.
    public mutating func poisson(mean lambda: Double) -> Int {
        if lambda <= 0 { return 0 }
        if lambda < 30 {
            let limit = exp(-lambda)
            var k = 0
            var product = uniform()
            while product > limit {
                k += 1
                product *= uniform()
            }
            return k
        }
        let slam = lambda.squareRoot()
        let loglam = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = (2 * a / us + b) * u + lambda + 0.43
            guard k >= 0 else { continue }
            let kf = k.rounded(.down)
            if us >= 0.07 && v <= vr { return Int(kf) }
            if us < 0.013 && v > us { continue }
            if log(v) + log(invAlpha) - log(a / (us * us) + b) <= -lambda + kf * loglam - lgamma(kf + 1) {
                return Int(kf)
            }
        }
    }

    /// Negative binomial as a gamma–Poisson mixture with the given mean and shape `r`
    /// (variance `mean + mean²/r`).
    public mutating func negativeBinomial(mean: Double, shape r: Double) -> Int {
        guard mean > 0 else { return 0 }
        return poisson(mean: gamma(shape: r, scale: mean / r))
    }

    /// Failures before the first success, success probability `p` (support 0, 1, 2 …).
    public mutating func geometric(_ p: Double) -> Int {
        if p >= 1 { return 0 }
        return Int((log(1 - uniform()) / log(1 - p)).rounded(.down))
    }

    /// Fisher–Yates shuffle driven by this generator.
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, int(below: i + 1))
        }
    }
}
