import Foundation

/// Prediction intervals for a fitted ETS model (Hyndman et al. 2008, ch. 6).
///
/// - Class 1, the linear models (additive error, no multiplicative component): exact Gaussian
///   intervals ŷ ± z·σ_h with σ²_h = σ²(1 + Σ_{j<h} c_j²), c_j = α + β·(φ + … + φʲ) + γ·[j mod m = 0]
///   (Table 6.1; for ETS(A,N,N) this is σ²(1 + (h−1)α²)).
/// - Class 2, multiplicative error with additive trend and season: the exact forecast variance
///   (1 + σ²)θ_h − μ_h², θ_h = μ_h² + σ² Σ_{j<h} c_j² θ_{h−j} (§6.4), with Gaussian quantiles
///   around the point forecast, as R and statsforecast do.
/// - Every other model (multiplicative season with multiplicative error, multiplicative trend):
///   quantiles of 5,000 sample paths simulated from the fitted state-space model with Gaussian
///   errors of variance σ² (§6.1), from a fixed seed so the same fit gives the same intervals.
enum ETSIntervals {
    static let simulatedPaths = 5_000

    static func intervals(for fit: ETSFit, mean: [Double], levels: [Double]) -> [PredictionInterval] {
        guard !levels.isEmpty else { return [] }
        let h = mean.count
        let spec = fit.spec
        let analytic = spec.trend != .multiplicative && spec.season != .multiplicative
        if analytic {
            let variance = spec.error == .additive ? linearVariance(fit, horizon: h) : class2Variance(fit, mean: mean)
            return levels.map { level in
                let z = standardNormalQuantile(0.5 + level / 200)
                let sd = variance.map { $0.squareRoot() }
                return PredictionInterval(
                    level: level, lower: zip(mean, sd).map { $0 - z * $1 }, upper: zip(mean, sd).map { $0 + z * $1 })
            }
        }
        return simulated(fit, horizon: h, levels: levels)
    }

    /// c_j for j = 1…h−1: the effect of an error j periods back on the forecast (Table 6.1).
    static func cValues(_ fit: ETSFit, horizon h: Int) -> [Double] {
        let p = fit.parameters, m = fit.seasonLength
        var c = [Double](repeating: 0, count: max(h - 1, 0))
        var phiSum = 0.0, phiPower = 1.0
        for j in stride(from: 1, to: h, by: 1) {
            phiPower *= p.phi
            phiSum += phiPower
            var cj = p.alpha
            if fit.spec.trend != .none { cj += p.beta * phiSum }
            if fit.spec.season != .none, j % m == 0 { cj += p.gamma }
            c[j - 1] = cj
        }
        return c
    }

    /// σ²_h of the class 1 models.
    static func linearVariance(_ fit: ETSFit, horizon h: Int) -> [Double] {
        let c = cValues(fit, horizon: h)
        var out = [Double](repeating: fit.sigma2, count: h)
        var acc = 1.0
        for i in 1..<max(h, 1) {
            acc += c[i - 1] * c[i - 1]
            out[i] = fit.sigma2 * acc
        }
        return out
    }

    /// Forecast variance of the class 2 models from the point forecasts μ_h.
    static func class2Variance(_ fit: ETSFit, mean mu: [Double]) -> [Double] {
        let h = mu.count, s2 = fit.sigma2
        let c = cValues(fit, horizon: h)
        var theta = [Double](repeating: 0, count: h)
        var out = [Double](repeating: 0, count: h)
        for k in 0..<h {
            var sum = 0.0
            for j in stride(from: 1, through: k, by: 1) { sum += c[j - 1] * c[j - 1] * theta[k - j] }
            theta[k] = mu[k] * mu[k] + s2 * sum
            out[k] = (1 + s2) * theta[k] - mu[k] * mu[k]
        }
        return out
    }

