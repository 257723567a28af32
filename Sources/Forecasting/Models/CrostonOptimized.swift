/// Croston's method with each smoothing parameter fitted: α for the sizes and α for the
/// intervals are chosen separately on [0.1, 0.3] by minimising the in-sample squared one-step
/// error of each series (statsforecast's `CrostonOptimized`, golden-section search as there).
///
/// A series with no positive value gets the naive forecast. No native intervals; `levels` are
/// ignored. No `fitted` values: the peer refits the whole search at every period for them.
public struct CrostonOptimized: ForecastModel {
    /// The range both smoothing parameters are searched in.
    public static let alphaRange = 0.1...0.3

    public init() {}

    public var name: String { "CrostonOptimized" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        let (sizes, intervals) = y.withUnsafeBufferPointer { CrostonKernel.sizesAndIntervals($0) }
        guard !sizes.isEmpty else { return CrostonKernel.naive(y, horizon: horizon) }
        let range = Self.alphaRange
        let z = sizes.withUnsafeBufferPointer {
            SimpleSmoothing.optimizedForecast($0, lower: range.lowerBound, upper: range.upperBound).forecast
        }
        let q = intervals.withUnsafeBufferPointer {
            SimpleSmoothing.optimizedForecast($0, lower: range.lowerBound, upper: range.upperBound).forecast
        }
        let rate = q != 0 ? z / q : z
        return Forecast(mean: [Double](repeating: rate, count: horizon))
    }
}
