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
