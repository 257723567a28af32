import Foundation

extension ParetoNBDModel {
    /// E[X(t)]: expected repeat purchases of a new customer in (0, t] (note 009, eq. 27):
    /// rβ / (α(s−1)) · [1 − (β/(β+t))^{s−1}] (s ≠ 1).
    public func expectedPurchases(in t: Double) throws -> Double {
        try checkTime(t)
        return r * beta / (alpha * (s - 1)) * -expm1((s - 1) * log(beta / (beta + t)))
    }

    /// E[Y(t) | x, t_x, T] (note 009, eq. 41): P(alive) · (r+x)(β+T) / ((α+T)(s−1)) ·
    /// [1 − ((β+T)/(β+T+t))^{s−1}].
    public func conditionalExpectedPurchases(in t: Double, for c: RFMSummary) throws -> Double {
        try checkTime(t)
        try c.validate()
        // Nothing is expected in no time; skipping P(alive) here matters when a CLV sums months from 0.
        guard t > 0 else { return 0 }
        let x = c.frequency, T = c.age
        let rate = (r + x) * (beta + T) / ((alpha + T) * (s - 1))
        return probabilityAlive(c) * rate * -expm1((s - 1) * log((beta + T) / (beta + T + t)))
    }

    /// P(alive | x, t_x, T) (note 009, eq. 37):
    /// [1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A₀]⁻¹.
    public func probabilityAlive(_ c: RFMSummary) -> Double {
        let x = c.frequency, T = c.age
        let lnA0 = Self.logA0(r: r, alpha: alpha, s: s, beta: beta, x: x, tx: c.recency, T: T)
        let lnRatio = log(s) - log(r + s + x) + (r + x) * log(alpha + T) + s * log(beta + T) + lnA0
        return 1 / (1 + exp(lnRatio))
    }

    /// P(X(t) = n): probability that a new customer makes exactly `n` repeat purchases in (0, t]
    /// (Fader & Hardie, "Deriving an expression for P(X(t) = x) under the Pareto/NBD model", 2006).
    ///
    /// Either the customer is still alive at t and made n purchases as an NBD (first term), or
    /// died at τ < t having made n purchases by then:
    /// P = NB(n; r, α, t)·(β/(β+t))^s + s β^s α^r Γ(r+n)/(Γ(r) n!) ∫₀ᵗ τⁿ (α+τ)^{−(r+n)} (β+τ)^{−(s+1)} dτ.
    /// The note writes the integral in ₂F₁ terms (its B₁ − Σᵢ … B₂ᵢ), a difference of large terms;
    /// here it is integrated directly, with the substitution u = ln(min(α,β)+τ) and 8-node
    /// Gauss–Legendre pieces as ``ParetoNBDIntegral``; the pieces grow with n·ln(1 + t/min(α,β)).
    public func probabilityOfPurchases(_ n: Int, in t: Double) throws -> Double {
        try checkTime(t)
        guard n >= 0 else { throw CustomerValueError.invalidParameter(name: "n", reason: "must be ≥ 0, got \(n)") }
        guard t > 0 else { return n == 0 ? 1 : 0 }
        let k = Double(n)
        let lnCount = logGamma(r + k) - logGamma(r) - logGamma(k + 1)
        let alive = lnCount + r * log(alpha / (alpha + t)) + k * log(t / (alpha + t)) + s * log(beta / (beta + t))
        let lnDead = log(s) + s * log(beta) + r * log(alpha) + lnCount + logDeathIntegral(n: k, t: t)
        return exp(alive) + exp(lnDead)
    }

    /// ln ∫₀ᵗ τⁿ (α+τ)^{−(r+n)} (β+τ)^{−(s+1)} dτ.
    func logDeathIntegral(n: Double, t: Double) -> Double {
        let m = min(alpha, beta)
        let gapA = alpha - m, gapB = beta - m
        let u0 = log(m), u1 = log(m + t)
        // The log-integrand's slope in u is below r+n+s+1 away from τ = 0, where τⁿ adds n·eᵘ/τ;
        // pieces of width 3/(2n+r+s+2) keep each 8-node rule on a nearly polynomial stretch.
        let count = min(100_000, max(8, Int(((u1 - u0) * (2 * n + r + s + 2) / 3).rounded(.up))))
        let h = (u1 - u0) / Double(count)
        let nodes = [ParetoNBDIntegral.nodes.0, ParetoNBDIntegral.nodes.1, ParetoNBDIntegral.nodes.2, ParetoNBDIntegral.nodes.3]
        let weights = [ParetoNBDIntegral.weights.0, ParetoNBDIntegral.weights.1, ParetoNBDIntegral.weights.2, ParetoNBDIntegral.weights.3]
        func g(_ u: Double) -> Double {
            let tau = m * expm1(u - u0)
            let e = exp(-u)
            return u + (n == 0 ? 0 : n * log(tau)) - (r + n) * (u + log1p(gapA * e)) - (s + 1) * (u + log1p(gapB * e))
        }
        var values: [Double] = []
        values.reserveCapacity(count * 8)
        var top = -Double.infinity
        for i in 0..<count {
            let mid = u0 + (Double(i) + 0.5) * h
            for j in 0..<4 {
                let a = g(mid - h / 2 * nodes[j]), b = g(mid + h / 2 * nodes[j])
                values.append(a); values.append(b)
                top = max(top, a, b)
            }
        }
        guard top.isFinite else { return top }
        var sum = 0.0
        for i in 0..<count {
            for j in 0..<4 { sum += weights[j] * (exp(values[i * 8 + 2 * j] - top) + exp(values[i * 8 + 2 * j + 1] - top)) }
        }
        return top + log(sum * h / 2)
    }

    private func checkTime(_ t: Double) throws {
        guard t.isFinite, t >= 0 else {
            throw CustomerValueError.invalidParameter(name: "t", reason: "must be a finite number ≥ 0, got \(t)")
        }
    }
}
