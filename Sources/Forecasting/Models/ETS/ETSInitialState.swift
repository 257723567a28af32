import Foundation

/// Starting values of the ETS states by the heuristic of R's `forecast:::initstate`
/// (Hyndman et al. 2008, §2.6.1, as revised in the forecast package): seasonal indices from a
/// classical decomposition (or a one-harmonic Fourier regression when there are fewer than three
/// seasons of data), then level and growth from the first max(10, 2m) seasonally adjusted values.
/// The optimizer refines them; they only need to be a sensible start.
enum ETSInitialState {
    /// The initial state for a model with this trend and season; `m` is the season length
    /// (ignored without a season). The returned `seasons` has m − 1 free indices, most recent
    /// first; the m-th is implied by the normalization (Σs = 0 additive, Σs = m multiplicative).
    static func make(_ y: [Double], trend: ETSComponent, season: ETSComponent, m: Int) throws -> ETSState {
        let n = y.count
        var adjusted = y
        var free: [Double] = []
        var period = 1
        if season != .none {
            period = m
            guard n >= 4 else { throw ForecastError.seriesTooShort(model: "ETS", needed: 4, got: n) }
            let seasonal = n < 3 * m
                ? fourierSeasonal(y, m: m, multiplicative: season == .multiplicative)
                : classicalSeasonal(y, m: m, multiplicative: season == .multiplicative)
            // s₁ … s_{m−1}: the indices of periods m−1, …, 1 of the first season.
            free = (1..<m).reversed().map { seasonal[$0] }
            if season == .additive {
                for t in 0..<n { adjusted[t] = y[t] - seasonal[t] }
            } else {
                free = free.map { max($0, 1e-2) }
                let total = free.reduce(0, +)
                if total > Double(m) {
                    let scale = free.reduce(0) { $0 + $1 + 1e-2 }
                    free = free.map { $0 / scale }
                }
                for t in 0..<n { adjusted[t] = y[t] / max(seasonal[t], 1e-2) }
            }
        }
        let maxn = min(max(10, 2 * period), n)
        switch trend {
        case .none:
            let level = adjusted[0..<maxn].reduce(0, +) / Double(maxn)
            return ETSState(level: level, growth: 0, seasons: free)
        case .additive:
            var (l, b) = lineFit(adjusted, count: maxn)
            // A multiplicative error cannot start from a zero first forecast l + b.
            if abs(l + b) < 1e-8 {
                l *= 1 + 1e-3
                b *= 1 - 1e-3
            }
            return ETSState(level: l, growth: b, seasons: free)
        case .multiplicative:
            let (a, c) = lineFit(adjusted, count: maxn)
            var l = a + c
            if abs(l) < 1e-8 { l = 1e-7 }
            var b = (a + 2 * c) / l
            l /= abs(b) < 1e-8 ? 1e-8 : b
            if abs(b) > 1e10 { b = b < 0 ? -1e10 : 1e10 }
            if l < 1e-8 || b < 1e-8 {
                l = max(adjusted[0], 1e-3)
                let first = abs(adjusted[0]) < 1e-8 ? 1e-8 : adjusted[0]
                b = max(adjusted[min(1, n - 1)] / first, 1e-3)
            }
            return ETSState(level: l, growth: b, seasons: free)
        }
    }

    /// Least-squares line through (t, y[t−1]) for t = 1…count: (intercept, slope).
    static func lineFit(_ y: [Double], count: Int) -> (intercept: Double, slope: Double) {
        let k = Double(count)
        guard count > 1 else { return (y[0], 0) }
        let tMean = (k + 1) / 2
        var yMean = 0.0
        for t in 0..<count { yMean += y[t] }
        yMean /= k
        var sxy = 0.0, sxx = 0.0
        for t in 0..<count {
            let dt = Double(t + 1) - tMean
            sxy += dt * (y[t] - yMean)
            sxx += dt * dt
        }
        let slope = sxy / sxx
        return (yMean - slope * tMean, slope)
    }

    /// The seasonal component of a classical decomposition (R's `decompose`, statsmodels'
    /// `seasonal_decompose`): centred moving average of order m (2×m for even m), phase means of
    /// the detrended series, normalized to sum 0 (additive) or average 1 (multiplicative).
    static func classicalSeasonal(_ y: [Double], m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        let half = m / 2
        var sums = [Double](repeating: 0, count: m)
        var counts = [Int](repeating: 0, count: m)
        if half < n - half {
            for t in half..<(n - half) {
                var trend = 0.0
                if m % 2 == 1 {
                    for k in (t - half)...(t + half) { trend += y[k] }
                    trend /= Double(m)
                } else {
                    trend = 0.5 * (y[t - half] + y[t + half])
                    for k in (t - half + 1)..<(t + half) { trend += y[k] }
                    trend /= Double(m)
                }
                let detrended = multiplicative ? y[t] / trend : y[t] - trend
                if detrended.isFinite {
                    sums[t % m] += detrended
                    counts[t % m] += 1
                }
            }
        }
        var figure = (0..<m).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : (multiplicative ? 1 : 0) }
        let mean = figure.reduce(0, +) / Double(m)
        figure = figure.map { multiplicative ? $0 / mean : $0 - mean }
        return (0..<n).map { figure[$0 % m] }
    }

    /// The seasonal part of y for short series: y minus (or over) the linear part of a regression
    /// on 1, t, sin(2πt/m), cos(2πt/m), t = 1…n (R's `tslm(y ~ trend + fourier(y, 1))`).
    static func fourierSeasonal(_ y: [Double], m: Int, multiplicative: Bool) -> [Double] {
        let n = y.count
        // sin(2πt/m) vanishes for m = 2, so that column is dropped as R's fourier() does.
        let useSine = m > 2
        let p = useSine ? 4 : 3
        var xtx = [Double](repeating: 0, count: p * p)
        var xty = [Double](repeating: 0, count: p)
        var row = [Double](repeating: 0, count: p)
        for t in 1...n {
            let angle = 2 * Double.pi * Double(t) / Double(m)
            row[0] = 1
            row[1] = Double(t)
            if useSine {
                row[2] = sin(angle)
                row[3] = cos(angle)
            } else {
                row[2] = cos(angle)
            }
            for i in 0..<p {
                xty[i] += row[i] * y[t - 1]
                for j in 0..<p { xtx[i * p + j] += row[i] * row[j] }
            }
        }
        let coef = solve(xtx, xty, size: p)
        return (1...n).map { t in
            let line = coef[0] + coef[1] * Double(t)
            return multiplicative ? y[t - 1] / line : y[t - 1] - line
        }
    }

    /// Solves the small dense system A·x = b by Gaussian elimination with partial pivoting.
    static func solve(_ a: [Double], _ b: [Double], size p: Int) -> [Double] {
        var a = a, b = b
        for col in 0..<p {
            var pivot = col
            for r in (col + 1)..<p where abs(a[r * p + col]) > abs(a[pivot * p + col]) { pivot = r }
            if pivot != col {
                for c in 0..<p { a.swapAt(col * p + c, pivot * p + c) }
                b.swapAt(col, pivot)
            }
            let d = a[col * p + col]
            guard d != 0 else { continue }
            for r in (col + 1)..<p {
                let factor = a[r * p + col] / d
                for c in col..<p { a[r * p + c] -= factor * a[col * p + c] }
                b[r] -= factor * b[col]
            }
        }
        var x = [Double](repeating: 0, count: p)
        for r in stride(from: p - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<p { s -= a[r * p + c] * x[c] }
            let d = a[r * p + r]
            x[r] = d != 0 ? s / d : 0
        }
        return x
    }
}
