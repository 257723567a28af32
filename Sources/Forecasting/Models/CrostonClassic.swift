/// Croston's method for intermittent demand (Croston 1972): the non-zero demand sizes and the
/// intervals between demands are smoothed separately with α = 0.1, and the forecast is the
/// rate ẑ/q̂ per period, flat over the horizon.
///
/// Semantics are statsforecast's `CrostonClassic`: the first interval is counted from the start
/// of the series, both smoothers start at their first value, and a series with no positive
/// value gets the naive forecast. No native intervals (statsforecast offers conformal ones
/// only); `levels` are ignored. `fitted` holds the in-sample one-step rates.
///
/// ```swift
/// let f = try CrostonClassic().forecast([0, 0, 3, 0, 2], horizon: 7)
/// ```
public struct CrostonClassic: ForecastModel {
    /// The smoothing parameter of both sizes and intervals (Croston's and the M5 benchmarks').
    public static let alpha = 0.1

    public init() {}

    public var name: String { "CrostonClassic" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        return Self.forecast(y, horizon: horizon, scale: 1)
    }

    /// Croston's rate times `scale` (1, or SBA's 1 − α/2).
    static func forecast(_ y: [Double], horizon: Int, scale: Double) -> Forecast {
        var rate: Double?
        var fitted = [Double](unsafeUninitializedCapacity: y.count) { out, initialized in
            rate = y.withUnsafeBufferPointer { CrostonKernel.rate($0, alpha: alpha, fitted: out) }
            initialized = y.count
        }
        guard let rate else { return CrostonKernel.naive(y, horizon: horizon, scale: scale) }
        if scale != 1 {
            for t in fitted.indices { fitted[t] *= scale }
        }
        return Forecast(mean: [Double](repeating: rate * scale, count: horizon), fitted: fitted)
    }
}
