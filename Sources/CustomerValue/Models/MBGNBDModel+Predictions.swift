import Foundation

extension MBGNBDModel {
    /// E[X(t)] for a new customer (Batislam et al. 2007, eq. 5):
    /// b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))] (a ≠ 1).
    public func expectedPurchases(in t: Double) throws -> Double {
        try checkTime(t)
        let hyp = Hypergeometric.f21(r, b + 1, a + b, t / (alpha + t))
        return b / (a - 1) * (1 - pow(alpha / (alpha + t), r) * hyp)
    }

    /// E[Y(t) | x, t_x, T] (Batislam et al. 2007, eq. 6):
    /// (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
    public func conditionalExpectedPurchases(in t: Double, for c: RFMSummary) throws -> Double {
        try checkTime(t)
        try c.validate()
        let x = c.frequency, T = c.age
        let lnHyp = Hypergeometric.logF21(r + x, b + x + 1, a + b + x, t / (alpha + T + t))
        let bracket = -expm1(lnHyp + (r + x) * log((alpha + T) / (alpha + T + t)))
        return (a + b + x) / (a - 1) * bracket * probabilityAlive(c)
    }

    /// P(alive | x, t_x, T) (Batislam et al. 2007, eq. 4): [1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}]⁻¹,
    /// below 1 even for one-time buyers.
    public func probabilityAlive(_ c: RFMSummary) -> Double {
        let lnRatio = log(a / (b + c.frequency)) + (r + c.frequency) * log((alpha + c.age) / (alpha + c.recency))
        return 1 / (1 + exp(lnRatio))
    }

    /// P(X(t) = n) for a new customer: B(a, b+n+1)/B(a, b) · NB(n) + B(a+1, b+n)/B(a, b) · (1 − Σ_{j<n} NB(j)),
    /// NB the negative binomial count of an alive customer (the BG/NBD eq. 8 with x+1 drop-out chances).
    public func probabilityOfPurchases(_ n: Int, in t: Double) throws -> Double {
        try checkTime(t)
        guard n >= 0 else { throw CustomerValueError.invalidParameter(name: "n", reason: "must be ≥ 0, got \(n)") }
        let lnP = log(alpha / (alpha + t)), lnQ = t > 0 ? log(t / (alpha + t)) : -Double.infinity
        func lnNB(_ j: Int) -> Double {
            let jd = Double(j)
            return logGamma(r + jd) - logGamma(r) - logGamma(jd + 1) + r * lnP + (j == 0 ? 0 : jd * lnQ)
        }
        let k = Double(n)
        let lnBetaAB = logBeta(a, b)
        let first = exp(logBeta(a, b + k + 1) - lnBetaAB + lnNB(n))
        var partial = 0.0
        for j in 0..<n { partial += exp(lnNB(j)) }
        return first + exp(logBeta(a + 1, b + k) - lnBetaAB) * max(0, 1 - partial)
    }

    private func checkTime(_ t: Double) throws {
        guard t.isFinite, t >= 0 else {
            throw CustomerValueError.invalidParameter(name: "t", reason: "must be a finite number ≥ 0, got \(t)")
        }
    }
}
