/// Scores forecasts over a `Hierarchy` with the M5 weighted measures, WRMSSE and WSPL
/// (M5 Competitors' Guide, pp. 5–9).
///
/// Built once from the bottom-level training histories, holdout actuals and weights; it keeps
/// only each aggregate's actuals and its two scales (not the aggregated histories), then scores
/// any number of models cheaply.
///
/// - RMSSE of a group: `sqrt(mean((y − ŷ)²) / mean((y_t − y_{t−1})²))`, the denominator over the
///   aggregate's active history (from its first non-zero value).
/// - SPL of a group: `mean_j pinball(u_j) / mean|y_t − y_{t−1}|`, same active history.
/// - Level value: `Σ_g w_g · score_g`, `w` normalised within the level; overall: the mean over
///   the K levels (each level weighted 1/K).
///
/// Forecasts for the aggregates:
/// - point forecasts are summed bottom-up, which is exact for means (the mean of a sum is the
///   sum of the means);
/// - quantile forecasts summed bottom-up are **an approximation**: a sum of q-quantiles is the
///   q-quantile of the sum only when the series move together perfectly (comonotonic); for
///   roughly independent series it gives intervals too wide at the upper levels. The M5
///   benchmarks instead forecast quantiles at every level, so a caller who has per-level
///   quantile forecasts passes them in `levelForecasts` and they replace the sums.
///
/// ```swift
/// let eval = try HierarchyEvaluator.m5(dataset, trainDays: 1885, horizon: 28)
/// let score = try eval.wrmsse(forecasts: bottomForecasts)
/// print(score.table, score.overall)
/// ```
public struct HierarchyEvaluator: Sendable {
    public let hierarchy: Hierarchy
    /// Normalised weights, `[level][group]`.
    public let weights: [[Double]]
    /// Aggregated holdout actuals, `[level][group][t]`.
    public let actuals: [[[Double]]]
    /// Mean squared one-step difference of each aggregate's active history (RMSSE scale).
    public let squaredScales: [[Double]]
    /// Mean absolute one-step difference of each aggregate's active history (SPL scale).
    public let absoluteScales: [[Double]]
    /// Periods ahead in `actuals`.
    public let horizon: Int

    /// - Parameters:
    ///   - histories: bottom training series, all of one length, in the hierarchy's order.
    ///   - actuals: bottom holdout values, all of one length (the horizon).
    ///   - bottomWeights: one non-negative weight per bottom series (M5: dollar sales over the
    ///     last 28 training days); equal weights give plain means per level.
    public init(hierarchy: Hierarchy, histories: [[Double]], actuals: [[Double]], bottomWeights: [Double]) throws {
        let n = hierarchy.bottomCount
        guard histories.count == n else { throw ForecastError.invalidParameter(name: "histories", reason: "has \(histories.count) series for \(n) bottom series") }
        guard actuals.count == n else { throw ForecastError.invalidParameter(name: "actuals", reason: "has \(actuals.count) series for \(n) bottom series") }
        let length = histories[0].count, horizon = actuals[0].count
        guard length >= 2 else { throw ForecastError.invalidParameter(name: "histories", reason: "need at least 2 periods for a scale, got \(length)") }
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        for i in 0..<n {
            guard histories[i].count == length else { throw ForecastError.invalidParameter(name: "histories[\(i)]", reason: "has \(histories[i].count) periods, series 0 has \(length)") }
            guard actuals[i].count == horizon else { throw ForecastError.invalidParameter(name: "actuals[\(i)]", reason: "has \(actuals[i].count) periods, series 0 has \(horizon)") }
        }
        self.hierarchy = hierarchy
        self.horizon = horizon
        self.weights = try hierarchy.levelWeights(bottomWeights: bottomWeights)
        self.actuals = hierarchy.aggregate(actuals)
        // Scales level by level, group by group, through one reusable buffer, so memory stays
        // O(history length) even for M5's 42,840 aggregates.
        var squared: [[Double]] = [], absolute: [[Double]] = []
        var buffer = [Double](repeating: 0, count: length)
        for level in hierarchy.levels {
            var sq = [Double](repeating: 0, count: level.count), ab = sq
            for (g, members) in level.members.enumerated() {
                let s: (absolute: Double, squared: Double)
                if members.count == 1 {
                    s = histories[members[0]].withUnsafeBufferPointer(Self.scales)
                } else {
                    buffer.withUnsafeMutableBufferPointer { b in
                        for t in 0..<length { b[t] = 0 }
                        for i in members {
                            histories[i].withUnsafeBufferPointer { h in for t in 0..<length { b[t] += h[t] } }
                        }
                    }
                    s = buffer.withUnsafeBufferPointer(Self.scales)
                }
                sq[g] = s.squared
                ab[g] = s.absolute
            }
            squared.append(sq)
            absolute.append(ab)
        }
        self.squaredScales = squared
        self.absoluteScales = absolute
    }

    /// The M5 setting on a dataset: bottom histories `d_1…d_trainDays`, actuals the next
    /// `horizon` days, weights the dollar sales of the last 28 training days.
    public static func m5(_ dataset: M5Dataset, trainDays: Int, horizon: Int = 28, levels: [Int] = Array(1...12)) throws -> HierarchyEvaluator {
        guard trainDays + horizon <= dataset.dayCount else {
            throw ForecastError.invalidParameter(name: "trainDays", reason: "\(trainDays) + horizon \(horizon) exceeds the \(dataset.dayCount) days")
        }
        return try HierarchyEvaluator(
            hierarchy: try Hierarchy.m5(dataset, levels: levels),
            histories: dataset.series.map { Array($0.sales[0..<trainDays]) },
            actuals: dataset.series.map { Array($0.sales[trainDays..<(trainDays + horizon)]) },
            bottomWeights: try dataset.dollarSales(endingBefore: trainDays))
    }

    /// Mean absolute and mean squared one-step differences from the first non-zero value
    /// (`PointMetrics.absoluteScale`/`squaredScale` in one pass); NaN with fewer than 2 points.
    static func scales(_ h: UnsafeBufferPointer<Double>) -> (absolute: Double, squared: Double) {
        var start = 0
        while start < h.count, h[start] == 0 { start += 1 }
        if start == h.count { start = 0 }  // all zero: the whole history, scale 0
        guard h.count - start >= 2 else { return (.nan, .nan) }
        var a = 0.0, s = 0.0
        for t in (start + 1)..<h.count {
            let d = h[t] - h[t - 1]
            a += abs(d)
            s += d * d
        }
        let m = Double(h.count - start - 1)
        return (a / m, s / m)
    }
}
