import Foundation
import Optimization

/// The MBG/NBD model of Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison
/// of models for customer base analysis", International Journal of Research in Marketing 24(3).
///
/// As BG/NBD, but a customer may also drop out right after the first purchase, so P(alive) of a
/// one-time buyer is below 1: the drop-out chance p ~ Beta(a, b) applies at every purchase,
/// including the first (x + 1 chances instead of x).
///
/// ```swift
/// let model = try MBGNBDModel.fit(customers)
/// let alive = model.probabilityAlive(customers[0])
/// ```
public struct MBGNBDModel: Sendable, Equatable {
    /// Shape of the Gamma mixing distribution of purchase rates.
    public var r: Double
    /// Scale (rate) of the Gamma mixing distribution, in the data's time unit.
    public var alpha: Double
    /// First shape of the Beta mixing distribution of drop-out probabilities.
    public var a: Double
    /// Second shape of the Beta mixing distribution.
    public var b: Double

    /// A model with the given parameters, all of which must be finite and positive.
    public init(r: Double, alpha: Double, a: Double, b: Double) throws {
        for (name, value) in [("r", r), ("alpha", alpha), ("a", a), ("b", b)] where !(value.isFinite && value > 0) {
            throw CustomerValueError.invalidParameter(name: name, reason: "must be a finite number > 0, got \(value)")
        }
        self.r = r
        self.alpha = alpha
        self.a = a
        self.b = b
    }

    /// Log-likelihood of one customer (Batislam et al. 2007, eq. 3, in logs):
    /// ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x+1) − ln B(a, b) − (r+x) ln(α+T)
    /// + ln[1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}].
    public func logLikelihood(_ c: RFMSummary) -> Double {
        Self.logLikelihood(r: r, alpha: alpha, a: a, b: b, x: c.frequency, tx: c.recency, T: c.age)
    }

    /// Sum of the (weighted) log-likelihoods of `customers`.
    public func logLikelihood(_ customers: [RFMSummary], weights: [Double]? = nil) -> Double {
        var total = 0.0
        for (i, c) in customers.enumerated() { total += (weights?[i] ?? 1) * logLikelihood(c) }
        return total
    }

    static func logLikelihood(r: Double, alpha: Double, a: Double, b: Double, x: Double, tx: Double, T: Double) -> Double {
        let a1 = logGamma(r + x) - logGamma(r) + r * log(alpha)
        let a2 = logGamma(a + b) + logGamma(b + x + 1) - logGamma(b) - logGamma(a + b + x + 1)
        let a3 = -(r + x) * log(alpha + T)
        let a4 = log(a) - log(b + x) + (r + x) * (log(alpha + T) - log(alpha + tx))
        return a1 + a2 + a3 + logAddExp(a4, 0)
    }

    /// Fits r, α, a, b by maximum likelihood, with the same scaling, log-parameters and L2
    /// penalty (on the scaled parameters, added to the mean negative log-likelihood) as
    /// ``BGNBDModel/fit(_:weights:penalizer:)``.
    public static func fit(_ customers: [RFMSummary], weights: [Double]? = nil, penalizer: Double = 0) throws -> MBGNBDModel {
        let data = try FitData(customers, weights: weights, penalizer: penalizer)
        let objective: ([Double]) -> Double = { theta in
            let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
            // Terms of x alone, once per distinct x.
            let lgr = logGamma(r), lgb = logGamma(b), lgab = logGamma(a + b), la = log(a), lalpha = log(alpha)
            let head = data.table { x in logGamma(r + x) - lgr + r * lalpha + lgab + logGamma(b + x + 1) - lgb - logGamma(a + b + x + 1) }
            let lnDrop = data.table { x in la - log(b + x) }
            let lnTimes = data.logTimes(alpha)
            var sum = 0.0
            for i in 0..<data.count {
                let x = data.x[i], k = data.frequencyIndex[i]
                let lnAT = lnTimes[Int(data.ageIndex[i])]
                let a4 = lnDrop[k] + (r + x) * (lnAT - lnTimes[Int(data.recencyIndex[i])])
                sum += data.w[i] * (head[k] - (r + x) * lnAT + logAddExp(a4, 0))
            }
            return -sum / data.totalWeight + penalizer * (r * r + alpha * alpha + a * a + b * b)
        }
        let theta = try data.minimize(objective, parameters: 4, model: "MBG/NBD")
        return try MBGNBDModel(r: exp(theta[0]), alpha: exp(theta[1]) / data.scale, a: exp(theta[2]), b: exp(theta[3]))
    }
}
