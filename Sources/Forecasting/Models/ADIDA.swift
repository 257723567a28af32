/// The aggregate–disaggregate intermittent demand approach (Nikolopoulos, Syntetos, Boylan,
/// Petropoulos & Assimakopoulos 2011): sum the series over non-overlapping buckets of k periods,
/// forecast the bucket sums by SES, and spread the forecast evenly, ŷ = forecast/k.
///
/// Semantics are statsforecast's `ADIDA`: k is the mean interval between non-zero values
/// rounded half to even, buckets are aligned to the end of the series, α is chosen on
/// [0.1, 0.3] by golden-section search, and an all-zero series is forecast as zero. No native
/// intervals; `levels` are ignored. No `fitted` values: the peer refits at every period.
public struct ADIDA: ForecastModel {
    public init() {}

    public var name: String { "ADIDA" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        let rate = y.withUnsafeBufferPointer { y -> Double in
            guard let k = TemporalAggregation.level(y) else { return 0 }
            return TemporalAggregation.aggregateForecast(y, level: k) / Double(k)
        }
        return Forecast(mean: [Double](repeating: rate, count: horizon))
    }
}
