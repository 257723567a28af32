import Foundation

/// Prediction intervals for theta models, after statsforecast 2.1.1's method.
///
/// statsforecast has no closed form for theta intervals. It simulates 200 future paths: at each
/// step it draws ε ~ N(0, σ²), with σ the sample standard deviation (n − 1 divisor) of the
/// in-sample one-step errors after the three burn-in periods, adds it to the model's next
/// forecast, feeds that value back into the state, and takes the empirical (100 ∓ level)/2
/// percentiles of the paths.
///
/// Every update of the state is linear in the drawn errors, so the value h steps ahead is exactly
/// normal: the point forecast plus Σⱼ cₕⱼεⱼ. Here the coefficients cₕⱼ are carried through the
/// recursion and the interval is the point forecast ± z·σ·√(Σⱼ cₕⱼ²), z the standard normal
/// quantile: what the simulation estimates, without its sampling noise. For STM and OTM this is
/// σ²(1 + (h − 1)α²), the variance of simple exponential smoothing.
///
/// One deliberate difference: statsforecast's simulation moves A and B as the dynamic models do
/// for all four variants (and with the updated mean), so for STM/OTM on a short history its
/// paths drift away from the point forecast. Each variant here keeps its own recursion, so the
/// intervals are centred on the forecast. On long histories the two agree (m5_tiny, n = 1885:
/// median width ratio to statsforecast's 200-path intervals 1.00).
extension ThetaFit {
    /// The point forecasts and the per-unit-σ standard deviations of the value at each of the
    /// next `horizon` periods (on the scale the model was fitted on).
    func forecastDistribution(horizon h: Int) -> (mean: [Double], spread: [Double]) {
        let alpha = parameters.alpha, q = 1 - alpha, k = 1 - 1 / parameters.theta
        var level = state.level, meanY = state.meanY, a = state.a, b = state.b
        // Coefficients of ℓ, Ȳ, A, B and of the value itself on ε₁…ε_h.
        var cl = [Double](repeating: 0, count: h), cm = cl, ca = cl, cb = cl, cs = cl
        var mean = [Double](repeating: 0, count: h), spread = mean
        for j in 0..<h {
            let i = Double(state.count + j)
            let qi = pow(q, i)
            let w = (1 - qi * q) / alpha
            let mu = level + k * (a * qi + b * w)
            var variance = 1.0  // εⱼ itself
            for r in 0..<j {
                cs[r] = cl[r] + k * (ca[r] * qi + cb[r] * w)
                variance += cs[r] * cs[r]
            }
            cs[j] = 1
            mean[j] = mu
            spread[j] = variance.squareRoot()

            level = alpha * mu + q * level
            for r in 0...j { cl[r] = alpha * cs[r] + q * cl[r] }
            if dynamic {
                // The paper's eq. 7 with the previous mean, as in the forecast recursion.
                b = ((i - 1) * b + 6 * (mu - meanY) / (i + 1)) / (i + 2)
                for r in 0...j { cb[r] = ((i - 1) * cb[r] + 6 * (cs[r] - cm[r]) / (i + 1)) / (i + 2) }
            }
            meanY = (i * meanY + mu) / (i + 1)
            for r in 0...j { cm[r] = (i * cm[r] + cs[r]) / (i + 1) }
            if dynamic {
                a = meanY - b * (i + 2) / 2
                for r in 0...j { ca[r] = cm[r] - cb[r] * (i + 2) / 2 }
            }
        }
        return (mean, spread)
    }

    /// Point forecasts for the next `horizon` periods with intervals at `levels` percent, σ taken
    /// from this fit's own residuals (no seasonal adjustment involved).
    public func forecast(horizon: Int, levels: [Double]) throws -> Forecast {
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        try NormalIntervals.validate(levels)
        let sigma = Self.residualStandardDeviation(residuals)
        let (mean, intervals) = forecast(horizon: horizon, levels: levels, sigma: sigma)
        return Forecast(mean: mean, intervals: intervals, fitted: fitted)
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

    /// Point forecasts and intervals at `levels` percent on the fitted scale, for error standard
    /// deviation `sigma`.
    func forecast(horizon: Int, levels: [Double], sigma: Double) -> (mean: [Double], intervals: [PredictionInterval]) {
        let distribution = forecastDistribution(horizon: horizon)
        let intervals = levels.map { level in
            let z = NormalDistribution.quantile(0.5 + level / 200)
            var lower = distribution.mean, upper = distribution.mean
            for j in 0..<horizon {
                let half = z * sigma * distribution.spread[j]
                lower[j] -= half
                upper[j] += half
            }
            return PredictionInterval(level: level, lower: lower, upper: upper)
        }
        return (distribution.mean, intervals)
    }
}
