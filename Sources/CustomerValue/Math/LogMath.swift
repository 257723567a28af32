import Foundation

/// ln Γ(x) for x > 0 (one name, so closures do not meet the Glibc/Foundation overload ambiguity).
@inline(__always)
func logGamma(_ x: Double) -> Double {
    let value: Double = lgamma(x)
    return value
}

/// ln(eᵘ + eᵛ) without overflow.
@inline(__always)
func logAddExp(_ u: Double, _ v: Double) -> Double {
    let m = max(u, v)
    guard m.isFinite else { return m }
    return m + log1p(exp(-abs(u - v)))
}

/// ln B(a, b).
@inline(__always)
func logBeta(_ a: Double, _ b: Double) -> Double {
    logGamma(a) + logGamma(b) - logGamma(a + b)
}

/// ψ(x) = d/dx ln Γ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 10, then the
/// asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (A&S 6.3.5 and 6.3.18), accurate to ~1e-15.
func digamma(_ x: Double) -> Double {
    var x = x, shift = 0.0
    while x < 10 { shift -= 1 / x; x += 1 }
    let inv = 1 / x, inv2 = inv * inv
    // B₂/2 = 1/12, B₄/4 = −1/120, B₆/6 = 1/252, B₈/8 = −1/240, B₁₀/10 = 1/132.
    let series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))))
    return shift + log(x) - 0.5 * inv - series
}
