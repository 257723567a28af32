import Forecasting
import Foundation

/// A small, dependable stand-in forecaster: each future day is the mean of the same weekday
/// over the last `seasons` weeks (a seasonal moving average, as statsforecast's
/// `SeasonalWindowAverage`, but it also forecasts histories shorter than the window), with
/// normal intervals from its own one-step errors.
///
/// It keeps the forecasting job, API and dashboard working end to end until the automatic
/// forecaster replaces it in `ForecastMethod.standard`.
///
/// - Mean, for the step whose phase (position modulo `seasonLength`) is j: the mean of the last
///   up to `seasons` values of phase j; when the history has none (shorter than a season), the
///   mean of the whole history.
/// - Intervals: mean ± z·σ, with σ the root mean square of the same rule's one-step errors over
///   the last `2·seasons` seasons (z the standard normal quantile of the level).
struct SeasonalMean: ForecastModel {
    var seasonLength: Int
    var seasons: Int

    init(seasonLength: Int = 7, seasons: Int = 4) {
        self.seasonLength = seasonLength
        self.seasons = seasons
    }

    var name: String { "SeasonalMean(\(seasonLength),\(seasons))" }

    func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        guard seasonLength >= 1 else { throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(seasonLength)") }
        guard seasons >= 1 else { throw ForecastError.invalidParameter(name: "seasons", reason: "must be at least 1, got \(seasons)") }
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError.invalidParameter(name: "levels", reason: "coverages must be in (0, 100), got \(level)")
        }
        try validateInput(y, horizon: horizon)
        let n = y.count, m = seasonLength
        let overall = y.reduce(0, +) / Double(n)
        // The rule's prediction for position t from the values before it.
        func predict(_ t: Int) -> Double? {
            var sum = 0.0, count = 0
            var s = t - m
            while s >= 0, count < seasons {
                sum += y[s]; count += 1; s -= m
            }
            return count > 0 ? sum / Double(count) : nil
        }
        // Step h (0-based) is position n + h; n + h mod m has the same phase and its earlier
        // same-phase positions are exactly the observed ones.
        let mean = (0..<horizon).map { h in predict(n + h % m) ?? overall }
        var squares = 0.0, errors = 0
        for t in max(0, n - 2 * seasons * m)..<n {
            guard let p = predict(t) else { continue }
            squares += (y[t] - p) * (y[t] - p)
            errors += 1
        }
        let sigma = errors > 0 ? (squares / Double(errors)).squareRoot() : 0
        let intervals = levels.map { level in
            let z = Self.normalQuantile(0.5 + level / 200)
            return PredictionInterval(level: level, lower: mean.map { $0 - z * sigma }, upper: mean.map { $0 + z * sigma })
        }
        return Forecast(mean: mean, intervals: intervals)
    }

    /// The standard normal quantile, by Acklam's rational approximation (relative error below
    /// 1.2e-9), enough for interval widths.
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low { return -normalQuantile(1 - p) }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }
}
