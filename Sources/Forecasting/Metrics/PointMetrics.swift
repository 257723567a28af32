/// Point-forecast error measures on one series.
///
/// Definitions follow utilsforecast's `losses.py` and the M5 Competitors' Guide (pp. 5–9).
/// `actual` and `forecast` cover the same horizon; `history` is the training series the scale
/// is taken from.
public enum PointMetrics {
    /// Mean absolute error.
    public static func mae(actual: [Double], forecast: [Double]) -> Double {
        precondition(actual.count == forecast.count && !actual.isEmpty, "actual and forecast must have the same, non-zero length")
        var s = 0.0
        for i in actual.indices { s += abs(actual[i] - forecast[i]) }
        return s / Double(actual.count)
    }

    /// Mean squared error.
    public static func mse(actual: [Double], forecast: [Double]) -> Double {
        precondition(actual.count == forecast.count && !actual.isEmpty, "actual and forecast must have the same, non-zero length")
        var s = 0.0
        for i in actual.indices { let e = actual[i] - forecast[i]; s += e * e }
        return s / Double(actual.count)
    }

    /// Root mean squared error.
    public static func rmse(actual: [Double], forecast: [Double]) -> Double {
        mse(actual: actual, forecast: forecast).squareRoot()
    }

    /// Mean bias, `mean(forecast − actual)` (utilsforecast's `bias` sign): positive means the
    /// forecast is too high on average (over-forecasting, excess stock), negative too low.
    public static func bias(actual: [Double], forecast: [Double]) -> Double {
        precondition(actual.count == forecast.count && !actual.isEmpty, "actual and forecast must have the same, non-zero length")
        var s = 0.0
        for i in actual.indices { s += forecast[i] - actual[i] }
        return s / Double(actual.count)
    }

    /// sMAPE as the M4 competition defines it, in percent from 0 to 200:
    /// `200/h · Σ |y − ŷ| / (|y| + |ŷ|)` (M4 Competitor's Guide; `smape` in the M4 benchmark code).
    /// M4 had no zeros; a term with `y = ŷ = 0` counts as 0 here (a perfect forecast), as in
    /// utilsforecast, so intermittent series give a finite value.
    public static func smapeM4(actual: [Double], forecast: [Double]) -> Double {
        200 * smapeUtilsforecast(actual: actual, forecast: forecast)
    }

    /// sMAPE as utilsforecast's `smape` defines it, a fraction from 0 to 1:
    /// `mean(|y − ŷ| / (|y| + |ŷ|))` with a 0/0 term counted as 0. Half of the M4 value / 100.
    public static func smapeUtilsforecast(actual: [Double], forecast: [Double]) -> Double {
        precondition(actual.count == forecast.count && !actual.isEmpty, "actual and forecast must have the same, non-zero length")
        var s = 0.0
        for i in actual.indices {
            let denominator = abs(actual[i]) + abs(forecast[i])
            if denominator > 0 { s += abs(actual[i] - forecast[i]) / denominator }
        }
        return s / Double(actual.count)
    }

    /// The M5 "active period": the history from its first non-zero value on (M5 guide: the
    /// scale ignores the zeros before an item's first sale). All-zero history stays whole.
    public static func activeHistory(_ history: [Double]) -> ArraySlice<Double> {
        guard let first = history.firstIndex(where: { $0 != 0 }) else { return history[...] }
        return history[first...]
    }

    /// Mean absolute m-step difference of the active history: MASE's denominator.
    public static func absoluteScale(history: [Double], seasonality m: Int = 1) -> Double {
        let h = activeHistory(history)
        guard h.count > m else { return .nan }
        var s = 0.0
        for i in (h.startIndex + m)..<h.endIndex { s += abs(h[i] - h[i - m]) }
        return s / Double(h.count - m)
    }

    /// Mean squared m-step difference of the active history: RMSSE's denominator (squared).
    public static func squaredScale(history: [Double], seasonality m: Int = 1) -> Double {
        let h = activeHistory(history)
        guard h.count > m else { return .nan }
        var s = 0.0
        for i in (h.startIndex + m)..<h.endIndex { let d = h[i] - h[i - m]; s += d * d }
        return s / Double(h.count - m)
    }

    /// Mean absolute scaled error with the M5 scale (one-step naive, from the first sale).
    public static func mase(actual: [Double], forecast: [Double], history: [Double], seasonality m: Int = 1) -> Double {
        mae(actual: actual, forecast: forecast) / absoluteScale(history: history, seasonality: m)
    }

    /// Root mean squared scaled error, the M5 accuracy measure for one series.
    public static func rmsse(actual: [Double], forecast: [Double], history: [Double], seasonality m: Int = 1) -> Double {
        (mse(actual: actual, forecast: forecast) / squaredScale(history: history, seasonality: m)).squareRoot()
    }
}
