import Foundation

/// The drop-out integral of the Pareto/NBD likelihood, ∫ₐᵇ (α+τ)^(−p) (β+τ)^(−q) dτ, by
/// Gauss–Legendre quadrature instead of the ₂F₁ closed form.
///
/// Fader & Hardie's note 009 writes the "died between t_x and T" part of the likelihood as
/// s/(r+s+x) · A₀ with A₀ = (r+s+x) ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ (their eq. 19 is
/// this integral in closed form, F(t_x) − F(T) with a ₂F₁ each). The ₂F₁ series converge slowly
/// as its argument |α−β|/(max(α,β)+y) nears 1, and the difference F(t_x) − F(T) loses digits;
/// the integral itself is of a smooth positive function and needs neither.
///
/// The substitution u = ln(min(α,β) + τ) turns the two power laws into functions whose logarithm
/// has slope at most p + q in u and is analytic in a strip of half-width π/2 or more around the
/// real axis, so the range is split into pieces of width at most 4/(p+q) (and 2) in u, each
/// integrated with 8 Gauss–Legendre nodes: the error bound of the rule, (2n)!-scaled, is then
/// below 1e-13 relative.
enum ParetoNBDIntegral {
    /// The positive 8-point Gauss–Legendre nodes on [−1, 1] and their weights (Abramowitz & Stegun, table 25.4).
    static let nodes: (Double, Double, Double, Double) = (0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363)
    static let weights: (Double, Double, Double, Double) = (0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763)

    /// Largest p+q times piece width (in u) one 8-node rule covers.
    static let maximumSpan = 4.0

    /// ln ∫ₐᵇ (α+τ)^(−p) (β+τ)^(−q) dτ for 0 ≤ a ≤ b, α, β, p, q > 0; −∞ when a == b.
    static func logIntegral(p: Double, q: Double, alpha: Double, beta: Double, from a: Double, to b: Double) -> Double {
        guard b > a else { return -.infinity }
        let m = min(alpha, beta)
        let u0 = log(m + a), u1 = log(m + b)
        let pieces = self.pieces(p + q, u1 - u0)
        let h = (u1 - u0) / Double(pieces)
        var total = -Double.infinity
        for i in 0..<pieces {
            let mid = u0 + (Double(i) + 0.5) * h
            total = logAddExp(total, logPiece(p: p, q: q, gapA: alpha - m, gapB: beta - m, mid: mid, half: h / 2))
        }
        return total
    }

    /// How many pieces a range of width `du` in u needs for decay rate `k` = p + q.
    @inline(__always)
    static func pieces(_ k: Double, _ du: Double) -> Int {
        let n = (du * max(k, 2) / maximumSpan).rounded(.up)
        return n < 1 ? 1 : n > 1e6 ? 1_000_000 : Int(n)
    }

    /// ln of the 8-node rule on [mid − half, mid + half] in u, where α+τ = eᵘ + gapA and β+τ = eᵘ + gapB.
    @inline(__always)
    static func logPiece(p: Double, q: Double, gapA: Double, gapB: Double, mid: Double, half: Double) -> Double {
        @inline(__always) func g(_ u: Double) -> Double {
            let e = exp(-u)
            // ln(eᵘ + gap) = u + ln(1 + gap·e⁻ᵘ); one of the gaps is 0. The Jacobian dτ = eᵘ du adds u.
            return u - p * (u + log1p(gapA * e)) - q * (u + log1p(gapB * e))
        }
        let v = (g(mid - half * nodes.0), g(mid + half * nodes.0), g(mid - half * nodes.1), g(mid + half * nodes.1),
                 g(mid - half * nodes.2), g(mid + half * nodes.2), g(mid - half * nodes.3), g(mid + half * nodes.3))
        let top = max(max(max(v.0, v.1), max(v.2, v.3)), max(max(v.4, v.5), max(v.6, v.7)))
        var sum = weights.0 * (exp(v.0 - top) + exp(v.1 - top))
        sum += weights.1 * (exp(v.2 - top) + exp(v.3 - top))
        sum += weights.2 * (exp(v.4 - top) + exp(v.5 - top))
        sum += weights.3 * (exp(v.6 - top) + exp(v.7 - top))
        return top + log(sum * half)
    }
}
