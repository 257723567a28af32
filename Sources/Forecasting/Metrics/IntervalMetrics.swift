/// Error measures for quantile and interval forecasts on one series.
///
/// Definitions follow the M5 Competitors' Guide (pinball loss and SPL, pp. 7–9) and
/// utilsforecast's `losses.py` (coverage, Winkler score, scaled CRPS). `actual` and the forecast
/// paths cover the same horizon; `history` is the training series the M5 scale is taken from.
///
/// ```swift
/// let q95 = forecast.quantile(0.975)!
/// IntervalMetrics.pinball(actual: y, quantileForecast: q95, quantile: 0.975)
/// IntervalMetrics.winkler(actual: y, interval: forecast.interval(level: 95)!)
/// ```
public enum IntervalMetrics {
    /// Mean pinball (quantile) loss of the `quantile` path `Q` over the horizon:
    /// `mean( u·(y − Q) if Q ≤ y, else (1 − u)·(Q − y) )`, the M5 guide's SPL numerator.
    public static func pinball(actual: [Double], quantileForecast: [Double], quantile u: Double) -> Double {
        precondition(actual.count == quantileForecast.count && !actual.isEmpty, "actual and quantileForecast must have the same, non-zero length")
        precondition(u > 0 && u < 1, "quantile must lie in (0, 1)")
        var s = 0.0
        for i in actual.indices {
            let d = actual[i] - quantileForecast[i]
            s += d >= 0 ? u * d : (u - 1) * d
        }
        return s / Double(actual.count)
    }

    /// Scaled pinball loss, M5's SPL(u): the pinball loss divided by the mean absolute one-step
    /// difference of the active history (from the first non-zero value, as for MASE/RMSSE).
    public static func scaledPinball(actual: [Double], quantileForecast: [Double], quantile u: Double, history: [Double]) -> Double {
        pinball(actual: actual, quantileForecast: quantileForecast, quantile: u) / PointMetrics.absoluteScale(history: history)
    }

    /// Mean pinball loss over a quantile set (utilsforecast's `mqloss`):
    /// `quantileForecasts[j]` is the path for `quantiles[j]`.
    public static func meanPinball(actual: [Double], quantileForecasts: [[Double]], quantiles: [Double]) -> Double {
        precondition(quantileForecasts.count == quantiles.count && !quantiles.isEmpty, "one forecast path per quantile")
        var s = 0.0
        for j in quantiles.indices {
            s += pinball(actual: actual, quantileForecast: quantileForecasts[j], quantile: quantiles[j])
        }
        return s / Double(quantiles.count)
    }

    /// The per-series summand of M5's WSPL: `(1/J) Σ_j SPL(u_j)` over the quantile set.
    public static func meanScaledPinball(actual: [Double], quantileForecasts: [[Double]], quantiles: [Double], history: [Double]) -> Double {
        meanPinball(actual: actual, quantileForecasts: quantileForecasts, quantiles: quantiles) / PointMetrics.absoluteScale(history: history)
    }

    /// Share of periods with `lower ≤ y ≤ upper` (both ends inclusive, as utilsforecast's
    /// `coverage`), a fraction from 0 to 1 to compare with the nominal level / 100.
    public static func coverage(actual: [Double], lower: [Double], upper: [Double]) -> Double {
        precondition(actual.count == lower.count && actual.count == upper.count && !actual.isEmpty, "actual, lower and upper must have the same, non-zero length")
        var inside = 0
        for i in actual.indices where actual[i] >= lower[i] && actual[i] <= upper[i] { inside += 1 }
        return Double(inside) / Double(actual.count)
    }

    /// Coverage of a model's central prediction interval.
    public static func coverage(actual: [Double], interval: PredictionInterval) -> Double {
        coverage(actual: actual, lower: interval.lower, upper: interval.upper)
    }

    /// Mean Winkler (1972) score of a central `level` % interval, α = (100 − level)/100:
    /// `(hi − lo) + (2/α)(lo − y)` when `y < lo`, `+ (2/α)(y − hi)` when `y > hi`, else the
    /// width alone (utilsforecast's `winkler_score`). Lower is better.
    public static func winkler(actual: [Double], lower: [Double], upper: [Double], level: Double) -> Double {
        precondition(actual.count == lower.count && actual.count == upper.count && !actual.isEmpty, "actual, lower and upper must have the same, non-zero length")
        precondition(level > 0 && level < 100, "level must lie in (0, 100) percent")
        let penalty = 2 / ((100 - level) / 100)
        var s = 0.0
        for i in actual.indices {
            let y = actual[i], lo = lower[i], hi = upper[i]
            s += hi - lo
            if y < lo { s += penalty * (lo - y) } else if y > hi { s += penalty * (y - hi) }
        }
        return s / Double(actual.count)
    }

    /// Winkler score of a model's central prediction interval at its own level.
    public static func winkler(actual: [Double], interval: PredictionInterval) -> Double {
        winkler(actual: actual, lower: interval.lower, upper: interval.upper, level: interval.level)
    }

    /// Scaled CRPS approximated on a quantile set (Rangapuram et al. 2021; utilsforecast's
    /// `scaled_crps`): `2 · Σ_t mean_j QL(u_j, t) / (Σ_t |y_t| + ε)` with ε the machine epsilon,
    /// so a horizon of zeros gives a huge but finite value, as in the peer. The quantile set is
    /// a discretisation of the CRPS integral; more, evenly spread quantiles approximate it better.
    public static func scaledCRPS(actual: [Double], quantileForecasts: [[Double]], quantiles: [Double]) -> Double {
        let loss = meanPinball(actual: actual, quantileForecasts: quantileForecasts, quantiles: quantiles)
        var norm = 0.0
        for y in actual { norm += abs(y) }
        return 2 * loss * Double(actual.count) / (norm + Double.ulpOfOne)
    }
}
