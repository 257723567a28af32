import Foundation
import Optimization

/// The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987), "Counting Your Customers:
/// Who Are They and What Will They Do Next?", Management Science 33(1), in the forms of Fader &
/// Hardie's note 009 ("A Note on Deriving the Pareto/NBD Model and Related Expressions", 2005).
///
/// While alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); lifetimes are
/// exponential with rate μ ~ Gamma(s, β).
///
/// ```swift
/// let model = try ParetoNBDModel.fit(customers)
/// let next52 = model.conditionalExpectedPurchases(in: 52, for: customers[0])
/// ```
public struct ParetoNBDModel: Sendable, Equatable {
    /// Shape of the Gamma distribution of purchase rates.
    public var r: Double
    /// Scale (rate) of the Gamma distribution of purchase rates, in the data's time unit.
    public var alpha: Double
    /// Shape of the Gamma distribution of drop-out rates.
    public var s: Double
    /// Scale (rate) of the Gamma distribution of drop-out rates.
    public var beta: Double

    /// A model with the given parameters, all of which must be finite and positive.
    public init(r: Double, alpha: Double, s: Double, beta: Double) throws {
        for (name, value) in [("r", r), ("alpha", alpha), ("s", s), ("beta", beta)] where !(value.isFinite && value > 0) {
            throw CustomerValueError.invalidParameter(name: name, reason: "must be a finite number > 0, got \(value)")
        }
        self.r = r
        self.alpha = alpha
        self.s = s
        self.beta = beta
    }

    /// Log-likelihood of one customer (note 009, eq. 18):
    /// ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β + ln[(α+T)^{−(r+x)}(β+T)^{−s} + s/(r+s+x) · A₀].
    public func logLikelihood(_ c: RFMSummary) -> Double {
        Self.logLikelihood(r: r, alpha: alpha, s: s, beta: beta, x: c.frequency, tx: c.recency, T: c.age)
    }

    /// Sum of the (weighted) log-likelihoods of `customers`.
    ///
    /// Valid input is condensed and summed with ``ParetoNBDLikelihood`` on scaled times: scaling
    /// times, α and β by c multiplies each customer's likelihood by c^(−x), added back here.
    public func logLikelihood(_ customers: [RFMSummary], weights: [Double]? = nil) -> Double {
        if customers.count > 1_000, let data = try? FitData(customers, weights: weights, penalizer: 0) {
            let likelihood = ParetoNBDLikelihood(data, threads: Self.defaultThreads)
            if likelihood.isWorthwhile {
                var jacobian = 0.0
                for i in 0..<data.count { jacobian += data.w[i] * data.x[i] }
                return likelihood.logLikelihood(r: r, alpha: alpha * data.scale, s: s, beta: beta * data.scale)
                    + jacobian * log(data.scale)
            }
        }
        var total = 0.0
        for (i, c) in customers.enumerated() { total += (weights?[i] ?? 1) * logLikelihood(c) }
        return total
    }

    /// Threads the likelihood sums use unless told otherwise: the machine's cores (the value
    /// does not depend on it).
    public static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    static func logLikelihood(r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double) -> Double {
        let a1 = logGamma(r + x) - logGamma(r) + r * log(alpha) + s * log(beta)
        let alive = -(r + x) * log(alpha + T) - s * log(beta + T)
        let dead = log(s) - log(r + s + x) + logA0(r: r, alpha: alpha, s: s, beta: beta, x: x, tx: tx, T: T)
        return a1 + logAddExp(alive, dead)
    }

    /// ln A₀ (note 009, eq. 19): A₀ = (r+s+x) ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ, the
    /// customer dying at τ between the last purchase and T, by quadrature (``ParetoNBDIntegral``).
    static func logA0(r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double) -> Double {
        log(r + s + x) + ParetoNBDIntegral.logIntegral(p: r + x, q: s + 1, alpha: alpha, beta: beta, from: tx, to: T)
    }

    /// ln A₀ in note 009's closed form (eqs. 19–20), F(t_x) − F(T) with
    /// F(y) = ₂F₁(r+s+x, k; r+s+x+1; |α−β|/(max(α,β)+y)) / (max(α,β)+y)^{r+s+x}, k = r+x when
    /// α < β, else s+1; kept to check the quadrature against.
    static func logA0Hypergeometric(r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double) -> Double {
        let (larger, k) = alpha < beta ? (beta, r + x) : (alpha, s + 1)
        let gap = abs(alpha - beta)
        let rsx = r + s + x
        let l1 = Hypergeometric.logF21(rsx, k, rsx + 1, gap / (larger + tx)) - rsx * log(larger + tx)
        let l2 = Hypergeometric.logF21(rsx, k, rsx + 1, gap / (larger + T)) - rsx * log(larger + T)
        guard l1 > l2 else { return -.infinity }
        return l1 + log(-expm1(l2 - l1))
    }

    /// Fits r, α, s, β by maximum likelihood (Nelder–Mead over log-parameters).
    ///
    /// As `lifetimes` 0.11.3 does for this model, times are scaled so the largest age is 10 and
    /// the objective is −Σ wᵢ ln Lᵢ / mean(w) plus `penalizer · Σ θ²` over the scaled parameters;
    /// α and β are scaled back at the end.
    ///
    /// The likelihood is summed with ``ParetoNBDLikelihood`` (drop-out integrals shared between
    /// customers, on `threads` threads) when the data's times are few enough, as with days.
    public static func fit(_ customers: [RFMSummary], weights: [Double]? = nil, penalizer: Double = 0,
                           threads: Int = defaultThreads) throws -> ParetoNBDModel {
        let data = try FitData(customers, weights: weights, penalizer: penalizer)
        let meanWeight = data.totalWeight / Double(data.customerCount)
        let shared = ParetoNBDLikelihood(data, threads: threads)
        let objective: ([Double]) -> Double = { theta in
            let r = exp(theta[0]), alpha = exp(theta[1]), s = exp(theta[2]), beta = exp(theta[3])
            var sum = 0.0
            if shared.isWorthwhile {
                sum = shared.logLikelihood(r: r, alpha: alpha, s: s, beta: beta)
            } else {
                for i in 0..<data.count {
                    sum += data.w[i] * logLikelihood(r: r, alpha: alpha, s: s, beta: beta, x: data.x[i], tx: data.tx[i], T: data.T[i])
                }
            }
            return -sum / meanWeight + penalizer * (r * r + alpha * alpha + s * s + beta * beta)
        }
        let theta = try data.minimize(objective, parameters: 4, model: "Pareto/NBD")
        return try ParetoNBDModel(
            r: exp(theta[0]), alpha: exp(theta[1]) / data.scale, s: exp(theta[2]), beta: exp(theta[3]) / data.scale)
    }
}
