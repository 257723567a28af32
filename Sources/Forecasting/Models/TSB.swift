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
        let ap = alphaP, cp = 1 - alphaP, ad = alphaD, cd = 1 - alphaD
        // Both smoothers start at their first value (`SmoothedLevel`); written out here so the
        // per-period loop has no branch on whether a period has demand.
        var rate = 0.0, anyDemand = false
        let fitted = [Double](unsafeUninitializedCapacity: n) { f, initialized in
            y.withUnsafeBufferPointer { y in
                f[0] = .nan
                let d0: Double = y[0] != 0 ? 1 : 0
                var pLevel = ap * d0 + cp * d0, pForecast = d0
                var zLevel = 0.0, zForecast = 0.0
                var t = 0
                // Before the first demand the size estimate is the period's own value.
                while t < n {
                    let v = y[t]
                    if t > 0 {
                        pLevel = ap * (v != 0 ? 1 : 0) + cp * pLevel
                        pForecast = pLevel
                    }
                    if v > 0 {
                        zForecast = v
                        zLevel = ad * v + cd * v
                        anyDemand = true
                    }
                    if t + 1 < n { f[t + 1] = pForecast * (anyDemand ? zForecast : v) }
                    t += 1
                    if anyDemand { break }
                }
                while t < n {
                    let v = y[t]
                    pLevel = ap * (v != 0 ? 1 : 0) + cp * pLevel
                    // Without demand the weights (0, 1) leave the level exactly as it was.
                    let demand = v > 0
                    zLevel = (demand ? ad : 0) * v + (demand ? cd : 1) * zLevel
                    zForecast = demand ? zLevel : zForecast
                    if t + 1 < n { f[t + 1] = pLevel * zForecast }
                    t += 1
                }
                rate = (n == 1 ? d0 : pLevel) * zForecast
            }
            initialized = n
        }
        guard anyDemand else {
            var zeros = [Double](repeating: 0, count: n)
            zeros[0] = .nan
            return Forecast(mean: [Double](repeating: 0, count: horizon), fitted: zeros)
        }
        return Forecast(mean: [Double](repeating: rate, count: horizon), fitted: fitted)
    }
}
