import Foundation

/// The Gauss hypergeometric function ₂F₁, as the BG/NBD-family and Pareto/NBD expressions need it.
///
/// ₂F₁(a, b; c; z) = Σₖ (a)ₖ(b)ₖ / ((c)ₖ k!) zᵏ (Abramowitz & Stegun 15.1.1), summed term by term
/// for 0 ≤ z < 1 with the ratio of consecutive terms
/// (a+k)(b+k) / ((c+k)(k+1)) · z. The terms of the models' arguments (a, b, c > 0) are all
/// positive, so the sum is stopped once a term is below `1e-16` of the sum *and* the ratio has
/// fallen under 1 (so the tail, bounded by a geometric series, is negligible too).
/// For z close to 1 the series converges slowly: beyond z = 0.5 the series or its Euler transform,
/// whichever decays faster, up to z = 0.9995, and beyond that, when c − a − b is not close to an
/// integer, the 1 − z connection formula (A&S 15.3.6).
enum Hypergeometric {
    /// Largest number of series terms before giving up with NaN.
    static let maxTerms = 200_000

    /// ₂F₁(a, b; c; z) for real a, b, c > 0 and 0 ≤ z < 1; NaN outside that domain or without convergence.
    static func f21(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        guard z >= 0, z < 1, c > 0 else { return z == 0 ? 1 : .nan }
        if z > 0.5, z <= 0.9995, a > 0, b > 0 {
            // Both the series and Euler's transformation (A&S 15.3.3),
            // (1−z)^{c−a−b} ₂F₁(c−a, c−b; c; z), have positive terms when their parameters are
            // positive, so neither loses digits; their terms go as k^{a+b−c−1} zᵏ and
            // k^{c−a−b−1} zᵏ, so the one with the smaller exponent needs the fewer terms (at most
            // a few 10⁴ up to z = 0.9995). The 1 − z connection formula below can instead cancel
            // two huge terms when |c−a−b| is large (a frequent buyer in BG/NBD's E[Y(t)]).
            let d = c - a - b
            if d < 0, c - a > 0, c - b > 0 {
                let value = exp(d * log1p(-z)) * series(c - a, c - b, c, z)
                if value.isFinite { return value }
            } else {
                let value = series(a, b, c, z)
                if value.isFinite { return value }
            }
        }
        if z > 0.5 {
            let d = c - a - b
            if abs(d - d.rounded()) > 1e-6, a > 0, b > 0 {
                // A&S 15.3.6: both series in 1 − z < 0.5 converge fast.
                let w = 1 - z
                // The gamma ratios in logs with signs: Γ(c) alone overflows once c > 171
                // (Pareto/NBD's c = r+s+x+1 for frequent buyers).
                let g1 = signedGammaRatio(numerator: [c, d], denominator: [c - a, c - b])
                let g2 = signedGammaRatio(numerator: [c, -d], denominator: [a, b])
                if g1.isFinite, g2.isFinite {
                    let first: Double = g1 * series(a, b, 1 - d, w)
                    let second: Double = pow(w, d) * g2 * series(c - a, c - b, 1 + d, w)
                    let value = first + second
                    if value.isFinite { return value }
                }
            }
        }
        return series(a, b, c, z)
    }

    /// Γ(n₁)Γ(n₂)/(Γ(d₁)Γ(d₂)) from log-gammas and the signs of Γ at negative arguments.
    static func signedGammaRatio(numerator: [Double], denominator: [Double]) -> Double {
        var logValue = 0.0, sign = 1.0
        for (values, direction) in [(numerator, 1.0), (denominator, -1.0)] {
            for v in values {
                if v <= 0, v == v.rounded(.down) { return direction > 0 ? .nan : 0 }  // a pole
                logValue += direction * logGamma(v)
                // Γ(v) < 0 on (−1, 0), (−3, −2), …: an odd number of negative factors.
                if v < 0, Int((-v).rounded(.up)) % 2 == 1 { sign = -sign }
            }
        }
        return sign * exp(logValue)
    }

    /// log ₂F₁(a, b; c; z) (the direct value is positive for the models' arguments).
    static func logF21(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        log(f21(a, b, c, z))
    }

    /// The power series itself; the parameters of the connection formula may be negative, so
    /// terms can change sign and the stopping rule uses absolute values.
    static func series(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var k = 0.0
        for _ in 0..<maxTerms {
            let numerator: Double = (a + k) * (b + k)
            let denominator: Double = (c + k) * (k + 1)
            let ratio = numerator / denominator * z
            term *= ratio
            sum += term
            k += 1
            if term == 0 { return sum }
            if abs(term) <= 1e-16 * abs(sum), abs(ratio) < 1 { return sum }
        }
        return .nan
    }
}
