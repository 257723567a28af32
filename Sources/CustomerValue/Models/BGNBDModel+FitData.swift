import Foundation
import Optimization

/// Validated, time-scaled inputs shared by the BG/NBD-family and Pareto/NBD fits.
struct FitData: Sendable {
    var x: [Double]
    var tx: [Double]
    var T: [Double]
    var w: [Double]
    var totalWeight: Double
    /// Times are multiplied by this (10 / max age, as `lifetimes` does) before fitting.
    var scale: Double
    var count: Int { x.count }

    init(_ customers: [RFMSummary], weights: [Double]?, penalizer: Double) throws {
        try RFMSummary.validate(customers)
        guard penalizer.isFinite, penalizer >= 0 else {
            throw CustomerValueError.invalidParameter(name: "penalizer", reason: "must be a finite number ≥ 0, got \(penalizer)")
        }
        if let weights {
            guard weights.count == customers.count else {
                throw CustomerValueError.invalidParameter(name: "weights", reason: "has \(weights.count) values for \(customers.count) customers")
            }
            if let i = weights.firstIndex(where: { !($0.isFinite && $0 >= 0) }) {
                throw CustomerValueError.invalidInput(index: i, field: "weight", reason: "must be a finite number ≥ 0, got \(weights[i])")
            }
        }
        let w = weights ?? Array(repeating: 1, count: customers.count)
        let total = w.reduce(0, +)
        guard total > 0 else { throw CustomerValueError.invalidParameter(name: "weights", reason: "sum to 0") }
        let maxAge = customers.map(\.age).max()!
        scale = 10 / maxAge
        x = customers.map(\.frequency)
        tx = customers.map { $0.recency * (10 / maxAge) }
        T = customers.map { $0.age * (10 / maxAge) }
        self.w = w
        totalWeight = total
    }

    /// Nelder–Mead over log-parameters from 0 (all parameters 1), restarted once from the optimum
    /// so a collapsed simplex does not stop the search early.
    func minimize(_ objective: ([Double]) -> Double, parameters n: Int, model: String) throws -> [Double] {
        let minimizer = Minimizer(
            algorithm: .nelderMead, lower: Array(repeating: -12, count: n), upper: Array(repeating: 12, count: n),
            relativeTolerance: 1e-10, absoluteFunctionTolerance: 1e-13, maxEvaluations: 20_000,
            initialStep: Array(repeating: 0.5, count: n))
        do {
            var best = try minimizer.minimize(objective, from: Array(repeating: 0, count: n))
            let again = try minimizer.minimize(objective, from: best.x)
            if again.value <= best.value { best = again }
            guard best.value.isFinite, best.x.allSatisfy(\.isFinite) else {
                throw CustomerValueError.optimizationFailed(model: model, reason: "no finite likelihood found")
            }
            return best.x
        } catch let error as CustomerValueError {
            throw error
        } catch {
            throw CustomerValueError.optimizationFailed(model: model, reason: String(describing: error))
        }
    }
}
