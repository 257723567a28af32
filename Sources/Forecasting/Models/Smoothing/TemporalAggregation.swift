/// Non-overlapping temporal aggregation for intermittent demand (Nikolopoulos et al. 2011,
/// ADIDA; Petropoulos & Kourentzes 2015, IMAPA): sums of k consecutive periods hide most
/// zeros, so a smooth method can be fitted to them.
enum TemporalAggregation {
    /// The mean interval between non-zero values, the first counted from the start of the
    /// series (a first sale on day 3 is an interval of 3), or nil when every value is zero.
    /// The intervals telescope: their sum is the position (1-based) of the last non-zero value.
    static func meanInterval(_ y: UnsafeBufferPointer<Double>) -> Double? {
        var count = 0, last = -1
        for i in 0..<y.count where y[i] != 0 {
            count += 1
            last = i
        }
        guard count > 0 else { return nil }
        return Double(last + 1) / Double(count)
    }

    /// The aggregation level: the mean interval rounded half to even (Python's `round`, as
    /// statsforecast rounds it), at least 1; nil when every value is zero.
    static func level(_ y: UnsafeBufferPointer<Double>) -> Int? {
        meanInterval(y).map { max(1, Int($0.rounded(.toNearestOrEven))) }
    }

    /// Sums of `k` consecutive values, aligned to the end of the series: the oldest `n mod k`
    /// values are dropped so that the last bucket ends with the last observation.
    static func sums(_ y: UnsafeBufferPointer<Double>, level k: Int) -> [Double] {
        let chunks = y.count / k
        let lost = y.count - chunks * k
        return [Double](unsafeUninitializedCapacity: chunks) { out, initialized in
            for i in 0..<chunks {
                var s = 0.0
                let base = lost + i * k
                for j in 0..<k { s += y[base + j] }
                out[i] = s
            }
            initialized = chunks
        }
    }

    /// The one-step forecast of the k-period sums by SES with α optimized on [0.1, 0.3]; a
    /// single bucket is its own forecast, and a series shorter than one bucket is forecast by
    /// its last value.
    static func aggregateForecast(_ y: UnsafeBufferPointer<Double>, level k: Int) -> Double {
        guard y.count >= k else { return y[y.count - 1] }
        let buckets = sums(y, level: k)
        return buckets.withUnsafeBufferPointer { SimpleSmoothing.optimizedForecast($0).forecast }
    }
}
