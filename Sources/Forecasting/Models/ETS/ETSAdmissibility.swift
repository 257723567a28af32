/// Parameter restrictions of R's `ets(bounds = "both")`: the "usual" box 0 < β < α < 1,
/// 0 < γ < 1 − α, φ in [lower, upper], plus the admissible (forecastability) region of
/// Hyndman et al. (2008, ch. 10): every root of the characteristic polynomial inside the unit
/// circle.
struct ETSBounds: Sendable {
    /// Lower limits of α, β, γ, φ (R's default 1e-4, 1e-4, 1e-4, 0.8).
    var lower: [Double] = [1e-4, 1e-4, 1e-4, 0.8]
    /// Upper limits of α, β, γ, φ (R's default 0.9999, 0.9999, 0.9999, 0.98).
    var upper: [Double] = [0.9999, 0.9999, 0.9999, 0.98]

    /// The usual bounds, checked for the parameters being estimated (R's `check_params`).
    @inline(__always)
    func usual(_ p: ETSParameters, optimizing o: ETSFreeParameters) -> Bool {
        if o.alpha, p.alpha < lower[0] || p.alpha > upper[0] { return false }
        if o.beta, p.beta < lower[1] || p.beta > p.alpha || p.beta > upper[1] { return false }
        if o.phi, p.phi < lower[3] || p.phi > upper[3] { return false }
        if o.gamma, p.gamma < lower[2] || p.gamma > 1 - p.alpha || p.gamma > upper[2] { return false }
        return true
    }

    /// The admissible region (R's `admissible`). `hasTrend`/`hasSeason` say whether β and γ are
    /// part of the model; `m` is the season length.
    @inline(__always)
    static func admissible(_ p: ETSParameters, hasTrend: Bool, hasSeason: Bool, m: Int) -> Bool {
        let alpha = p.alpha, phi = p.phi
        if phi < 0 || phi > 1 + 1e-8 { return false }
        if !hasSeason {
            if alpha < 1 - 1 / phi || alpha > 1 + 1 / phi { return false }
            if hasTrend, p.beta < alpha * (phi - 1) || p.beta > (1 + phi) * (2 - alpha) { return false }
            return true
        }
        guard m > 1 else { return true }
        let beta = hasTrend ? p.beta : 0
        let gamma = p.gamma
        let md = Double(m)
        if gamma < max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha { return false }
        if alpha < 1 - 1 / phi - gamma * (1 - md + phi + phi * md) / (2 * phi * md) { return false }
        if beta < -(1 - phi) * (gamma / md + alpha) { return false }
        return rootsInsideUnitCircle(alpha: alpha, beta: beta, gamma: gamma, phi: phi, m: m)
    }

    /// True when every root of the seasonal characteristic polynomial
    /// z^{m+1} + (α+β−φ)z^m + (α+β−αφ)(z^{m−1} + … + z²) + (α+β−αφ+γ−1)z + φ(1−α−γ)
    /// has modulus at most 1 + 1e-10 (R's tolerance on `polyroot`).
    ///
    /// Instead of computing roots this runs the Schur–Cohn (Levinson step-down) test on the
    /// polynomial with z scaled by 1 + 1e-10: all roots lie strictly inside the unit circle iff every
    /// reflection coefficient has modulus below 1. The scaling keeps the exact unit root of the
    /// undamped, trendless model (ANA) admissible, as R's tolerance does. No heap allocation.
    static func rootsInsideUnitCircle(alpha: Double, beta: Double, gamma: Double, phi: Double, m: Int) -> Bool {
        let degree = m + 1
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (degree + 1)) { buffer in
            let a = buffer.baseAddress!
            let next = a + (degree + 1)
            // Monic coefficients in decreasing powers: a[0] = 1 (z^{m+1}) … a[m+1] (constant).
            a[0] = 1
            a[1] = alpha + beta - phi
            if m >= 3 { for i in 2..<m { a[i] = alpha + beta - alpha * phi } }
            a[m] = alpha + beta - alpha * phi + gamma - 1
            a[m + 1] = phi * (1 - alpha - gamma)
            let rho = 1 + 1e-10
            var scale = 1.0
            for i in 1...degree {
                scale /= rho
                a[i] *= scale
            }
            var d = degree
            while d > 0 {
                let k = a[d]
                if !(abs(k) < 1) { return false }
                let denom = 1 - k * k
                for i in 0...d { next[i] = a[i] }
                for i in 1..<d { a[i] = (next[i] - k * next[d - i]) / denom }
                d -= 1
            }
            return true
        }
    }
}

/// Which smoothing parameters the optimizer estimates (the others are fixed or absent).
struct ETSFreeParameters: Sendable {
    var alpha: Bool
    var beta: Bool
    var gamma: Bool
    var phi: Bool

    var count: Int { (alpha ? 1 : 0) + (beta ? 1 : 0) + (gamma ? 1 : 0) + (phi ? 1 : 0) }
}
