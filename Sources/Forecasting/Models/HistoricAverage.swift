/// The mean method: every future period equals the mean of the whole history (FPP3 §5.2).
///
/// Intervals: σ² = Σ(yₜ − ȳ)²/(n − 1), and the forecast standard deviation σ·√(1 + 1/n) at every
/// step, the noise plus the uncertainty of the estimated mean (FPP3 Table 5.2). A single
/// observation gives σ = 0, as in statsforecast.
public struct HistoricAverage: ForecastModel {
    public init() {}

    public var name: String { "HistoricAverage" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        try NormalIntervals.validate(levels)
        let n = y.count
        let average = y.withUnsafeBufferPointer { SeriesCheck.sum($0) } / Double(n)
        let mean = [Double](repeating: average, count: horizon)
        let fitted = [Double](repeating: average, count: n)
        guard !levels.isEmpty else { return Forecast(mean: mean, fitted: fitted) }
        var squares = 0.0
        for v in y { squares += (v - average) * (v - average) }
        let sigma = n > 1 ? (squares / Double(n - 1)).squareRoot() : 0
        let sigmaH = [Double](repeating: sigma * (1 + 1 / Double(n)).squareRoot(), count: horizon)
        return Forecast(mean: mean, intervals: NormalIntervals.intervals(mean: mean, sigma: sigmaH, levels: levels), fitted: fitted)
    }
}
