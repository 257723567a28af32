import Optimization

/// One theta variant fitted to one series: its parameters, in-sample fit and final state.
///
/// ``optimized(_:variant:optimizer:)`` estimates the parameters as statsforecast 2.1.1 does: start
/// at ℓ₀ = y₁/2, α = 0.5, θ = 2; bounds ℓ₀ ∈ [−10¹⁰, 10¹⁰], α ∈ [0.1, 0.99], θ ∈ [1, 10¹⁰]; θ stays
/// at 2 for STM and DSTM; minimise ``criterion`` with Nelder–Mead from a simplex whose vertices
/// move each parameter by 5 % (10⁻⁴ when it is zero).
///
/// ```swift
/// let fit = try ThetaFit.optimized(history, variant: .dotm)
/// let next28 = fit.forecast(horizon: 28)
/// ```
public struct ThetaFit: Sendable {
    /// Which of the four models this is.
    public let variant: ThetaVariant
    /// ℓ₀, α and θ (estimated or given).
    public let parameters: ThetaParameters
    /// Σₜ₍ₜ≥₃₎ eₜ² / mean |y| over the one-step errors: what the optimiser minimises and what
    /// ``AutoTheta`` compares (statsforecast calls it `mse`).
    public let criterion: Double
    /// One-step-ahead forecasts of the series the model was fitted to.
    public let fitted: [Double]
    /// `y − fitted`.
    public let residuals: [Double]
    /// The state after the last observation.
    let state: ThetaState
    /// Whether A and B move in the forecast recursion.
    let dynamic: Bool

    /// The box statsforecast's optimiser searches.
    static let alphaBounds = (lower: 0.1, upper: 0.99)
    static let thetaBounds = (lower: 1.0, upper: 1e10)
    static let levelBounds = (lower: -1e10, upper: 1e10)

    /// Which Nelder–Mead walks the criterion.
    public enum Optimizer: Sendable, Equatable {
        /// statsforecast's own bounded simplex (``ThetaSimplex``), stopped as loosely as it stops.
        /// The criterion is flat in θ and ℓ₀, so where a simplex stops decides the forecast;
        /// walking the same path reproduces statsforecast's forecasts per series (all 280 m5_tiny
        /// series within 1e-3).
        case statsforecastSimplex
        /// NLopt's Nelder–Mead (`Minimizer`) run to a relative step of 1e-8: lower criteria, but
        /// on m5_tiny only 153 of 280 forecasts within 1e-3 of statsforecast's (same mean scores).
        case nloptNelderMead
    }

    /// Runs `variant` on `y` (at least 4 values) with fixed `parameters`, no estimation.
    public init(_ y: [Double], variant: ThetaVariant, parameters: ThetaParameters) throws {
        try validateInput(y, horizon: 1)
        try Self.checkLength(y, model: variant.rawValue)
        try parameters.validate()
        self.init(model: ThetaModel(y, dynamic: variant.isDynamic), variant: variant, parameters: parameters)
    }

    init(model: ThetaModel, variant: ThetaVariant, parameters: ThetaParameters) {
        let run = model.filter(parameters)
        self.variant = variant
        self.parameters = parameters
        self.criterion = run.criterion
        self.fitted = run.fitted
        self.residuals = run.residuals
        self.state = run.state
        self.dynamic = model.dynamic
    }

    /// Estimates ℓ₀, α (and θ for OTM/DOTM) on `y` (at least 4 values) and fits the model.
    public static func optimized(
        _ y: [Double], variant: ThetaVariant, optimizer: Optimizer = .statsforecastSimplex
    ) throws -> ThetaFit {
        try validateInput(y, horizon: 1)
        try checkLength(y, model: variant.rawValue)
        return try optimized(model: ThetaModel(y, dynamic: variant.isDynamic), variant: variant, optimizer: optimizer)
    }

    /// Estimation on a prepared model; `model.dynamic` must match `variant`.
    static func optimized(model: ThetaModel, variant: ThetaVariant, optimizer: Optimizer) throws -> ThetaFit {
        var x0 = [model.y[0] / 2, 0.5]
        var lower = [levelBounds.lower, alphaBounds.lower]
        var upper = [levelBounds.upper, alphaBounds.upper]
        if variant.optimizesTheta {
            x0.append(2)
            lower.append(thetaBounds.lower)
            upper.append(thetaBounds.upper)
        }
        let objective = { (x: [Double]) in model.objective(parameters(x)) }
        let x: [Double]
        switch optimizer {
        case .statsforecastSimplex:
            x = ThetaSimplex(lower: lower, upper: upper).minimize(objective, from: x0).x
        case .nloptNelderMead:
            // The same first simplex as statsforecast's: 5 % of each start value, 1e-4 for a zero.
            let step = x0.map { $0 == 0 ? 1e-4 : 0.05 * abs($0) }
            let minimizer = Minimizer(
                algorithm: .nelderMead, lower: lower, upper: upper,
                relativeTolerance: 1e-8, maxEvaluations: 2_000, initialStep: step)
            do {
                x = try minimizer.minimize(objective, from: x0).x
            } catch {
                throw ForecastError.optimizationFailed(model: variant.rawValue, reason: String(describing: error))
            }
        }
        return ThetaFit(model: model, variant: variant, parameters: parameters(x))
    }

    /// ℓ₀, α and θ from the optimiser's vector (θ = 2 when it has only two entries).
    private static func parameters(_ x: [Double]) -> ThetaParameters {
        ThetaParameters(initialLevel: x[0], alpha: x[1], theta: x.count > 2 ? x[2] : 2)
    }

    /// Point forecasts for the next `horizon` periods (on the scale the model was fitted on).
    public func forecast(horizon: Int) -> [Double] {
        ThetaModel.forecast(from: state, parameters, horizon: horizon, dynamic: dynamic)
    }

    /// statsforecast refuses three or fewer observations ("tiny datasets"): with the burn-in of
    /// three errors nothing would be left to fit.
    static func checkLength(_ y: [Double], model: String) throws {
        guard y.count >= 4 else {
            throw ForecastError.seriesTooShort(model: model, needed: 4, got: y.count)
        }
    }
}

