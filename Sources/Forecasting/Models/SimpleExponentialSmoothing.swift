/// Simple exponential smoothing with a fixed smoothing parameter (Brown 1956; FPP3 §8.1):
/// ℓₜ = α·yₜ + (1 − α)·ℓₜ₋₁, flat forecasts ŷₙ₊ₕ = ℓₙ.
///
/// The level starts at the first observation (statsforecast's `SES`; see `SimpleSmoothing`).
/// The recursion runs four steps at a time (`SimpleSmoothing.blockedForecast`), so results may
/// differ from statsforecast's in the last few bits. No native intervals (statsforecast's `forecast` offers conformal ones only); `levels` are
/// ignored. `fitted` holds the one-step forecasts, NaN for the first period.
///
/// ```swift
/// let f = try SimpleExponentialSmoothing(alpha: 0.1).forecast(history, horizon: 28)
/// ```
public struct SimpleExponentialSmoothing: ForecastModel {
    /// Weight of the newest observation, in [0, 1].
    public var alpha: Double

    public init(alpha: Double) {
        self.alpha = alpha
    }

    public var name: String { "SES(\(alpha))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SimpleSmoothing.validate(alpha, name: "alpha")
        try SeriesCheck.validate(y, horizon: horizon)
        var level = 0.0
        let fitted = [Double](unsafeUninitializedCapacity: y.count) { out, initialized in
            level = y.withUnsafeBufferPointer { SimpleSmoothing.blockedForecast($0, alpha: alpha, fitted: out) }
            initialized = y.count
        }
        return Forecast(mean: [Double](repeating: level, count: horizon), fitted: fitted)
    }
}
