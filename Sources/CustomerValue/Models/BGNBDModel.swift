import Foundation
import Optimization

/// The BG/NBD ("beta-geometric / negative binomial") buy-till-you-die model of Fader, Hardie & Lee
/// (2005), "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD Model",
/// Marketing Science 24(2).
///
/// While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after every
/// purchase they drop out with probability p ~ Beta(a, b).
///
/// ```swift
/// let model = try BGNBDModel.fit(customers)            // customers: [RFMSummary]
/// let next39 = model.conditionalExpectedPurchases(in: 39, for: customers[0])
/// let alive = model.probabilityAlive(customers[0])
/// ```
public struct BGNBDModel: Sendable, Equatable {
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

    /// Log-likelihood of one customer (FHL 2005, eq. 6, in the log form of Hardie's note 004):
    /// ln L = A₁ + A₂ + ln(e^{A₃} + δ_{x>0} e^{A₄}).
    public func logLikelihood(_ c: RFMSummary) -> Double {
        Self.logLikelihood(r: r, alpha: alpha, a: a, b: b, x: c.frequency, tx: c.recency, T: c.age)
    }

    /// Sum of the (weighted) log-likelihoods of `customers`: the LL that FHL 2005 report.
    public func logLikelihood(_ customers: [RFMSummary], weights: [Double]? = nil) -> Double {
        var total = 0.0
        for (i, c) in customers.enumerated() { total += (weights?[i] ?? 1) * logLikelihood(c) }
        return total
    }

    static func logLikelihood(r: Double, alpha: Double, a: Double, b: Double, x: Double, tx: Double, T: Double) -> Double {
        let a1 = logGamma(r + x) - logGamma(r) + r * log(alpha)
        let a2 = logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x)
        let a3 = -(r + x) * log(alpha + T)
        guard x > 0 else { return a1 + a2 + a3 }
        let a4 = log(a) - log(b + x - 1) - (r + x) * log(alpha + tx)
        return a1 + a2 + logAddExp(a3, a4)
    }

    /// Fits r, α, a, b by maximum likelihood.
    ///
    /// As `lifetimes` 0.11.3 does, times are first scaled so the largest age is 10, the objective is
    /// the mean negative log-likelihood plus `penalizer · Σ θ²` over the (scaled) parameters θ, the
    /// search runs over log-parameters, and α is scaled back at the end: with `penalizer` 0 the
    /// scaling changes nothing but the conditioning, with a penalty it gives lifetimes' estimates.
    /// - Parameters:
    ///   - customers: validated per customer (frequency ≥ 0, 0 ≤ recency ≤ age …).
    ///   - weights: optional count of customers per row (for condensed data), each ≥ 0.
    ///   - penalizer: L2 coefficient, ≥ 0.
    public static func fit(_ customers: [RFMSummary], weights: [Double]? = nil, penalizer: Double = 0) throws -> BGNBDModel {
        let data = try FitData(customers, weights: weights, penalizer: penalizer)
        let objective: ([Double]) -> Double = { theta in
            let r = exp(theta[0]), alpha = exp(theta[1]), a = exp(theta[2]), b = exp(theta[3])
            // Terms of x alone (A₁ and A₂ without ln α, and ln(b+x−1)), once per distinct x.
            let lgr = logGamma(r), lgb = logGamma(b), lgab = logGamma(a + b), la = log(a), lalpha = log(alpha)
            let head = data.table { x in logGamma(r + x) - lgr + r * lalpha + lgab + logGamma(b + x) - lgb - logGamma(a + b + x) }
            let lnDrop = data.table { x in x > 0 ? la - log(b + x - 1) : 0 }
            let lnTimes = data.logTimes(alpha)
            var sum = 0.0
            for i in 0..<data.count {
                let x = data.x[i], k = data.frequencyIndex[i]
                let a3 = -(r + x) * lnTimes[Int(data.ageIndex[i])]
                var ll = head[k] + a3
                if x > 0 {
                    let a4 = lnDrop[k] - (r + x) * lnTimes[Int(data.recencyIndex[i])]
                    ll = head[k] + logAddExp(a3, a4)
                }
                sum += data.w[i] * ll
            }
            return -sum / data.totalWeight + penalizer * (r * r + alpha * alpha + a * a + b * b)
        }
        let theta = try data.minimize(objective, parameters: 4, model: "BG/NBD")
        return try BGNBDModel(r: exp(theta[0]), alpha: exp(theta[1]) / data.scale, a: exp(theta[2]), b: exp(theta[3]))
    }
}
