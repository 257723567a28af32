/// The seasonal moving average: each future period equals the mean of the same season's
/// values over the last `windowSize` seasons (statsforecast `SeasonalWindowAverage`), e.g. next
/// Monday = the mean of the last four Mondays with `seasonLength` 7 and `windowSize` 4.
///
/// No native intervals (statsforecast offers conformal ones only); `levels` are ignored.
public struct SeasonalWindowAverage: ForecastModel {
    /// Periods per season.
    public var seasonLength: Int
    /// How many recent seasons are averaged.
    public var windowSize: Int

    public init(seasonLength: Int, windowSize: Int) {
        self.seasonLength = seasonLength
        self.windowSize = windowSize
    }

    public var name: String { "SeasonalWindowAverage(\(seasonLength),\(windowSize))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        let m = seasonLength, w = windowSize
        guard m >= 1 else { throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(m)") }
        guard w >= 1 else { throw ForecastError.invalidParameter(name: "windowSize", reason: "must be at least 1, got \(w)") }
        try SeriesCheck.validate(y, horizon: horizon)
        let n = y.count
        let (needed, overflow) = m.multipliedReportingOverflow(by: w)
        guard !overflow, n >= needed else { throw ForecastError.seriesTooShort(model: name, needed: overflow ? Int.max : needed, got: n) }
        // Phase j of the window starts at n − m·w + j; the window starts on a season boundary
        // counted back from the end, so phase j is forecast h with h mod m = j.
        var seasonal = [Double](repeating: 0, count: m)
        y.withUnsafeBufferPointer { y in
            let start = n - needed
            for r in 0..<w {
                for j in 0..<m { seasonal[j] += y[start + r * m + j] }
            }
        }
        for j in 0..<m { seasonal[j] /= Double(w) }
        let mean = (0..<horizon).map { seasonal[$0 % m] }
        return Forecast(mean: mean)
    }
}
