/// Simple exponential smoothing with α chosen to minimise the in-sample squared one-step error
/// over [0.01, 0.99] (FPP3 §8.1; statsforecast's `SESOptimized`).
///
/// The search is statsforecast's golden section (`GoldenSectionSearch`), so α and the forecast
/// agree with the peer to rounding. No native intervals; `levels` are ignored. `fitted` holds
/// the one-step forecasts at the chosen α, NaN for the first period.
public struct SimpleExponentialSmoothingOptimized: ForecastModel {
    /// The range α is searched in.
    public static let alphaRange = 0.01...0.99

    public init() {}

    public var name: String { "SESOptimized" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        var level = 0.0
        let fitted = [Double](unsafeUninitializedCapacity: y.count) { out, initialized in
            level = y.withUnsafeBufferPointer { y in
                let range = Self.alphaRange
                let alpha = GoldenSectionSearch.sesAlpha(y, lower: range.lowerBound, upper: range.upperBound)
                return SimpleSmoothing.forecast(y, alpha: alpha, fitted: out)
            }
            initialized = y.count
        }
        return Forecast(mean: [Double](repeating: level, count: horizon), fitted: fitted)
    }

    /// The smoothing parameter the search chooses for `y`.
    public static func alpha(for y: [Double]) -> Double {
        y.withUnsafeBufferPointer { GoldenSectionSearch.sesAlpha($0, lower: alphaRange.lowerBound, upper: alphaRange.upperBound) }
    }
}
