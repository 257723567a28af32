/// A simple-exponential-smoothing level fed one value at a time, with `SimpleSmoothing`'s
/// initialisation: the first value starts the level and is then smoothed in like the rest,
/// and after a single value the forecast is that value.
struct SmoothedLevel {
    let alpha: Double
    let complement: Double
    private(set) var count = 0
    private var first = 0.0
    private var level = 0.0

    init(alpha: Double) {
        self.alpha = alpha
        complement = 1 - alpha
    }

    @inline(__always)
    mutating func add(_ x: Double) {
        if count == 0 { first = x; level = x }
        level = alpha * x + complement * level
        count += 1
    }

    /// The one-step forecast after the values added so far (0 before any).
    var forecast: Double { count == 1 ? first : level }
}

/// Croston's method (Croston 1972) as statsforecast computes it: sizes zₖ are the positive
/// values, intervals qₖ the distances between non-zero values with the first counted from
/// the start of the series (t = 0), both smoothed by SES with `alpha`; ŷ = ẑ/q̂.
enum CrostonKernel {
    /// The Croston rate for `y`, or nil when `y` has no positive value (the caller falls back to
    /// the naive forecast then, as statsforecast does). When `fitted` is given it receives the
    /// in-sample one-step rates: NaN at t = 0, before the first demand the previous value over
    /// an interval of 1.
    static func rate(_ y: UnsafeBufferPointer<Double>, alpha: Double, fitted: UnsafeMutableBufferPointer<Double>?) -> Double? {
        var size = SmoothedLevel(alpha: alpha), interval = SmoothedLevel(alpha: alpha)
        var lastNonZero = -1
        fitted?[0] = .nan
        for t in 0..<y.count {
            let v = y[t]
            if v > 0 { size.add(v) }
            if v != 0 {
                interval.add(Double(t - lastNonZero))
                lastNonZero = t
            }
            if let fitted, t + 1 < y.count {
                let z = size.count > 0 ? size.forecast : v
                let q = interval.count > 0 && interval.forecast != 0 ? interval.forecast : 1
                fitted[t + 1] = z / q
            }
        }
        guard size.count > 0 else { return nil }
        let q = interval.forecast
        return q != 0 ? size.forecast / q : size.forecast
    }

    /// The positive values and the intervals between non-zero values, for the optimized variant.
    static func sizesAndIntervals(_ y: UnsafeBufferPointer<Double>) -> (sizes: [Double], intervals: [Double]) {
        var sizes: [Double] = [], intervals: [Double] = []
        var lastNonZero = -1
        for t in 0..<y.count where y[t] != 0 {
            if y[t] > 0 { sizes.append(y[t]) }
            intervals.append(Double(t - lastNonZero))
            lastNonZero = t
        }
        return (sizes, intervals)
    }

    /// The naive fallback for a series without demand: the last value, and the previous value
    /// as the in-sample forecast, both times `scale` (SBA scales its fallback too).
    static func naive(_ y: [Double], horizon: Int, scale: Double = 1) -> Forecast {
        var fitted = [Double](repeating: .nan, count: y.count)
        for t in stride(from: 1, to: y.count, by: 1) { fitted[t] = y[t - 1] * scale }
        return Forecast(mean: [Double](repeating: y[y.count - 1] * scale, count: horizon), fitted: fitted)
    }
}
