import Foundation

/// Normal prediction intervals, mean ± z·σₕ with z the standard normal quantile at
/// 0.5 + level/200, as statsforecast builds the native intervals of its baseline models
/// (Hyndman & Athanasopoulos, FPP3 §5.5, "Prediction intervals").
enum NormalIntervals {
    /// The standard normal quantile Φ⁻¹(p) for 0 < p < 1.
    ///
    /// A start from Abramowitz & Stegun 26.2.23 (error < 4.5e-4) refined by Halley steps on
    /// Φ(x) = erfc(−x/√2)/2; Halley's method converges cubically, so three steps reach double
    /// precision from that start.
    static func quantile(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "quantile needs 0 < p < 1")
        let q = min(p, 1 - p)
        let t = (-2 * log(q)).squareRoot()
        let approx = t - (2.515517 + 0.802853 * t + 0.010328 * t * t)
            / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
        var x = p < 0.5 ? -approx : approx
        for _ in 0..<3 {
            let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
            let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
            x -= u / (1 + x * u / 2)
        }
        return x
    }

    /// Checks that every level is a coverage strictly between 0 and 100 percent.
    static func validate(_ levels: [Double]) throws {
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError.invalidParameter(name: "levels", reason: "each level must be in (0, 100) percent, got \(level)")
        }
    }

    /// One interval per level around `mean`, with standard deviation `sigma[h]` at step h.
    static func intervals(mean: [Double], sigma: [Double], levels: [Double]) -> [PredictionInterval] {
        levels.map { level in
            let z = quantile(0.5 + level / 200)
            var lower = mean, upper = mean
            for h in mean.indices {
                lower[h] = mean[h] - z * sigma[h]
                upper[h] = mean[h] + z * sigma[h]
            }
            return PredictionInterval(level: level, lower: lower, upper: upper)
        }
    }
}
