/// The Teunter–Syntetos–Babai method (Teunter, Syntetos & Babai 2011): the probability of a
/// demand, dₜ = 1{yₜ ≠ 0}, is smoothed with `alphaP` every period, the positive demand sizes
/// with `alphaD` when they occur, and ŷ = d̂·ẑ. Unlike Croston's, the forecast decays through
/// runs of zeros, so it follows an item that stops selling.
///
/// Semantics are statsforecast's `TSB`: both parameters are required, both smoothers start at
/// their first value, and an all-zero series is forecast as zero. A series with non-zero but
/// no positive values (only returns) is forecast as zero too; statsforecast fails on it. No
/// native intervals; `levels` are ignored. `fitted` holds the in-sample one-step forecasts.
///
/// ```swift
/// let f = try TSB(alphaD: 0.1, alphaP: 0.1).forecast(history, horizon: 28)
/// ```
public struct TSB: ForecastModel {
    /// Smoothing parameter of the demand sizes, in [0, 1].
    public var alphaD: Double
    /// Smoothing parameter of the demand probability, in [0, 1].
    public var alphaP: Double

    public init(alphaD: Double, alphaP: Double) {
        self.alphaD = alphaD
        self.alphaP = alphaP
    }

    public var name: String { "TSB(\(alphaD),\(alphaP))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SimpleSmoothing.validate(alphaD, name: "alphaD")
        try SimpleSmoothing.validate(alphaP, name: "alphaP")
        try SeriesCheck.validate(y, horizon: horizon)
        let n = y.count
        var fitted = [Double](repeating: .nan, count: n)
        var size = SmoothedLevel(alpha: alphaD), probability = SmoothedLevel(alpha: alphaP)
        y.withUnsafeBufferPointer { y in
            fitted.withUnsafeMutableBufferPointer { fitted in
                for t in 0..<n {
                    let v = y[t]
                    if v > 0 { size.add(v) }
                    probability.add(v != 0 ? 1 : 0)
                    // Before the first demand the size estimate is the previous value (0).
                    if t + 1 < n { fitted[t + 1] = probability.forecast * (size.count > 0 ? size.forecast : v) }
                }
            }
        }
        guard size.count > 0 else {
            var zeros = [Double](repeating: 0, count: n)
            zeros[0] = .nan
            return Forecast(mean: [Double](repeating: 0, count: horizon), fitted: zeros)
        }
        return Forecast(mean: [Double](repeating: probability.forecast * size.forecast, count: horizon), fitted: fitted)
    }
}
