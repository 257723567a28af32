/// The moving-average forecast: every future period equals the mean of the last `windowSize`
/// observations (FPP3 §5.2; statsforecast `WindowAverage`).
///
/// No native intervals (statsforecast offers conformal ones only); `levels` are ignored.
public struct WindowAverage: ForecastModel {
    /// How many of the most recent observations are averaged.
    public var windowSize: Int

    public init(windowSize: Int) {
        self.windowSize = windowSize
    }

    public var name: String { "WindowAverage(\(windowSize))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        guard windowSize >= 1 else {
            throw ForecastError.invalidParameter(name: "windowSize", reason: "must be at least 1, got \(windowSize)")
        }
        try SeriesCheck.validate(y, horizon: horizon)
        let n = y.count
        guard n >= windowSize else { throw ForecastError.seriesTooShort(model: name, needed: windowSize, got: n) }
        let average = y.withUnsafeBufferPointer { y in
            var s = 0.0
            for t in (n - windowSize)..<n { s += y[t] }
            return s / Double(windowSize)
        }
        return Forecast(mean: [Double](repeating: average, count: horizon))
    }
}
