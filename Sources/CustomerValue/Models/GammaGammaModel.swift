import Foundation

/// The Gamma-Gamma model of the mean spend per repeat transaction (Fader & Hardie, "The Gamma-Gamma
/// Model of Monetary Value", note 025, 2013; Fader, Hardie & Lee 2005, JMR 42:415-430).
///
/// A customer's transaction values are Gamma(p, ν) with a scale ν that varies across customers as
/// Gamma(q, γ); `v` is γ. Spend is assumed independent of the purchase process, so the model is
/// fitted on repeat buyers only (x > 0) with their mean repeat spend m̄.
///
/// ```swift
/// let fit = try GammaGammaModel.fit(frequency: [2, 1, 5], monetary: [22.35, 11.77, 40.0])
/// let spend = fit.model.conditionalExpectedAverageProfit(frequency: 2, monetary: 22.35)
/// ```
public struct GammaGammaModel: Sendable, Equatable {
    /// Shape of one customer's transaction values.
    public var p: Double
    /// Shape of the Gamma mixing distribution of the per-customer scale.
    public var q: Double
    /// Scale (γ in the note) of the Gamma mixing distribution.
    public var v: Double

    /// A model with the given parameters; each must be finite and > 0.
    public init(p: Double, q: Double, v: Double) throws {
        for (name, value) in [("p", p), ("q", q), ("v", v)] where !(value.isFinite && value > 0) {
            throw CustomerValueError.invalidParameter(name: name, reason: "must be a finite number > 0, got \(value)")
        }
        self.p = p
        self.q = q
        self.v = v
    }

    /// E[Z] in the population: p·v / (q − 1) (note 025, eq. 4); infinite unless q > 1.
    public var populationMeanProfit: Double {
        q > 1 ? p * v / (q - 1) : .infinity
    }

    /// E[Z | x, m̄]: the posterior mean spend per transaction (note 025, eq. 5), a weighted average
    /// of the population mean and the customer's own mean with weight p·x / (p·x + q − 1) on m̄.
    ///
    /// As in lifetimes, a customer without repeat purchases (x = 0) gets the population mean, whatever
    /// `monetary` is. Needs q > 1 (else the population mean does not exist and the result is NaN).
    public func conditionalExpectedAverageProfit(frequency x: Double, monetary m: Double) -> Double {
        guard q > 1 else { return .nan }
        let weight = p * x / (p * x + q - 1)
        return (1 - weight) * populationMeanProfit + weight * m
    }

    /// log f(m̄ | x; p, q, v): the density of a repeat buyer's mean spend m̄ over x transactions
    /// (note 025, eq. 1a, where m̄·x is Gamma(p·x, ν) and ν ~ Gamma(q, v)). Needs x > 0 and m̄ > 0.
    public func logLikelihood(frequency x: Double, monetary m: Double) -> Double {
        let px = p * x
        let gammas: Double = lgamma(px + q) - lgamma(px) - lgamma(q)
        let logs: Double = q * log(v) + (px - 1) * log(m) + px * log(x) - (px + q) * log(x * m + v)
        return gammas + logs
    }
}
