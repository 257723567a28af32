/// The naive forecast: every future period equals the last observation (FPP3 §5.2).
///
/// Intervals are those of a random walk: the one-step residuals yₜ − yₜ₋₁ give
/// σ² = Σ(yₜ − yₜ₋₁)²/(n − 1), and the h-step standard deviation is σ·√h (FPP3 Table 5.2).
/// A single observation has no residual, so its σ is 0, as in statsforecast.
///
/// ```swift
/// let f = try Naive().forecast([3, 5, 4], horizon: 2, levels: [80])  // mean [4, 4]
/// ```
public struct Naive: ForecastModel {
    public init() {}

    public var name: String { "Naive" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        try NormalIntervals.validate(levels)
        let n = y.count
        let mean = [Double](repeating: y[n - 1], count: horizon)
        let fitted = SeriesCheck.lagged(y, by: 1)
        guard !levels.isEmpty else { return Forecast(mean: mean, fitted: fitted) }
        var squares = 0.0
        y.withUnsafeBufferPointer { y in
            for t in stride(from: 1, to: n, by: 1) {
                let e = y[t] - y[t - 1]
                squares += e * e
            }
        }
        let sigma = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        let sigmaH = (1...horizon).map { sigma * Double($0).squareRoot() }
        return Forecast(mean: mean, intervals: NormalIntervals.intervals(mean: mean, sigma: sigmaH, levels: levels), fitted: fitted)
    }
}
