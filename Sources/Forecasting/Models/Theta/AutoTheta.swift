/// Automatic theta forecasting: deseasonalise when the series is seasonal, fit STM, OTM, DSTM and
/// DOTM (Fiorucci et al., 2016) and keep the one with the smallest in-sample criterion, as
/// statsforecast 2.1.1's `AutoTheta` does.
///
/// The steps:
/// 1. When `seasonLength` ≥ 4 and the history has at least two seasons, ``SeasonalityTest`` checks
///    the lag-m autocorrelation at 90 %.
/// 2. A seasonal series is divided by multiplicative ``ClassicalDecomposition`` indices (the
///    default), or has additive ones subtracted. Multiplicative falls back to additive when the
///    history has a zero or negative value, or when an index comes out below 0.01.
/// 3. Each candidate variant is optimised on the adjusted series (``ThetaFit``); the smallest
///    ``ThetaFit/criterion`` wins, the earliest of STM, OTM, DSTM, DOTM on a tie.
/// 4. Forecasts and intervals are reseasonalised with the last season's indices.
///
/// ```swift
/// let f = try AutoTheta(seasonLength: 7).forecast(sales, horizon: 28, levels: [80, 95])
/// ```
public struct AutoTheta: ForecastModel {
    /// Periods per season (7 for daily data with a weekly cycle); 1 means no seasonality.
    public var seasonLength: Int
    /// How to remove the season when the test finds one.
    public var decomposition: ClassicalDecomposition.Kind
    /// Fit only this variant; nil tries all four.
    public var model: ThetaVariant?
    /// The simplex that estimates each variant (statsforecast's own by default).
    public var optimizer: ThetaFit.Optimizer
    /// The name errors carry when a fixed-variant model (``Theta`` …) runs this one.
    var reportedName: String?

    public init(
        seasonLength: Int = 1, decomposition: ClassicalDecomposition.Kind = .multiplicative,
        model: ThetaVariant? = nil, optimizer: ThetaFit.Optimizer = .statsforecastSimplex
    ) {
        self.seasonLength = seasonLength
        self.decomposition = decomposition
        self.model = model
        self.optimizer = optimizer
    }

    public var name: String { "AutoTheta(\(seasonLength))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try validateInput(y, horizon: horizon)
        try NormalIntervals.validate(levels)
        return try fit(y).forecast(horizon: horizon, levels: levels)
    }

    /// Deseasonalises (if needed) and fits the candidate variants to `y` (at least 4 values).
    public func fit(_ y: [Double]) throws -> AutoThetaFit {
        guard seasonLength >= 1 else {
            throw ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got \(seasonLength)")
        }
        try validateInput(y, horizon: 1)
        try ThetaFit.checkLength(y, model: reportedName ?? name)

        let decomposition = try seasonalDecomposition(y)
        let adjusted = decomposition?.adjust(y) ?? y
        let variants = model.map { [$0] } ?? ThetaVariant.allCases
        // A and B depend only on the data, so each kind of theta line is built once and shared.
        let staticModel = variants.contains { !$0.isDynamic } ? ThetaModel(adjusted, dynamic: false) : nil
        let dynamicModel = variants.contains { $0.isDynamic } ? ThetaModel(adjusted, dynamic: true) : nil

        var candidates: [ThetaFit] = []
        var best: ThetaFit?
        for variant in variants {
            let prepared = (variant.isDynamic ? dynamicModel : staticModel)!
            let fit = try ThetaFit.optimized(model: prepared, variant: variant, optimizer: optimizer)
            candidates.append(fit)
            if !fit.criterion.isNaN, fit.criterion < (best?.criterion ?? .infinity) { best = fit }
        }
        guard let chosen = best else {
            throw ForecastError.optimizationFailed(model: reportedName ?? name, reason: "no variant gave a finite criterion")
        }
        return AutoThetaFit(decomposition: decomposition, candidates: candidates, chosen: chosen)
    }

    /// The decomposition statsforecast would apply to `y`, or nil when it keeps the series as is.
    func seasonalDecomposition(_ y: [Double]) throws -> ClassicalDecomposition? {
        guard SeasonalityTest.isSeasonal(y, period: seasonLength) else { return nil }
        var kind = decomposition
        if kind == .multiplicative, y.contains(where: { $0 <= 0 }) { kind = .additive }
        if kind == .multiplicative {
            let d = try ClassicalDecomposition(y, period: seasonLength, kind: .multiplicative)
            if !d.indices.contains(where: { $0 < 0.01 }) { return d }
        }
        return try ClassicalDecomposition(y, period: seasonLength, kind: .additive)
    }
}
