/// Seasonal indices by classical decomposition (Hyndman & Athanasopoulos, FPP3 §3.4; the method
/// behind statsmodels' `seasonal_decompose`, which statsforecast's theta models use).
///
/// 1. Trend: a centred moving average of order m (a 2×m average when m is even), undefined for
///    the first and last ⌊m/2⌋ periods.
/// 2. Detrend: y/trend (multiplicative) or y − trend (additive) where the trend exists.
/// 3. Index of phase p: the mean of the detrended values at t ≡ p (mod m), then normalised so the
///    m indices average 1 (multiplicative) or 0 (additive).
///
/// Phase 0 is the first observation, so `seasonal(at: t)` also continues into the future.
///
/// ```swift
/// let d = try ClassicalDecomposition(sales, period: 7, kind: .multiplicative)
/// let adjusted = d.adjust(sales)
/// ```
public struct ClassicalDecomposition: Sendable, Equatable {
    /// How the seasonal component combines with the rest.
    public enum Kind: String, Sendable, CaseIterable {
        case additive
        case multiplicative
    }

    public let kind: Kind
    public let period: Int
    /// The m seasonal indices; `indices[p]` applies to t ≡ p (mod m).
    public let indices: [Double]

    /// Decomposes `y` (at least two full periods; strictly positive for `.multiplicative`).
    public init(_ y: [Double], period: Int, kind: Kind) throws {
        guard period >= 2 else {
            throw ForecastError.invalidParameter(name: "period", reason: "must be at least 2, got \(period)")
        }
        guard y.count >= 2 * period else {
            throw ForecastError.seriesTooShort(model: "ClassicalDecomposition(\(period))", needed: 2 * period, got: y.count)
        }
        if let bad = y.firstIndex(where: { !$0.isFinite }) { throw ForecastError.nonFiniteValue(index: bad) }
        if kind == .multiplicative, let bad = y.firstIndex(where: { $0 <= 0 }) {
            throw ForecastError.invalidParameter(
                name: "y", reason: "multiplicative decomposition needs positive values, y[\(bad)] = \(y[bad])")
        }
        self.kind = kind
        self.period = period
        self.indices = Self.seasonalIndices(y, period: period, kind: kind)
    }

    /// The seasonal component at period t (t may lie beyond the history).
    public func seasonal(at t: Int) -> Double { indices[t % period] }

    /// `y` with the seasonal component removed (divided out or subtracted).
    public func adjust(_ y: [Double]) -> [Double] {
        var out = y
        for t in out.indices {
            out[t] = kind == .multiplicative ? y[t] / seasonal(at: t) : y[t] - seasonal(at: t)
        }
        return out
    }

    /// Puts the seasonal component back into `values`, the first of which is period `start`.
    public func reseasonalize(_ values: [Double], start: Int) -> [Double] {
        var out = values
        for j in out.indices {
            let s = seasonal(at: start + j)
            out[j] = kind == .multiplicative ? values[j] * s : values[j] + s
        }
        return out
    }

    private static func seasonalIndices(_ y: [Double], period m: Int, kind: Kind) -> [Double] {
        let n = y.count
        let half = m / 2
        let even = m % 2 == 0
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        y.withUnsafeBufferPointer { y in
            for t in half..<(n - half) {
                // Each window is summed afresh (no running sum) so long series carry no drift.
                var s = 0.0
                if even {
                    s = 0.5 * (y[t - half] + y[t + half])
                    for i in (t - half + 1)..<(t + half) { s += y[i] }
                } else {
                    for i in (t - half)...(t + half) { s += y[i] }
                }
                let trend = s / Double(m)
                let detrended = kind == .multiplicative ? y[t] / trend : y[t] - trend
                sums[t % m] += detrended
                counts[t % m] += 1
            }
        }
        var indices = (0..<m).map { sums[$0] / Double(counts[$0]) }
        let mean = indices.reduce(0, +) / Double(m)
        for p in 0..<m {
            indices[p] = kind == .multiplicative ? indices[p] / mean : indices[p] - mean
        }
        return indices
    }
}
