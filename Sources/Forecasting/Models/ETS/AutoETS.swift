import Foundation

/// Automatic exponential smoothing: fits every admissible ETS(error, trend, season) model the
/// pattern allows by maximum likelihood and keeps the one with the smallest AICc, as R's
/// `forecast::ets` (Hyndman, Koehler, Snyder & Grose 2002; Hyndman et al. 2008, §7.2) and
/// statsforecast's `AutoETS`.
///
/// The pattern has one letter per component, `Z` meaning "choose": error A/M/Z, trend N/A/M/Z,
/// season N/A/M/Z. Multiplicative components are tried only for strictly positive data, additive
/// error never with a multiplicative trend or season (nor M,M,A), a multiplicative trend only when
/// `allowMultiplicativeTrend`, and a season only when `seasonLength > 1` and the history is longer
/// than one season.
///
/// Where statsforecast 2.1.1 departs from R, this follows R: the usual bounds (β ≤ α, γ ≤ 1 − α)
/// and the admissible region are enforced during the optimization (statsforecast only clamps
/// to a box whose β limit is the starting α), σ² = Σe²/(n − p) with p the estimated parameters
/// (statsforecast divides by n − p − 2), and the class 1 seasonal variances count the seasonal
/// terms per horizon step. The Nelder–Mead search is NLopt's, restarted once near the optimum
/// (see `ETSEstimator`). On the 280 M5 series 269 pick the same model as statsforecast.
///
/// ```swift
/// let f = try AutoETS(seasonLength: 7).forecast(history, horizon: 28, levels: [80, 95])
/// let chosen = try AutoETS(seasonLength: 7).fit(history).spec   // e.g. AAdA
/// ```
public struct AutoETS: ForecastModel {
    public var seasonLength: Int
    public var model: String
    /// nil tries damped and undamped trends; true/false forces one.
    public var damped: Bool?
    public var allowMultiplicativeTrend: Bool

    public init(seasonLength: Int = 1, model: String = "ZZZ", damped: Bool? = nil, allowMultiplicativeTrend: Bool = false) {
        self.seasonLength = seasonLength
        self.model = model
        self.damped = damped
        self.allowMultiplicativeTrend = allowMultiplicativeTrend
    }

    public var name: String { "AutoETS" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validateInput(y, horizon: horizon)
        return try self.fit(y).prediction(horizon: horizon, levels: levels)
    }

    /// Fits the candidates and returns the one with the smallest AICc.
    public func fit(_ y: [Double]) throws -> ETSFit {
        try validateInput(y, horizon: 1)
        try ETSSearch.validate(seasonLength: seasonLength)
        let letters = Array(model)
        guard letters.count == 3, "AMZ".contains(letters[0]), "NAMZ".contains(letters[1]), "NAMZ".contains(letters[2]) else {
            throw ForecastError.invalidParameter(
                name: "model", reason: "'\(model)' is not an ETS pattern: expected error A/M/Z, trend N/A/M/Z, season N/A/M/Z, e.g. ZZZ")
        }
        return try ETSSearch.best(
            y, error: letters[0], trend: letters[1], season: letters[2], damped: damped, seasonLength: seasonLength,
            allowMultiplicativeTrend: allowMultiplicativeTrend)
    }
}

/// The model search shared by `AutoETS`, `Holt` and `HoltWinters` (R's `ets` driver).
enum ETSSearch {
    /// Candidates whose first-pass AICc is within this of the best are re-optimized.
    /// On the M5 sample a restart changes AICc by up to about 4; further-off models do not win.
    static let refineMargin = 4.0

    static func validate(seasonLength: Int) throws {
        guard seasonLength >= 1 else {
            throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(seasonLength)")
        }
    }

