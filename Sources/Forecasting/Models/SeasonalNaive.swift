/// The seasonal naive forecast: each future period repeats the last observed value of the same
/// season, ŷ(n+h) = y(n + h − m·⌈h/m⌉) (FPP3 §5.2).
///
/// Intervals: σ² = Σₜ₌ₘ (yₜ − yₜ₋ₘ)²/(n − m) from the seasonal one-step residuals, and the h-step
/// standard deviation σ·√(⌊(h−1)/m⌋ + 1), one more season of error per completed season (FPP3
/// Table 5.2). statsforecast fills the forecast with NaN when the history is shorter than a
/// season; here that is an error.
///
/// ```swift
/// let f = try SeasonalNaive(seasonLength: 7).forecast(history, horizon: 28)
/// ```
public struct SeasonalNaive: ForecastModel {
    /// Periods per season, e.g. 7 for daily data with a weekly pattern.
    public var seasonLength: Int

    public init(seasonLength: Int) {
        self.seasonLength = seasonLength
    }

    public var name: String { "SeasonalNaive(\(seasonLength))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        let m = seasonLength
        guard m >= 1 else { throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(m)") }
        try SeriesCheck.validate(y, horizon: horizon)
        try NormalIntervals.validate(levels)
        let n = y.count
        guard n >= m else { throw ForecastError.seriesTooShort(model: name, needed: m, got: n) }
        let mean = (0..<horizon).map { y[n - m + $0 % m] }
        let fitted = SeriesCheck.lagged(y, by: m)
        guard !levels.isEmpty else { return Forecast(mean: mean, fitted: fitted) }
        var squares = 0.0
        y.withUnsafeBufferPointer { y in
            for t in stride(from: m, to: n, by: 1) {
                let e = y[t] - y[t - m]
                squares += e * e
            }
        }
        let sigma = n > m ? (squares / Double(n - m)).squareRoot() : 0
        let sigmaH = (0..<horizon).map { sigma * Double($0 / m + 1).squareRoot() }
        return Forecast(mean: mean, intervals: NormalIntervals.intervals(mean: mean, sigma: sigmaH, levels: levels), fitted: fitted)
    }
}
