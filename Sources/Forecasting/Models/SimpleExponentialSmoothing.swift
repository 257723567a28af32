/// Simple exponential smoothing with a fixed smoothing parameter (Brown 1956; FPP3 §8.1):
/// ℓₜ = α·yₜ + (1 − α)·ℓₜ₋₁, flat forecasts ŷₙ₊ₕ = ℓₙ.
///
/// The level starts at the first observation (statsforecast's `SES`; see `SimpleSmoothing`).
/// No native intervals (statsforecast's `forecast` offers conformal ones only); `levels` are
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
        var fitted = [Double](repeating: 0, count: y.count)
        let level = y.withUnsafeBufferPointer { y in
            fitted.withUnsafeMutableBufferPointer { SimpleSmoothing.forecast(y, alpha: alpha, fitted: $0) }
        }
        return Forecast(mean: [Double](repeating: level, count: horizon), fitted: fitted)
    }
}
