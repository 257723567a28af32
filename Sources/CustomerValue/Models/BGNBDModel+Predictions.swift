import Foundation

extension BGNBDModel {
    /// E[X(t)]: expected repeat purchases of a new customer in (0, t] (FHL 2005, eq. 9):
    /// (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (a ≠ 1).
    public func expectedPurchases(in t: Double) throws -> Double {
        try checkTime(t)
        let hyp = Hypergeometric.f21(r, b, a + b - 1, t / (alpha + t))
        return (a + b - 1) / (a - 1) * (1 - pow(alpha / (alpha + t), r) * hyp)
    }

    /// E[Y(t) | x, t_x, T]: expected repeat purchases in the next `t` of a customer with this
    /// history (FHL 2005, eq. 10).
    public func conditionalExpectedPurchases(in t: Double, for c: RFMSummary) throws -> Double {
        try checkTime(t)
        try c.validate()
        let x = c.frequency, T = c.age
        let hypA = r + x, hypB = b + x, hypC = a + b + x - 1
        let z = t / (alpha + T + t)
        let lnDiscount = (r + x) * log((alpha + T) / (alpha + T + t))
        var lnHyp = Hypergeometric.logF21(hypA, hypB, hypC, z)
        if !lnHyp.isFinite {
            // Euler's transformation (A&S 15.3.3) when the direct value overflows.
            lnHyp = Hypergeometric.logF21(hypC - hypA, hypC - hypB, hypC, z) + (hypC - hypA - hypB) * log1p(-z)
        }
        let bracket: Double
        if lnHyp.isFinite {
            bracket = -expm1(lnHyp + lnDiscount)
        } else {
            // ₂F₁ is negative when c = a + b + x − 1 < 0 (a fit at the a, b → 0 boundary, x = 0),
            // so it has no logarithm: sum the power series itself, which converges for |z| < 1 whatever c is.
            bracket = 1 - Hypergeometric.series(hypA, hypB, hypC, z) * exp(lnDiscount)
        }
        return (a + b + x - 1) / (a - 1) * bracket * probabilityAlive(c)
    }

    /// P(alive | x, t_x, T) (Fader, Hardie & Lee 2005; Hardie's note 021):
    /// [1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}]⁻¹, the churn-risk proxy (1 for x = 0).
    public func probabilityAlive(_ c: RFMSummary) -> Double {
        guard c.frequency > 0 else { return 1 }
        let logRatio = log(a / (b + c.frequency - 1)) + (r + c.frequency) * log((alpha + c.age) / (alpha + c.recency))
        return 1 / (1 + exp(logRatio))
    }

    /// P(X(t) = n): probability that a new customer makes exactly `n` repeat purchases in (0, t]
    /// (FHL 2005, eq. 8), computed in logs.
    public func probabilityOfPurchases(_ n: Int, in t: Double) throws -> Double {
        try checkTime(t)
        guard n >= 0 else { throw CustomerValueError.invalidParameter(name: "n", reason: "must be ≥ 0, got \(n)") }
        let k = Double(n)
        let lnP = log(alpha / (alpha + t)), lnQ = t > 0 ? log(t / (alpha + t)) : -Double.infinity
        let lnBetaAB = logBeta(a, b)
        let lnNB = logGamma(r + k) - logGamma(r) - logGamma(k + 1) + r * lnP + (k == 0 ? 0 : k * lnQ)
        let first = exp(logBeta(a, b + k) - lnBetaAB + lnNB)
        guard n > 0 else { return first }
        // 1 − Σ_{j<n} NB(j): the probability of at least n purchases while alive.
        var partial = 0.0
        for j in 0..<n {
            let jd = Double(j)
            partial += exp(logGamma(r + jd) - logGamma(r) - logGamma(jd + 1) + r * lnP + (j == 0 ? 0 : jd * lnQ))
        }
        let second = exp(logBeta(a + 1, b + k - 1) - lnBetaAB) * max(0, 1 - partial)
        return first + second
    }

    private func checkTime(_ t: Double) throws {
        guard t.isFinite, t >= 0 else {
            throw CustomerValueError.invalidParameter(name: "t", reason: "must be a finite number ≥ 0, got \(t)")
        }
    }
}