    /// Quantiles of simulated future paths (§6.1).
    static func simulated(_ fit: ETSFit, horizon h: Int, levels: [Double]) -> [PredictionInterval] {
        let spec = fit.spec, p = fit.parameters
        let sigma = fit.sigma2.squareRoot()
        var rng = ETSRandomSource(seed: 1)
        var paths = [Double](repeating: 0, count: simulatedPaths * h)   // horizon-major
        let m = fit.finalState.seasons.count
        var ring = [Double](repeating: 0, count: max(m, 1))
        for path in 0..<simulatedPaths {
            var l = fit.finalState.level, b = fit.finalState.growth
            for j in 0..<m { ring[j] = fit.finalState.seasons[m - 1 - j] }
            var idx = 0
            for i in 0..<h {
                let s = m > 0 ? ring[idx] : 0
                let (q, pb): (Double, Double) = switch spec.trend {
                case .none: ETSNoTrend.predict(level: l, growth: b, phi: p.phi)
                case .additive: ETSAdditiveTrend.predict(level: l, growth: b, phi: p.phi)
                case .multiplicative: ETSMultiplicativeTrend.predict(level: l, growth: b, phi: p.phi)
                }
                let f = spec.season == .multiplicative ? q * s : q + s
                let e = sigma * rng.nextGaussian()
                let y = spec.error == .multiplicative ? f * (1 + e) : f + e
                paths[i * simulatedPaths + path] = y
                let deseasonalized = spec.season == .multiplicative
                    ? ETSMultiplicativeSeason.deseasonalize(y, season: s) : y - s
                let newLevel = q + p.alpha * (deseasonalized - q)
                if spec.trend != .none {
                    let r = spec.trend == .multiplicative
                        ? ETSMultiplicativeTrend.observedGrowth(newLevel: newLevel, oldLevel: l) : newLevel - l
                    b = pb + (p.beta / p.alpha) * (r - pb)
                }
                if m > 0 {
                    let t = spec.season == .multiplicative ? ETSMultiplicativeSeason.observedSeason(y, prediction: q) : y - q
                    ring[idx] = s + p.gamma * (t - s)
                    idx = idx + 1 == m ? 0 : idx + 1
                }
                l = newLevel
            }
        }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: h), count: levels.count)
        var upper = lower
        for i in 0..<h {
            var column = Array(paths[(i * simulatedPaths)..<((i + 1) * simulatedPaths)])
            column.sort()
            for (k, level) in levels.enumerated() {
                lower[k][i] = sortedQuantile(column, 0.5 - level / 200)
                upper[k][i] = sortedQuantile(column, 0.5 + level / 200)
            }
        }
        return levels.indices.map { PredictionInterval(level: levels[$0], lower: lower[$0], upper: upper[$0]) }
    }

    /// Linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default).
    static func sortedQuantile(_ sorted: [Double], _ q: Double) -> Double {
        let pos = q * Double(sorted.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (pos - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Φ⁻¹(p) by Newton's method on Φ(x) = erfc(−x/√2)/2, started from a logistic approximation;
    /// converges to double precision in a few steps for p in (1e-300, 1).
    static func standardNormalQuantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return p <= 0 ? -.infinity : .infinity }
        if p == 0.5 { return 0 }
        var x = -log(1 / p - 1) * 0.5513288954217921   // √3/π: logistic with the normal's variance
        for _ in 0..<50 {
            let cdf = 0.5 * erfc(-x / 2.0.squareRoot())
            let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
            guard density > 0 else { break }
            let step = (cdf - p) / density
            // Halley's correction keeps the iteration stable in the tails.
            let x1 = x - step / (1 + 0.5 * x * step)
            if abs(x1 - x) <= 1e-15 * max(1, abs(x)) { x = x1; break }
            x = x1
        }
        return x
    }
}

/// A small deterministic generator (SplitMix64, Steele, Lea & Flood 2014) with Box–Muller normals,
/// so simulated intervals are reproducible without global state.
fileprivate struct ETSRandomSource {
    private var state: UInt64
    private var spare: Double?

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1).
    mutating func nextUniform() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992 }

    mutating func nextGaussian() -> Double {
        if let s = spare { spare = nil; return s }
        let u = nextUniform(), v = nextUniform()
        let r = (-2 * log(u)).squareRoot()
        spare = r * sin(2 * Double.pi * v)
        return r * cos(2 * Double.pi * v)
    }
}
