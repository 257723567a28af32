import Foundation

/// Smoothing parameters to hold fixed instead of estimating (nil = estimate).
public struct ETSFixedParameters: Sendable, Equatable {
    public var alpha: Double?
    public var beta: Double?
    public var gamma: Double?
    public var phi: Double?

    public init(alpha: Double? = nil, beta: Double? = nil, gamma: Double? = nil, phi: Double? = nil) {
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
        self.phi = phi
    }
}

/// A fitted ETS model: parameters, states, one-step fit and information criteria.
///
/// `logLikelihood` and the criteria follow R's `ets`: −2·log L is taken as
/// n·log Σe² (+ 2·Σ log|ŷ| for multiplicative error), the Gaussian likelihood with σ²
/// concentrated out, less constants that are equal for every model of the same data;
/// k counts the estimated smoothing parameters, the free initial states and σ²;
/// AIC = −2 log L + 2k, AICc = AIC + 2k(k+1)/(n−k−1), BIC = −2 log L + k·log n.
public struct ETSFit: Sendable {
    public var spec: ETSSpec
    /// Season length used (1 for a model without season).
    public var seasonLength: Int
    public var parameters: ETSParameters
    /// States before the first observation (all m seasonal indices).
    public var initialState: ETSState
    /// States after the last observation: the forecast origin.
    public var finalState: ETSState
    /// One-step errors: y − ŷ, or (y − ŷ)/ŷ for multiplicative error.
    public var residuals: [Double]
    /// One-step-ahead fitted values ŷ.
    public var fitted: [Double]
    /// −½ of R's "lik" (see the type's summary).
    public var logLikelihood: Double
    public var aic: Double
    public var aicc: Double
    public var bic: Double
    /// Residual variance Σe²/(n − p), p = estimated smoothing parameters + free initial states
    /// (R's `ets` uses the same divisor).
    public var sigma2: Double
    /// k: estimated parameters including σ².
    public var parameterCount: Int

    /// Point forecasts for `horizon` periods ahead.
    public func forecast(horizon: Int) -> [Double] {
        ETSFilter.forecast(spec: spec, phi: parameters.phi, from: finalState, horizon: horizon)
    }

    /// Runs a model with given parameters and initial states over `y` without estimating anything
    /// (statsforecast's `forward`, R's `ets(y, model = fit)`): the criteria count the parameters the
    /// spec would estimate.
    ///
    /// ```swift
    /// let ses = try ETSFit.evaluate([12, 9, 11], spec: ETSSpec("ANN"),
    ///                               parameters: ETSParameters(alpha: 0.3), initialState: ETSState(level: 10))
    /// ses.forecast(horizon: 1)   // [10.384]: ℓ = 10 → 10.6 → 10.12 → 10.384
    /// ```
    public static func evaluate(
        _ y: [Double], spec: ETSSpec, seasonLength: Int = 1, parameters: ETSParameters, initialState: ETSState
    ) throws -> ETSFit {
        try validateInput(y, horizon: 1)
        let m = spec.season == .none ? 1 : seasonLength
        if spec.season != .none, initialState.seasons.count != m {
            throw ForecastError.invalidParameter(
                name: "initialState.seasons", reason: "needs \(m) seasonal indices, got \(initialState.seasons.count)")
        }
        var p = parameters
        if spec.trend == .none { p.beta = 0 }
        if spec.season == .none { p.gamma = 0 }
        if !spec.damped { p.phi = 1 }
        let free = 1 + (spec.trend != .none ? 1 : 0) + (spec.season != .none ? 1 : 0) + (spec.damped ? 1 : 0)
        let states = 1 + (spec.trend != .none ? 1 : 0) + (spec.season != .none ? m - 1 : 0)
        return make(y, spec: spec, m: m, parameters: p, initial: initialState, estimated: free + states)
    }

    /// Runs the recursions once more at the optimum and derives the criteria.
    static func make(
        _ y: [Double], spec: ETSSpec, m: Int, parameters: ETSParameters, initial: ETSState, estimated: Int
    ) -> ETSFit {
        let out = ETSFilter.run(y, spec: spec, parameters: parameters, initial: initial)
        let n = Double(y.count)
        let lik = max(out.likelihood, -1e10)
        let k = Double(estimated + 1)
        let aic = lik + 2 * k
        let aicc = n - k - 1 != 0 ? aic + 2 * k * (k + 1) / (n - k - 1) : .infinity
        var sse = 0.0
        for e in out.residuals { sse += e * e }
        return ETSFit(
            spec: spec, seasonLength: m, parameters: parameters, initialState: initial, finalState: out.final,
            residuals: out.residuals, fitted: out.fitted, logLikelihood: -0.5 * lik, aic: aic, aicc: aicc,
            bic: lik + log(n) * k, sigma2: sse / (n - Double(estimated)), parameterCount: estimated + 1)
    }
}
