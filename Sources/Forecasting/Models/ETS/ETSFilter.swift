import Foundation

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
        // Linear models carry q = ℓ + φb (the next level-plus-trend prediction) and φb instead of
        // ℓ: with ε = y − ŷ the error-correction form ℓ' = q + αε, b' = φb + βε, s' = s + γε gives
        // q' = q + φ·φb + (α + φβ)ε, whose chain from one step to the next is one subtraction,
        // one multiplication and one addition, against five operations for R's form.
        var pb = T.present ? phi * growth0 : 0
        var q = level0 + pb
        let c1 = alpha + (T.present ? phi * beta : 0), c2 = T.present ? phi * beta : 0
        var j = 0
        var sse = 0.0, logSum = 0.0
        // Σ log|ŷ| for multiplicative errors without a log per step: |ŷ| = significand·2^exponent,
        // the significands (in [1, 2)) are multiplied and their log taken every 64 steps.
        var significands = 1.0, exponents = 0, pending = 0
        for t in 0..<n {
            let yt = y[t]
            let s = S.present ? ring[j] : 0
            let f: Double, e: Double
            if T.linear && S.linear {
                f = q + s
                let eps = (yt - s) - q
                if T.present {
                    let base = q + phi * pb
                    b = pb + beta * eps
                    pb = phi * pb + c2 * eps
                    q = base + c1 * eps
                } else {
                    q += alpha * eps
                }
                if S.present { ring[j] = s + gamma * eps }
                e = E.multiplicative ? eps / f : eps
            } else {
                let (q, pb) = T.predict(level: l, growth: b, phi: phi)
                f = S.combine(q, season: s)
                let newLevel = q + alpha * (S.deseasonalize(yt, season: s) - q)
                if T.present {
                    b = pb + betaOverAlpha * (T.observedGrowth(newLevel: newLevel, oldLevel: l) - pb)
                }
                if S.present { ring[j] = s + gamma * (S.observedSeason(yt, prediction: q) - s) }
                l = newLevel
                e = E.multiplicative ? (yt - f) / f : yt - f
            }
            if S.present {
                j += 1
                if j == m { j = 0 }
            }
            sse += e * e
            if E.multiplicative {
                var af = abs(f)
                if af == 0 { af = 1e-8 }
                if af.isFinite {
                    significands *= af.significand
                    exponents += Int(af.exponent)
                    pending += 1
                    if pending == 64 {
                        logSum += log(significands)
                        significands = 1
                        pending = 0
                    }
                } else {
                    logSum += log(af)
                }
            }
            if let residuals { residuals[t] = e }
            if let fitted { fitted[t] = f }
        }
        if T.linear && S.linear { l = q - pb }
        var lik = Double(n) * log(sse > 0 ? sse : sse + 1e-8)
        if E.multiplicative { lik += 2 * (logSum + log(significands) + Double(exponents) * M_LN2) }
        return (lik.isNaN ? .infinity : lik, l, b)
    }
}

// MARK: - Component rules

// The three component rules of the ETS recursions (Hyndman et al. 2008, Table 2.1, written in the
// "method" form that R's etscalc uses: the state update is the same for additive and
// multiplicative errors, only the likelihood differs). Each rule is a caseless enum with static
// functions so that `ETSFilter`'s loop is specialized per model: no dynamic dispatch per step.
// They live in this file, next to the loop, so the loop inlines them even when files are
// compiled one by one (debug builds see no other file's function bodies).

/// A guard value from R's etscalc for divisions by a state that is (numerically) zero.
let etsHuge = 1e10
/// States closer to zero than this are treated as zero in a division.
let etsTolerance = 1e-10

/// How the trend enters the one-step prediction and how the growth is re-estimated.
protocol ETSTrendRule {
    /// True when the model has a trend state.
    static var present: Bool { get }
    /// True for no or an additive trend: the updates then have the error-correction form.
    static var linear: Bool { get }
    /// (q, φb): the level-plus-trend prediction ℓ ⊕ φb and the damped growth term itself.
    static func predict(level: Double, growth: Double, phi: Double) -> (q: Double, dampedGrowth: Double)
    /// The observed growth r from the previous level to the new one.
    static func observedGrowth(newLevel: Double, oldLevel: Double) -> Double
    /// h-step trend forecast with φ* = φ + … + φʰ.
    static func forecast(level: Double, growth: Double, phiStar: Double) -> Double
}

