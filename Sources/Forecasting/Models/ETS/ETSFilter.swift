import Foundation

/// Smoothing parameters of an ETS model. Absent components use the neutral values R plugs into
/// its recursions: β = 0 without a trend, γ = 0 without a season, φ = 1 without damping.
public struct ETSParameters: Sendable, Equatable {
    public var alpha: Double
    public var beta: Double
    public var gamma: Double
    public var phi: Double

    public init(alpha: Double, beta: Double = 0, gamma: Double = 0, phi: Double = 1) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}

/// The states of an ETS model at one time: level ℓ, growth b (0 without a trend) and the last m
/// seasonal indices, most recent first (`seasons[0]` = s₁ is one period old, `seasons[m−1]` is
/// the index of the next period), the order of R's `states` columns.
public struct ETSState: Sendable, Equatable {
    public var level: Double
    public var growth: Double
    public var seasons: [Double]

    public init(level: Double, growth: Double = 0, seasons: [Double] = []) {
        self.level = level
        self.growth = growth
        self.seasons = seasons
    }
}

/// What a full pass of the recursions over the history gives.
struct ETSFilterOutput {
    /// One-step errors: y − ŷ for additive error, (y − ŷ)/ŷ for multiplicative error.
    var residuals: [Double]
    /// One-step-ahead fitted values ŷ.
    var fitted: [Double]
    /// The states after the last observation.
    var final: ETSState
    /// R's "lik": n·log Σe² (+ 2·Σ log|ŷ| for multiplicative error); +∞ when undefined.
    var likelihood: Double
}

/// The ETS state recursions and their Gaussian likelihood (Hyndman et al. 2008, §2.5 and §5.2;
/// concentrated likelihood n·log Σe² + 2·Σ log|r(x)| as R's `etscalc`).
///
/// The loop is generic over the error, trend and season rules and specialized for each model, runs
/// without allocation, and keeps the seasonal indices in a ring buffer so each step is O(1)
/// whatever the season length.
enum ETSFilter {
    /// The likelihood criterion for one parameter vector: the optimizer's objective.
    /// `seasons` is in R order (most recent first) and `ring` is scratch of the same length.
    static func likelihood(
        _ y: UnsafeBufferPointer<Double>, spec: ETSSpec, parameters: ETSParameters,
        level: Double, growth: Double, seasons: UnsafeBufferPointer<Double>, ring: UnsafeMutableBufferPointer<Double>
    ) -> Double {
        let m = seasons.count
        for j in 0..<m { ring[j] = seasons[m - 1 - j] }
        return dispatch(y, spec: spec, p: parameters, level: level, growth: growth, ring: ring, residuals: nil, fitted: nil).lik
    }

    /// A full pass that records residuals, fitted values and the final state.
    static func run(_ y: [Double], spec: ETSSpec, parameters: ETSParameters, initial: ETSState) -> ETSFilterOutput {
        let n = y.count
        let m = initial.seasons.count
        var ring = Array(initial.seasons.reversed())
        var residuals = [Double](repeating: 0, count: n)
        var fitted = [Double](repeating: 0, count: n)
        let out = y.withUnsafeBufferPointer { yp in
            ring.withUnsafeMutableBufferPointer { rp in
                residuals.withUnsafeMutableBufferPointer { ep in
                    fitted.withUnsafeMutableBufferPointer { fp in
                        dispatch(yp, spec: spec, p: parameters, level: initial.level, growth: initial.growth, ring: rp,
                                 residuals: ep.baseAddress, fitted: fp.baseAddress)
                    }
                }
            }
        }
        // ring[(t) mod m] holds the index last updated at time t; most recent first for R order.
        let seasons = (0..<m).map { k in ring[((n - 1 - k) % m + m) % m] }
        let final = ETSState(level: out.level, growth: out.growth, seasons: seasons)
        return ETSFilterOutput(residuals: residuals, fitted: fitted, final: final, likelihood: out.lik)
    }

    /// Point forecasts for `horizon` periods from a state (R's `forecast` in etscalc).
    static func forecast(spec: ETSSpec, phi: Double, from state: ETSState, horizon: Int) -> [Double] {
        let m = state.seasons.count
        var out = [Double](repeating: 0, count: horizon)
        var phiStar = phi
        var phiPower = phi
        for i in 0..<horizon {
            var f: Double
            switch spec.trend {
            case .none: f = state.level
            case .additive: f = ETSAdditiveTrend.forecast(level: state.level, growth: state.growth, phiStar: phiStar)
            case .multiplicative: f = ETSMultiplicativeTrend.forecast(level: state.level, growth: state.growth, phiStar: phiStar)
            }
            if m > 0 {
                let s = state.seasons[m - 1 - i % m]
                f = spec.season == .additive ? f + s : f * s
            }
            out[i] = f
            phiPower *= phi
            phiStar += phiPower
        }
        return out
    }

