/// One exponential smoothing state-space model of a given form, e.g. ETS(A,Ad,N) or ETS(M,N,M),
/// estimated by maximum likelihood (Hyndman et al. 2008, ch. 5) with optional fixed smoothing
/// parameters. `AutoETS` chooses the form; this type takes it as given.
///
/// ```swift
/// let model = try ETS("AAdN")
/// let f = try model.forecast(history, horizon: 14, levels: [95])
/// let ses = try ETS("ANN", fixed: ETSFixedParameters(alpha: 0.3))   // SES with α = 0.3
/// ```
public struct ETS: ForecastModel {
    public var spec: ETSSpec
    public var seasonLength: Int
    public var fixed: ETSFixedParameters

    /// Parses `model` ("ANN", "AAdN", "MAM", …); throws naming `model` or `seasonLength`.
    public init(_ model: String, seasonLength: Int = 1, fixed: ETSFixedParameters = ETSFixedParameters()) throws {
        try self.init(spec: ETSSpec(model), seasonLength: seasonLength, fixed: fixed)
    }

    public init(spec: ETSSpec, seasonLength: Int = 1, fixed: ETSFixedParameters = ETSFixedParameters()) throws {
        try ETSSearch.validate(seasonLength: seasonLength)
        if spec.season != .none && seasonLength < 2 {
            throw ForecastError.invalidParameter(
                name: "seasonLength", reason: "ETS(\(spec)) has a season, so seasonLength must be at least 2, got \(seasonLength)")
        }
        if spec.isRestricted {
            throw ForecastError.invalidParameter(name: "model", reason: "\(spec.label) is not allowed: its forecast variance can be infinite")
        }
        for (name, value) in [("alpha", fixed.alpha), ("beta", fixed.beta), ("gamma", fixed.gamma), ("phi", fixed.phi)] {
            if let value, !(value >= 0 && value <= 1) {
                throw ForecastError.invalidParameter(name: name, reason: "must be in [0, 1], got \(value)")
            }
        }
        self.spec = spec
        self.seasonLength = seasonLength
        self.fixed = fixed
    }

    public var name: String { "ETS(\(spec))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validateInput(y, horizon: horizon)
        return try self.fit(y).prediction(horizon: horizon, levels: levels)
    }

    /// Estimates the model on `y`.
    public func fit(_ y: [Double]) throws -> ETSFit {
        try validateInput(y, horizon: 1)
        if spec.needsPositiveData, let bad = y.firstIndex(where: { $0 <= 0 }) {
            throw ForecastError.invalidParameter(
                name: "model", reason: "\(spec.label) has a multiplicative component and needs strictly positive data, but y[\(bad)] = \(y[bad])")
        }
        if spec.season != .none && y.count <= seasonLength {
            throw ForecastError.seriesTooShort(model: name, needed: seasonLength + 1, got: y.count)
        }
        guard let first = try ETSEstimator.fit(y, spec: spec, seasonLength: seasonLength, fixed: fixed) else {
            let states = 1 + (spec.trend != .none ? 1 : 0) + (spec.season != .none ? seasonLength - 1 : 0)
            let params = 1 + (spec.trend != .none ? 1 : 0) + (spec.season != .none ? 1 : 0) + (spec.damped ? 1 : 0)
            throw ForecastError.seriesTooShort(model: name, needed: states + params + 2, got: y.count)
        }
        // A second Nelder–Mead run from the optimum (see ETSEstimator.refine).
        return try ETSEstimator.refine(y, first, fixed: fixed)
    }
}
