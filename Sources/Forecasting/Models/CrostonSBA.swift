/// The Syntetos–Boylan approximation (Syntetos & Boylan 2005): Croston's rate times 1 − α/2
/// = 0.95 for α = 0.1, which removes most of Croston's positive bias.
///
/// Semantics are statsforecast's `CrostonSBA`, including its fallback for a series with no
/// positive value: 0.95 times the naive forecast. No native intervals; `levels` are ignored.
public struct CrostonSBA: ForecastModel {
    /// The bias correction 1 − α/2 for Croston's α = 0.1.
    public static let factor = 0.95

    public init() {}

    public var name: String { "CrostonSBA" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        return CrostonClassic.forecast(y, horizon: horizon, scale: Self.factor)
    }
}
