/// The intermittent multiple aggregation prediction algorithm (Petropoulos & Kourentzes 2015):
/// ADIDA's forecast at every aggregation level k = 1…K, averaged.
///
/// Semantics are statsforecast's `IMAPA`: K is the mean interval between non-zero values
/// rounded half to even (the M5 guide describes the maximum interval instead), buckets are
/// aligned to the end of the series, each level's α is chosen on [0.1, 0.3] by golden-section
/// search, and an all-zero series is forecast as zero. No native intervals; `levels` are
/// ignored. No `fitted` values: the peer refits at every period.
public struct IMAPA: ForecastModel {
    public init() {}

    public var name: String { "IMAPA" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try SeriesCheck.validate(y, horizon: horizon)
        let rate = y.withUnsafeBufferPointer { y -> Double in
            guard let top = TemporalAggregation.level(y) else { return 0 }
            var sum = 0.0
            for k in 1...top { sum += TemporalAggregation.aggregateForecast(y, level: k) / Double(k) }
            return sum / Double(top)
        }
        return Forecast(mean: [Double](repeating: rate, count: horizon))
    }
}
