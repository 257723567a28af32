import Foundation

/// Prediction intervals for theta models, following statsforecast 2.1.1.
///
/// statsforecast has no closed form for theta intervals. It simulates 200 future paths: at each
/// step it draws ε ~ N(0, σ²), with σ the sample standard deviation (n − 1 divisor) of the
/// residuals after the three burn-in periods, adds it to the model's next forecast, feeds that
/// value back into ℓ, Ȳ, A and B, and takes the empirical (100 ∓ level)/2 percentiles of the
/// paths. Its simulation always updates A and B as the dynamic models do, also for STM and OTM,
/// and it updates B with the new running mean rather than the previous one.
///
/// Every one of those updates is linear in the drawn errors, so the value at step h is exactly
/// normal: the error-free path plus Σⱼ cₕⱼεⱼ. Here the coefficients cₕⱼ are carried through the
/// same recursion, and the interval is the error-free path ± z·σ·√(Σⱼ cₕⱼ²), with z the standard
/// normal quantile: the interval statsforecast's 200 draws estimate, without their sampling noise.
extension ThetaFit {
    /// The mean and the per-unit-σ standard deviation of statsforecast's simulated paths, for each
    /// of the next `horizon` periods (on the scale the model was fitted on).
    func simulationMoments(horizon h: Int) -> (center: [Double], spread: [Double]) {
        let alpha = parameters.alpha, q = 1 - alpha, k = 1 - 1 / parameters.theta
        var level = state.level, mean = state.meanY, a = state.a, b = state.b
        // Coefficients of ℓ, Ȳ, A, B and the simulated value on ε₁…ε_h.
        var cl = [Double](repeating: 0, count: h), cm = cl, ca = cl, cb = cl, cs = cl
        var center = [Double](repeating: 0, count: h), spread = center
        for j in 0..<h {
            let i = Double(state.count + j)
            let qi = pow(q, i)
            let w = (1 - qi * q) / alpha
            let s = level + k * (a * qi + b * w)
            var variance = 1.0  // εⱼ itself
            for r in 0..<j {
                cs[r] = cl[r] + k * (ca[r] * qi + cb[r] * w)
                variance += cs[r] * cs[r]
            }
            cs[j] = 1
            center[j] = s
            spread[j] = variance.squareRoot()

            level = alpha * s + q * level
            mean = (i * mean + s) / (i + 1)
            b = ((i - 1) * b + 6 * (s - mean) / (i + 1)) / (i + 2)
            a = mean - b * (i + 2) / 2
            for r in 0...j {
                cl[r] = alpha * cs[r] + q * cl[r]
                cm[r] = (i * cm[r] + cs[r]) / (i + 1)
                cb[r] = ((i - 1) * cb[r] + 6 * (cs[r] - cm[r]) / (i + 1)) / (i + 2)
                ca[r] = cm[r] - cb[r] * (i + 2) / 2
            }
        }
        return (center, spread)
    }

    /// statsforecast's σ: the sample standard deviation (n − 1 divisor) of `residuals` after the
    /// first three, or of all of them when fewer than two would remain.
    static func residualStandardDeviation(_ residuals: [Double]) -> Double {
        let tail = residuals.count - 3 >= 2 ? Array(residuals.dropFirst(3)) : residuals
        guard tail.count >= 2 else { return 0 }
        var mean = 0.0
        for e in tail { mean += e }
        mean /= Double(tail.count)
        var ss = 0.0
        for e in tail { ss += (e - mean) * (e - mean) }
        return (ss / Double(tail.count - 1)).squareRoot()
    }

    /// Intervals on the fitted scale for `levels` (percent), with error standard deviation `sigma`.
    func intervals(horizon: Int, levels: [Double], sigma: Double) -> [PredictionInterval] {
        let moments = simulationMoments(horizon: horizon)
        return levels.map { level in
            let z = NormalDistribution.quantile(0.5 + level / 200)
            var lower = moments.center, upper = moments.center
            for j in 0..<horizon {
                let half = z * sigma * moments.spread[j]
                lower[j] -= half
                upper[j] += half
            }
            return PredictionInterval(level: level, lower: lower, upper: upper)
        }
    }
}
