/// The autocorrelation test that decides whether a theta model deseasonalises first (the
/// classical theta method's test, Assimakopoulos & Nikolopoulos 2000; as in R's forecTheta and
/// statsforecast 2.1.1).
///
/// With period m and sample autocorrelations r₁…rₘ of the n observations, the series is seasonal
/// when
///
///     |rₘ| > z₀.₉₅ · √((1 + 2·Σₖ₌₁^{m−1} rₖ²) / n),
///
/// that is when rₘ lies outside the 90 % band Bartlett's formula gives for an MA(m−1) process.
/// The test runs only for m ≥ 4 and n ≥ 2m; shorter periods and histories are never seasonal.
///
/// ```swift
/// SeasonalityTest.isSeasonal(dailySales, period: 7)
/// ```
public enum SeasonalityTest {
    /// Φ⁻¹(0.95): the one-sided 95 % quantile, so the two-sided band covers 90 %.
    public static let criticalValue = 1.6448536269514722

    /// Sample autocorrelations r₁…r_`maxLag` of `y`: autocovariances about the mean, each divided
    /// by n (not n − k), over the lag-0 autocovariance (statsmodels `acf` defaults). Empty when
    /// `y` is constant (r is undefined).
    public static func autocorrelations(_ y: [Double], maxLag: Int) -> [Double] {
        let n = y.count
        guard n > 0, maxLag >= 1 else { return [] }
        var mean = 0.0
        for v in y { mean += v }
        mean /= Double(n)
        let centered = y.map { $0 - mean }
        return centered.withUnsafeBufferPointer { x in
            var c0 = 0.0
            for i in 0..<n { c0 += x[i] * x[i] }
            guard c0 > 0 else { return [] }
            var r = [Double](repeating: 0, count: maxLag)
            for k in 1...maxLag where k < n {
                var c = 0.0
                for i in 0..<(n - k) { c += x[i] * x[i + k] }
                r[k - 1] = c / c0
            }
            return r
        }
    }

    /// The test statistic |rₘ| / √((1 + 2Σₖ₌₁^{m−1} rₖ²)/n), or nil when the test does not apply
    /// (m < 4, n < 2m, or a constant series).
    public static func statistic(_ y: [Double], period m: Int) -> Double? {
        guard m >= 4, y.count >= 2 * m else { return nil }
        let r = autocorrelations(y, maxLag: m)
        guard r.count == m else { return nil }
        var sum = 0.0
        for k in 0..<(m - 1) { sum += r[k] * r[k] }
        let bound = ((1 + 2 * sum) / Double(y.count)).squareRoot()
        return abs(r[m - 1]) / bound
    }

    /// True when the lag-`period` autocorrelation is significant at 90 % (see the type's summary).
    public static func isSeasonal(_ y: [Double], period: Int) -> Bool {
        guard let s = statistic(y, period: period) else { return false }
        return s > criticalValue
    }
}