    /// Picks the specialized loop for the model: every combination is spelled out with concrete
    /// rule types so the compiler emits one straight-line loop per model.
    private static func dispatch(
        _ y: UnsafeBufferPointer<Double>, spec: ETSSpec, p: ETSParameters, level: Double, growth: Double,
        ring: UnsafeMutableBufferPointer<Double>, residuals: UnsafeMutablePointer<Double>?, fitted: UnsafeMutablePointer<Double>?
    ) -> (lik: Double, level: Double, growth: Double) {
        typealias AE = ETSAdditiveError
        typealias ME = ETSMultiplicativeError
        typealias NT = ETSNoTrend
        typealias AT = ETSAdditiveTrend
        typealias MT = ETSMultiplicativeTrend
        typealias NS = ETSNoSeason
        typealias AS = ETSAdditiveSeason
        typealias MS = ETSMultiplicativeSeason
        let r = residuals, f = fitted, l = level, b = growth
        switch (spec.error, spec.trend, spec.season) {
        case (.multiplicative, .none, .none): return loop(y, ME.self, NT.self, NS.self, p, l, b, ring, r, f)
        case (.multiplicative, .none, .additive): return loop(y, ME.self, NT.self, AS.self, p, l, b, ring, r, f)
        case (.multiplicative, .none, .multiplicative): return loop(y, ME.self, NT.self, MS.self, p, l, b, ring, r, f)
        case (.multiplicative, .additive, .none): return loop(y, ME.self, AT.self, NS.self, p, l, b, ring, r, f)
        case (.multiplicative, .additive, .additive): return loop(y, ME.self, AT.self, AS.self, p, l, b, ring, r, f)
        case (.multiplicative, .additive, .multiplicative): return loop(y, ME.self, AT.self, MS.self, p, l, b, ring, r, f)
        case (.multiplicative, .multiplicative, .none): return loop(y, ME.self, MT.self, NS.self, p, l, b, ring, r, f)
        case (.multiplicative, .multiplicative, .additive): return loop(y, ME.self, MT.self, AS.self, p, l, b, ring, r, f)
        case (.multiplicative, .multiplicative, .multiplicative): return loop(y, ME.self, MT.self, MS.self, p, l, b, ring, r, f)
        case (_, .none, .none): return loop(y, AE.self, NT.self, NS.self, p, l, b, ring, r, f)
        case (_, .none, .additive): return loop(y, AE.self, NT.self, AS.self, p, l, b, ring, r, f)
        case (_, .none, .multiplicative): return loop(y, AE.self, NT.self, MS.self, p, l, b, ring, r, f)
        case (_, .additive, .none): return loop(y, AE.self, AT.self, NS.self, p, l, b, ring, r, f)
        case (_, .additive, .additive): return loop(y, AE.self, AT.self, AS.self, p, l, b, ring, r, f)
        case (_, .additive, .multiplicative): return loop(y, AE.self, AT.self, MS.self, p, l, b, ring, r, f)
        case (_, .multiplicative, .none): return loop(y, AE.self, MT.self, NS.self, p, l, b, ring, r, f)
        case (_, .multiplicative, .additive): return loop(y, AE.self, MT.self, AS.self, p, l, b, ring, r, f)
        case (_, .multiplicative, .multiplicative): return loop(y, AE.self, MT.self, MS.self, p, l, b, ring, r, f)
        }
    }

    /// One pass of the recursions: ŷ = q ⊕ s with q = ℓ ⊕ φb; ℓ' = q + α(p − q);
    /// b' = φb + (β/α)(r − φb); s' = s + γ(t − s) (Hyndman et al. 2008, Table 2.1; R's update).
    private static func loop<E: ETSErrorRule, T: ETSTrendRule, S: ETSSeasonRule>(
        _ y: UnsafeBufferPointer<Double>, _: E.Type, _: T.Type, _: S.Type, _ p: ETSParameters,
        _ level0: Double, _ growth0: Double, _ ring: UnsafeMutableBufferPointer<Double>,
        _ residuals: UnsafeMutablePointer<Double>?, _ fitted: UnsafeMutablePointer<Double>?
    ) -> (lik: Double, level: Double, growth: Double) {
        let n = y.count
        let m = ring.count
        let alpha = p.alpha, beta = p.beta, phi = p.phi, gamma = p.gamma
        let betaOverAlpha = T.present ? p.beta / p.alpha : 0
        var l = level0, b = growth0
        var j = 0
        var sse = 0.0, logSum = 0.0
        for t in 0..<n {
            let yt = y[t]
            let s = S.present ? ring[j] : 0
            let f: Double
            if T.linear && S.linear {
                // Additive trend and season: the error-correction form ℓ' = q + αε, b' = φb + βε,
                // s' = s + γε with ε = y − ŷ is algebraically the update below but has a much
                // shorter dependency chain from one step to the next.
                let pb = T.present ? phi * b : 0
                let q = l + pb
                f = q + s
                let eps = (yt - s) - q
                l = q + alpha * eps
                if T.present { b = pb + beta * eps }
                if S.present { ring[j] = s + gamma * eps }
            } else {
                let (q, pb) = T.predict(level: l, growth: b, phi: phi)
                f = S.combine(q, season: s)
                let newLevel = q + alpha * (S.deseasonalize(yt, season: s) - q)
                if T.present {
                    b = pb + betaOverAlpha * (T.observedGrowth(newLevel: newLevel, oldLevel: l) - pb)
                }
                if S.present { ring[j] = s + gamma * (S.observedSeason(yt, prediction: q) - s) }
                l = newLevel
            }
            if S.present {
                j += 1
                if j == m { j = 0 }
            }
            let e = E.multiplicative ? (yt - f) / f : yt - f
            sse += e * e
            if E.multiplicative {
                let af = abs(f)
                logSum += log(af > 0 ? af : af + 1e-8)
            }
            if let residuals { residuals[t] = e }
            if let fitted { fitted[t] = f }
        }
        var lik = Double(n) * log(sse > 0 ? sse : sse + 1e-8)
        if E.multiplicative { lik += 2 * logSum }
        return (lik.isNaN ? .infinity : lik, l, b)
    }
}