    static func best(
        _ y: [Double], error: Character, trend: Character, season: Character, damped: Bool?, seasonLength m: Int,
        allowMultiplicativeTrend: Bool
    ) throws -> ETSFit {
        let n = y.count
        // A constant series: SES with α fixed near 1, R's shortcut (every model fits it exactly).
        if y.allSatisfy({ $0 == y[0] }) {
            let spec = try ETSSpec(error: .additive, trend: .none, season: .none)
            if let fit = try ETSEstimator.fit(y, spec: spec, seasonLength: 1, fixed: ETSFixedParameters(alpha: 0.9999)) {
                return fit
            }
            throw ForecastError.seriesTooShort(model: "AutoETS", needed: 4, got: n)
        }
        var season = season
        if m < 1 || n <= m { season = "N" }
        if m == 1 {
            if season == "A" || season == "M" {
                throw ForecastError.invalidParameter(name: "seasonLength", reason: "a seasonal model (season \(season)) needs seasonLength > 1")
            }
            season = "N"
        }
        let positive = y.allSatisfy { $0 > 0 }
        if damped == true && trend == "N" {
            throw ForecastError.invalidParameter(name: "damped", reason: "a damped model needs a trend, but the model has trend N")
        }
        if error == "A" && (trend == "M" || season == "M") || error == "M" && trend == "M" && season == "A" {
            throw ForecastError.invalidParameter(
                name: "model", reason: "ETS(\(error),\(trend),\(season)) is not allowed: its forecast variance can be infinite")
        }
        if error == "M" && !positive, let bad = y.firstIndex(where: { $0 <= 0 }) {
            throw ForecastError.invalidParameter(
                name: "model", reason: "a multiplicative error needs strictly positive data, but y[\(bad)] = \(y[bad])")
        }
        // R's guard for tiny series: at least npars + 5 observations (the Z letters count nothing).
        var npars = 2
        if trend == "A" || trend == "M" { npars += 2 }
        if season == "A" || season == "M" { npars += 2 }
        if damped == true { npars += 1 }
        guard n > npars + 4 else { throw ForecastError.seriesTooShort(model: "AutoETS", needed: npars + 5, got: n) }

        let errors: [ETSComponent] = error == "Z" ? [.additive, .multiplicative] : [ETSComponent(rawValue: error)!]
        let trends: [ETSComponent] = trend == "Z"
            ? (allowMultiplicativeTrend ? [.none, .additive, .multiplicative] : [.none, .additive])
            : [ETSComponent(rawValue: trend)!]
        let seasons: [ETSComponent] = season == "Z" ? [.none, .additive, .multiplicative] : [ETSComponent(rawValue: season)!]
        let dampings: [Bool] = damped.map { [$0] } ?? [true, false]

        var fits: [ETSFit] = []
        var lastError: (any Error)?
        for e in errors {
            for t in trends {
                for s in seasons {
                    for d in dampings {
                        if t == .none && d { continue }
                        guard let spec = try? ETSSpec(error: e, trend: t, season: s, damped: d) else { continue }
                        if spec.isRestricted { continue }
                        if !positive && (e == .multiplicative || s == .multiplicative || t == .multiplicative) { continue }
                        if s != .none && m == 1 { continue }
                        do {
                            // A failed candidate is skipped, as R's `try` around each fit does.
                            guard let fit = try ETSEstimator.fit(y, spec: spec, seasonLength: m), !fit.aicc.isNaN,
                                  fit.aicc < .infinity else { continue }
                            fits.append(fit)
                        } catch {
                            lastError = error
                        }
                    }
                }
            }
        }
        guard let first = fits.min(by: { $0.aicc < $1.aicc }) else {
            if let lastError { throw lastError }
            throw ForecastError.seriesTooShort(model: "AutoETS", needed: npars + 5, got: n)
        }
        // Polish the contenders: a second Nelder–Mead run from each optimum within reach of the
        // best AICc, so the choice does not hinge on where a stalled simplex stopped.
        var best = first
        for fit in fits where fit.aicc <= first.aicc + refineMargin {
            let refined = (try? ETSEstimator.refine(y, fit)) ?? fit
            if refined.aicc < best.aicc { best = refined }
        }
        return best
    }
}
