import Foundation

extension DriftStatistics {
    /// Standard normal CDF as cephes `ndtr` computes it (erf near 0, erfc in the tails).
    static func normalCDF(_ a: Double) -> Double {
        let x = a * 0.5.squareRoot()
        let z = abs(x)
        if z < 0.5.squareRoot() { return 0.5 + 0.5 * erf(x) }
        let y = 0.5 * erfc(z)
        return x > 0 ? 1 - y : y
    }

    /// ln Γ(x) (the libm function; named to avoid the overlay's tuple-returning overload).
    static func logGamma(_ x: Double) -> Double {
        let value: Double = lgamma(x)
        return value
    }

    /// Chi-square survival function: Q(df/2, x/2), the regularized upper incomplete gamma.
    static func chiSquareSurvival(_ x: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, !x.isNaN else { return .nan }
        if x == .infinity { return 0 }
        if x <= 0 { return 1 }
        return regularizedUpperGamma(df / 2, x / 2)
    }

    /// Q(a, x) = Γ(a, x) / Γ(a): series for P when x < a + 1, Lentz continued fraction for Q otherwise
    /// (Numerical Recipes 3rd ed. §6.2); relative accuracy about 1e-15.
    static func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
        let logPrefix = a * log(x) - x - logGamma(a)
        if x < a + 1 {
            var term = 1.0 / a, sum = term, ap = a
            for _ in 0..<10_000 {
                ap += 1
                term *= x / ap
                sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return max(0, 1 - sum * exp(logPrefix))
        }
        let tiny = 1e-300
        var b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d
        for i in 1..<10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefix) * h
    }
}
