/// Scores forecasts against what happened, with the M5 scaling (Makridakis et al. 2022, M5 accuracy guide).
///
/// ```swift
/// if let report = LiveAccuracy.measure(series) { print(report.mase) }
/// ```
public enum LiveAccuracy {
    /// MASE, RMSSE and bias over the series, or nil when no series has a usable scale.
    ///
    /// Per series the scale uses the history from its first non-zero value (M5: leading zeros are
    /// "not yet on sale"): MASE = mean|f − a| / mean|h_t − h_{t−1}|, RMSSE = sqrt(mean (f − a)² /
    /// mean (h_t − h_{t−1})²). Series whose scale is 0 or that have fewer than two history points
    /// after trimming, or no forecast/actual pair, are skipped. Forecast and actual are paired by
    /// position up to the shorter of the two.
    public static func measure(_ series: [AccuracySeries]) -> AccuracyReport? {
        var maseSum = 0.0, rmsseSum = 0.0, forecastSum = 0.0, actualSum = 0.0
        var measured = 0, points = 0
        for s in series {
            let pairs = min(s.forecast.count, s.actual.count)
            guard pairs > 0, let start = s.history.firstIndex(where: { $0 != 0 }) else { continue }
            let history = s.history[start...]
            guard history.count >= 2 else { continue }
            var absDiff = 0.0, squaredDiff = 0.0
            var previous = history[history.startIndex]
            for value in history.dropFirst() {
                absDiff += abs(value - previous)
                squaredDiff += (value - previous) * (value - previous)
                previous = value
            }
            let steps = Double(history.count - 1)
            let maeScale = absDiff / steps, mseScale = squaredDiff / steps
            guard maeScale > 0, mseScale > 0 else { continue }
            var absError = 0.0, squaredError = 0.0
            for i in 0..<pairs {
                let e = s.forecast[i] - s.actual[i]
                absError += abs(e)
                squaredError += e * e
                forecastSum += s.forecast[i]
                actualSum += s.actual[i]
            }
            maseSum += absError / Double(pairs) / maeScale
            rmsseSum += (squaredError / Double(pairs) / mseScale).squareRoot()
            measured += 1
            points += pairs
        }
        guard measured > 0 else { return nil }
        return AccuracyReport(
            mase: maseSum / Double(measured), rmsse: rmsseSum / Double(measured),
            bias: actualSum == 0 ? 0 : (forecastSum - actualSum) / actualSum,
            series: measured, points: points)
    }
}
