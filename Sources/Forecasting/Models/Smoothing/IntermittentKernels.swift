/// A simple-exponential-smoothing level fed one value at a time, with `SimpleSmoothing`'s
/// initialisation: the first value starts the level and is then smoothed in like the rest,
/// and after a single value the forecast is that value.
struct SmoothedLevel {
    let alpha: Double
    let complement: Double
    private(set) var count = 0
    private var first = 0.0
    /// The smoothed level after the values added so far.
    private(set) var level = 0.0

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
    /// the naive forecast then, as statsforecast does). `fitted` (the length of `y`) receives
    /// the in-sample one-step rates: NaN at t = 0, before the first demand the previous value
    /// over an interval of 1.
    static func rate(_ y: UnsafeBufferPointer<Double>, alpha: Double, fitted: UnsafeMutableBufferPointer<Double>) -> Double? {
        let n = y.count
        let c = 1 - alpha
        fitted[0] = .nan
        // Each smoother starts at its first value and forecasts that value until the second
        // (`SmoothedLevel`). Until both have started, go period by period; after that the
        // updates are selects, with no branch on whether a period has demand.
        var size = SmoothedLevel(alpha: alpha), interval = SmoothedLevel(alpha: alpha)
        var lastNonZero = -1, t = 0
        while t < n, size.count == 0 || interval.count == 0 {
            let v = y[t]
            if v > 0 { size.add(v) }
            if v != 0 {
                interval.add(Double(t - lastNonZero))
                lastNonZero = t
            }
            if t + 1 < n {
                let z = size.count > 0 ? size.forecast : v
                let q = interval.count > 0 && interval.forecast != 0 ? interval.forecast : 1
                fitted[t + 1] = z / q
            }
            t += 1
        }
        guard size.count > 0 else { return nil }
        var zLevel = size.level, zForecast = size.forecast
        var qLevel = interval.level, qForecast = interval.forecast
        while t < n {
            let v = y[t]
            // A period without an update uses weights (0, 1): 0·x + 1·ℓ is ℓ exactly, and the
            // selects stay off the chain of dependent multiply-adds.
            let demand = v > 0
            zLevel = (demand ? alpha : 0) * v + (demand ? c : 1) * zLevel
            zForecast = demand ? zLevel : zForecast
            let nonZero = v != 0
            qLevel = (nonZero ? alpha : 0) * Double(t - lastNonZero) + (nonZero ? c : 1) * qLevel
            qForecast = nonZero ? qLevel : qForecast
            lastNonZero = nonZero ? t : lastNonZero
            if t + 1 < n { fitted[t + 1] = zForecast / (qForecast != 0 ? qForecast : 1) }
            t += 1
        }
        return qForecast != 0 ? zForecast / qForecast : zForecast
    }

    /// The positive values and the intervals between non-zero values, for the optimized variant.
    /// Every value is written and the write position advanced by the condition, so the loop
    /// has no branch on whether a period has demand (half the periods of intermittent data).
    static func sizesAndIntervals(_ y: UnsafeBufferPointer<Double>) -> (sizes: [Double], intervals: [Double]) {
        let n = y.count
        var sizeCount = 0, intervalCount = 0
        var intervals: [Double] = []
        let sizes = [Double](unsafeUninitializedCapacity: n) { sizes, initializedSizes in
            intervals = [Double](unsafeUninitializedCapacity: n) { intervals, initializedIntervals in
                var lastNonZero = -1
                for t in 0..<n {
                    let v = y[t]
                    sizes[sizeCount] = v
                    sizeCount += v > 0 ? 1 : 0
                    intervals[intervalCount] = Double(t - lastNonZero)
                    let nonZero = v != 0
                    intervalCount += nonZero ? 1 : 0
                    lastNonZero = nonZero ? t : lastNonZero
                }
                initializedIntervals = intervalCount
            }
            initializedSizes = sizeCount
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
