import Foundation
import Optimization

/// A fitted ``GammaGammaModel`` with the log-likelihood it reached on the fitting data.
public struct GammaGammaFit: Sendable, Equatable {
    /// The maximum-likelihood (or penalized) parameters.
    public var model: GammaGammaModel
    /// Σ weight·log f(m̄ | x) at `model`, without the penalty.
    public var logLikelihood: Double
    /// Objective evaluations the optimizer used.
    public var evaluations: Int
    /// False when the evaluation budget ran out before the tolerances were met.
    public var converged: Bool
}

extension GammaGammaModel {
    /// Fits p, q, v by maximum likelihood on repeat buyers (frequency x > 0, mean repeat spend m̄ > 0).
    ///
    /// As lifetimes' `GammaGammaFitter`, the optimizer works on log-parameters and minimizes the
    /// weighted mean negative log-likelihood plus `penalizer · (p² + q² + v²)` (an L2 penalty that
    /// pulls small samples away from extreme values; lifetimes suggests 0.001–0.1). `weights` counts
    /// customers per row (default 1). Customers with x = 0 must be left out by the caller, since
    /// they carry no spend information; ``fit(_:penalizer:)`` does that for summaries.
    public static func fit(
        frequency: [Double], monetary: [Double], weights: [Double]? = nil, penalizer: Double = 0
    ) throws -> GammaGammaFit {
        let n = frequency.count
        guard n > 0 else { throw CustomerValueError.emptyData }
        guard monetary.count == n else {
            throw CustomerValueError.invalidParameter(name: "monetary", reason: "has \(monetary.count) values for \(n) customers")
        }
        let w = weights ?? Array(repeating: 1, count: n)
        guard w.count == n else {
            throw CustomerValueError.invalidParameter(name: "weights", reason: "has \(w.count) values for \(n) customers")
        }
        guard penalizer.isFinite, penalizer >= 0 else {
            throw CustomerValueError.invalidParameter(name: "penalizer", reason: "must be a finite number ≥ 0, got \(penalizer)")
        }
        for i in 0..<n {
            guard frequency[i].isFinite, frequency[i] > 0 else {
                throw CustomerValueError.invalidInput(index: i, field: "frequency", reason: "must be > 0 (fit repeat buyers only), got \(frequency[i])")
            }
            guard monetary[i].isFinite, monetary[i] > 0 else {
                throw CustomerValueError.invalidInput(index: i, field: "monetary", reason: "must be a finite number > 0, got \(monetary[i])")
            }
            guard w[i].isFinite, w[i] >= 0 else {
                throw CustomerValueError.invalidInput(index: i, field: "weight", reason: "must be a finite number ≥ 0, got \(w[i])")
            }
        }
        let totalWeight = w.reduce(0, +)
        guard totalWeight > 0 else { throw CustomerValueError.emptyData }

        // The terms that do not depend on the parameters are kept so the reported LL is the full one.
        // Grouped by frequency: the log-gamma terms depend on x alone (CDNOW's 9,241 repeat buyers
        // have a few dozen distinct x) and Σ w·log m̄ per x is fixed, so an evaluation costs one
        // log per customer, log(x·m̄ + v), instead of two log-gammas and three logs.
        var groupX: [Double] = [], groupW: [Double] = [], groupWLogM: [Double] = []
        var groupIndex: [UInt64: Int] = [:]
        for i in 0..<n where w[i] > 0 {
            let key = frequency[i].bitPattern
            let g: Int
            if let found = groupIndex[key] { g = found } else {
                g = groupX.count; groupIndex[key] = g
                groupX.append(frequency[i]); groupW.append(0); groupWLogM.append(0)
            }
            groupW[g] += w[i]
            groupWLogM[g] += w[i] * log(monetary[i])
        }
        let xm = (0..<n).map { frequency[$0] * monetary[$0] }
        func logLikelihood(_ p: Double, _ q: Double, _ v: Double) -> Double {
            let constant: Double = q * log(v) - lgamma(q)
            var total = 0.0
            for g in groupX.indices {
                let px = p * groupX[g]
                total += groupW[g] * (lgamma(px + q) - lgamma(px) + constant + px * log(groupX[g])) + (px - 1) * groupWLogM[g]
            }
            for i in 0..<n where w[i] > 0 {
                total -= w[i] * (p * frequency[i] + q) * log(xm[i] + v)
            }
            return total
        }
        // The gradient in the log-parameters z = (ln p, ln q, ln v), from the LL above:
        // ∂LL/∂p = Σ_g W_g x_g [ψ(p x_g + q) − ψ(p x_g) + ln x_g] + Σ_g x_g Σ w ln m̄ − Σ_i w_i x_i ln(x_i m̄_i + v)
        // ∂LL/∂q = Σ_g W_g [ψ(p x_g + q) − ψ(q) + ln v] − Σ_i w_i ln(x_i m̄_i + v)
        // ∂LL/∂v = W q / v − Σ_i w_i (p x_i + q) / (x_i m̄_i + v); then ∂/∂z = θ · ∂/∂θ.
        func objective(_ z: [Double], _ gradient: inout [Double]) -> Double {
            let p = exp(z[0]), q = exp(z[1]), v = exp(z[2])
            var ll = 0.0, dp = 0.0, dq = 0.0, dv = 0.0
            let psiQ = digamma(q), logV = log(v)
            for g in groupX.indices {
                let x = groupX[g], px = p * x, weight = groupW[g]
                ll += weight * (logGamma(px + q) - logGamma(px) - logGamma(q) + q * logV + px * log(x)) + (px - 1) * groupWLogM[g]
                let psiSum = digamma(px + q)
                dp += weight * x * (psiSum - digamma(px) + log(x)) + x * groupWLogM[g]
                dq += weight * (psiSum - psiQ + logV)
                dv += weight * q / v
            }
            for i in 0..<n where w[i] > 0 {
                let denominator = xm[i] + v, logDenominator = log(denominator), pxq = p * frequency[i] + q
                ll -= w[i] * pxq * logDenominator
                dp -= w[i] * frequency[i] * logDenominator
                dq -= w[i] * logDenominator
                dv -= w[i] * pxq / denominator
            }
            gradient[0] = p * (-dp / totalWeight + 2 * penalizer * p)
            gradient[1] = q * (-dq / totalWeight + 2 * penalizer * q)
            gradient[2] = v * (-dv / totalWeight + 2 * penalizer * v)
            return -ll / totalWeight + penalizer * (p * p + q * q + v * v)
        }
        let minimizer = Minimizer(
            algorithm: .lbfgs, lower: [-20, -20, -20], upper: [20, 20, 20],
            relativeTolerance: 1e-10, maxEvaluations: 20_000)
        var best: Minimum
        do {
            best = try minimizer.minimize(withGradient: objective, from: [0, 0, 0])
            if !best.value.isFinite || best.stoppedAtLimit {
                // A start where the likelihood overflows: fall back to the simplex, which walks around it.
                let simplex = Minimizer(algorithm: .nelderMead, lower: [-20, -20, -20], upper: [20, 20, 20],
                                        relativeTolerance: 1e-10, maxEvaluations: 20_000, initialStep: [0.5, 0.5, 0.5])
                var unused = [0.0, 0.0, 0.0]
                best = try simplex.minimize({ objective($0, &unused) }, from: [0, 0, 0])
            }
        } catch {
            throw CustomerValueError.optimizationFailed(model: "Gamma-Gamma", reason: "\(error)")
        }
        let p = exp(best.x[0]), q = exp(best.x[1]), v = exp(best.x[2])
        let model = try GammaGammaModel(p: p, q: q, v: v)
        return GammaGammaFit(model: model, logLikelihood: logLikelihood(p, q, v), evaluations: best.evaluations, converged: !best.stoppedAtLimit)
    }

    /// Fits on the repeat buyers among `customers` (frequency > 0), using their `monetary` mean
    /// repeat spend; a repeat buyer without `monetary` is an error naming the customer.
    public static func fit(_ customers: [RFMSummary], penalizer: Double = 0) throws -> GammaGammaFit {
        var frequency: [Double] = [], monetary: [Double] = []
        for (i, c) in customers.enumerated() where c.frequency > 0 {
            try c.validate(index: i)
            guard let m = c.monetary, m > 0 else {
                throw CustomerValueError.invalidInput(
                    index: i, field: "monetary", reason: "a repeat buyer needs a mean repeat spend > 0, got \(c.monetary.map { "\($0)" } ?? "none")")
            }
            frequency.append(c.frequency)
            monetary.append(m)
        }
        return try fit(frequency: frequency, monetary: monetary, penalizer: penalizer)
    }
}