enum ETSNoTrend: ETSTrendRule {
    static var present: Bool { false }
    static var linear: Bool { true }
    @inline(__always) static func predict(level: Double, growth: Double, phi: Double) -> (q: Double, dampedGrowth: Double) { (level, 0) }
    @inline(__always) static func observedGrowth(newLevel: Double, oldLevel: Double) -> Double { 0 }
    @inline(__always) static func forecast(level: Double, growth: Double, phiStar: Double) -> Double { level }
}

enum ETSAdditiveTrend: ETSTrendRule {
    static var present: Bool { true }
    static var linear: Bool { true }
    @inline(__always) static func predict(level: Double, growth: Double, phi: Double) -> (q: Double, dampedGrowth: Double) {
        let pb = phi * growth
        return (level + pb, pb)
    }
    @inline(__always) static func observedGrowth(newLevel: Double, oldLevel: Double) -> Double { newLevel - oldLevel }
    @inline(__always) static func forecast(level: Double, growth: Double, phiStar: Double) -> Double { level + phiStar * growth }
}

enum ETSMultiplicativeTrend: ETSTrendRule {
    static var present: Bool { true }
    static var linear: Bool { false }
    @inline(__always) static func predict(level: Double, growth: Double, phi: Double) -> (q: Double, dampedGrowth: Double) {
        // φ = 1 is the common case; pow is only paid for a damped multiplicative trend.
        let pb = abs(phi - 1) < etsTolerance ? growth : pow(growth, phi)
        return (level * pb, pb)
    }
    @inline(__always) static func observedGrowth(newLevel: Double, oldLevel: Double) -> Double {
        abs(oldLevel) < etsTolerance ? etsHuge : newLevel / oldLevel
    }
    @inline(__always) static func forecast(level: Double, growth: Double, phiStar: Double) -> Double {
        growth < 0 ? .nan : level * pow(growth, phiStar)
    }
}

/// How the season enters the prediction and its own update.
protocol ETSSeasonRule {
    static var present: Bool { get }
    /// True for no or an additive season: the updates then have the error-correction form.
    static var linear: Bool { get }
    /// The deseasonalized observation p used in the level update.
    static func deseasonalize(_ y: Double, season s: Double) -> Double
    /// The observed seasonal index t given the level-plus-trend prediction q.
    static func observedSeason(_ y: Double, prediction q: Double) -> Double
    /// The one-step forecast from q and the seasonal index.
    static func combine(_ q: Double, season s: Double) -> Double
}

enum ETSNoSeason: ETSSeasonRule {
    static var present: Bool { false }
    static var linear: Bool { true }
    @inline(__always) static func deseasonalize(_ y: Double, season s: Double) -> Double { y }
    @inline(__always) static func observedSeason(_ y: Double, prediction q: Double) -> Double { 0 }
    @inline(__always) static func combine(_ q: Double, season s: Double) -> Double { q }
}

enum ETSAdditiveSeason: ETSSeasonRule {
    static var present: Bool { true }
    static var linear: Bool { true }
    @inline(__always) static func deseasonalize(_ y: Double, season s: Double) -> Double { y - s }
    @inline(__always) static func observedSeason(_ y: Double, prediction q: Double) -> Double { y - q }
    @inline(__always) static func combine(_ q: Double, season s: Double) -> Double { q + s }
}

enum ETSMultiplicativeSeason: ETSSeasonRule {
    static var present: Bool { true }
    static var linear: Bool { false }
    @inline(__always) static func deseasonalize(_ y: Double, season s: Double) -> Double {
        abs(s) < etsTolerance ? etsHuge : y / s
    }
    @inline(__always) static func observedSeason(_ y: Double, prediction q: Double) -> Double {
        abs(q) < etsTolerance ? etsHuge : y / q
    }
    @inline(__always) static func combine(_ q: Double, season s: Double) -> Double { q * s }
}

/// How a one-step error is measured: y − ŷ (additive) or (y − ŷ)/ŷ (multiplicative).
protocol ETSErrorRule {
    static var multiplicative: Bool { get }
}

enum ETSAdditiveError: ETSErrorRule { static var multiplicative: Bool { false } }
enum ETSMultiplicativeError: ETSErrorRule { static var multiplicative: Bool { true } }
