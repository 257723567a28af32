/// The drift method: a line through the first and the last observation, extended into the
/// future, ŷₙ₊ₕ = yₙ + h·(yₙ − y₁)/(n − 1) (FPP3 §5.2).
///
/// Intervals: the residuals yₜ − yₜ₋₁ − drift give σ² = Σ e²/(n − 1), and the h-step standard
/// deviation is σ·√(h·(1 + h/(n − 1))), the random walk's growth plus the error of the estimated
/// drift (FPP3 Table 5.2). Needs two observations.
public struct RandomWalkWithDrift: ForecastModel {
    public init() {}

    public var name: String { "RandomWalkWithDrift" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        try NormalIntervals.validate(levels)
        let n = y.count
        guard n >= 2 else { throw ForecastError.seriesTooShort(model: name, needed: 2, got: n) }
        let slope = (y[n - 1] - y[0]) / Double(n - 1)
        let mean = (0..<horizon).map { slope * Double($0 + 1) + y[n - 1] }
        let fitted = [Double](unsafeUninitializedCapacity: n) { out, initialized in
            y.withUnsafeBufferPointer { y in
                out[0] = .nan
                for t in 1..<n { out[t] = slope + y[t - 1] }
            }
            initialized = n
        }
        guard !levels.isEmpty else { return Forecast(mean: mean, fitted: fitted) }
        var squares = 0.0
        for t in 1..<n {
            let e = y[t] - fitted[t]
            squares += e * e
        }
        let sigma = (squares / Double(n - 1)).squareRoot()
        let sigmaH = (1...horizon).map { h in sigma * (Double(h) * (1 + Double(h) / Double(n - 1))).squareRoot() }
        return Forecast(mean: mean, intervals: NormalIntervals.intervals(mean: mean, sigma: sigmaH, levels: levels), fitted: fitted)
    }
}
