import Foundation
import Optimization

/// A fitted ``BGBBModel`` with the log-likelihood it reached on the fitting data.
public struct BGBBFit: Sendable, Equatable {
    /// The maximum-likelihood (or penalized) parameters.
    public var model: BGBBModel
    /// Σ weight·log L(x, t_x, n) at `model`, without the penalty.
    public var logLikelihood: Double
    /// Objective evaluations the optimizer used.
    public var evaluations: Int
    /// False when the evaluation budget ran out before the tolerances were met.
    public var converged: Bool
}

extension BGBBModel {
    /// Fits α, β, γ, δ by maximum likelihood on histories (x, t_x, n), each row counting `weights`
    /// customers (default 1), as Fader, Hardie & Shang fit the recency/frequency matrix.
    ///
    /// As lifetimes' `BetaGeoBetaBinomFitter` (0.11): log-parameters, objective the weighted mean
    /// negative log-likelihood plus `penalizer · (α² + β² + γ² + δ²)`.
    public static func fit(
        frequency: [Int], recency: [Int], periods: [Int], weights: [Double]? = nil, penalizer: Double = 0
    ) throws -> BGBBFit {
        let count = frequency.count
        guard count > 0 else { throw CustomerValueError.emptyData }
        for (name, column) in [("recency", recency.count), ("periods", periods.count)] where column != count {
            throw CustomerValueError.invalidParameter(name: name, reason: "has \(column) values for \(count) rows")
        }
        let w = weights ?? Array(repeating: 1, count: count)
        guard w.count == count else {
            throw CustomerValueError.invalidParameter(name: "weights", reason: "has \(w.count) values for \(count) rows")
        }
        guard penalizer.isFinite, penalizer >= 0 else {
            throw CustomerValueError.invalidParameter(name: "penalizer", reason: "must be a finite number ≥ 0, got \(penalizer)")
        }
        for i in 0..<count {
            let x = frequency[i], tx = recency[i], n = periods[i]
            guard n >= 1 else { throw CustomerValueError.invalidInput(index: i, field: "periods", reason: "must be ≥ 1, got \(n)") }
            guard x >= 0, x <= n else {
                throw CustomerValueError.invalidInput(index: i, field: "frequency", reason: "must be in 0...\(n), got \(x)")
            }
            guard tx >= x, tx <= n, x > 0 || tx == 0 else {
                throw CustomerValueError.invalidInput(
                    index: i, field: "recency", reason: "must be 0 without transactions, else in \(x)...\(n); got \(tx)")
            }
            guard w[i].isFinite, w[i] >= 0 else {
                throw CustomerValueError.invalidInput(index: i, field: "weight", reason: "must be a finite number ≥ 0, got \(w[i])")
            }
        }
        let totalWeight = w.reduce(0, +)
        guard totalWeight > 0 else { throw CustomerValueError.emptyData }

        func logLikelihood(_ z: [Double]) -> Double {
            let a = z[0], b = z[1], g = z[2], d = z[3]
            var total = 0.0
            for i in 0..<count where w[i] > 0 {
                total += w[i] * Self.logLikelihood(a, b, g, d, x: Double(frequency[i]), tx: recency[i], n: periods[i])
            }
            return total
        }
        func objective(_ z: [Double]) -> Double {
            let params = z.map { exp($0) }
            let penalty = penalizer * params.reduce(0) { $0 + $1 * $1 }
            return -logLikelihood(params) / totalWeight + penalty
        }
        let minimizer = Minimizer(
            algorithm: .nelderMead, lower: [-20, -20, -20, -20], upper: [20, 20, 20, 20],
            relativeTolerance: 1e-10, maxEvaluations: 20_000, initialStep: [0.5, 0.5, 0.5, 0.5])
        let best: Minimum
        do {
            best = try minimizer.minimize(objective, from: [0, 0, 0, 0])
        } catch {
            throw CustomerValueError.optimizationFailed(model: "BG/BB", reason: "\(error)")
        }
        let params = best.x.map { exp($0) }
        let model = try BGBBModel(alpha: params[0], beta: params[1], gamma: params[2], delta: params[3])
        return BGBBFit(model: model, logLikelihood: logLikelihood(params), evaluations: best.evaluations, converged: !best.stoppedAtLimit)
    }
}
