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

    private func checkTime(_ t: Double) throws {
        guard t.isFinite, t >= 0 else {
            throw CustomerValueError.invalidParameter(name: "t", reason: "must be a finite number ≥ 0, got \(t)")
        }
    }
}
