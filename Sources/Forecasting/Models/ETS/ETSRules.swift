import Foundation

// The three component rules of the ETS recursions (Hyndman et al. 2008, Table 2.1, written in the
// "method" form that R's etscalc uses: the state update is the same for additive and
// multiplicative errors, only the likelihood differs). Each rule is a caseless enum with static
// functions so that `ETSFilter`'s loop is specialized per model: no dynamic dispatch per step.

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
