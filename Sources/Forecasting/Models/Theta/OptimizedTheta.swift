/// The optimised theta model (OTM): θ ≥ 1 estimated alongside ℓ₀ and α, with the least-squares line
/// of the whole history. Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016), IJF 32(4);
/// statsforecast 2.1.1's `OptimizedTheta`.
///
/// Deseasonalises as ``AutoTheta`` does (the 90 % autocorrelation test, then classical
/// decomposition, multiplicative by default) and fits this one variant. Intervals as in
/// `ThetaFit+Intervals`.
///
/// ```swift
/// let f = try OptimizedTheta(seasonLength: 7).forecast(sales, horizon: 28, levels: [95])
/// ```
public struct OptimizedTheta: ForecastModel {
    /// Periods per season; 1 means no seasonality.
    public var seasonLength: Int
    /// How to remove the season when the test finds one.
    public var decomposition: ClassicalDecomposition.Kind

    public init(seasonLength: Int = 1, decomposition: ClassicalDecomposition.Kind = .multiplicative) {
        self.seasonLength = seasonLength
        self.decomposition = decomposition
    }

    public var name: String { "OptimizedTheta(\(seasonLength))" }

    public func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
        try engine.forecast(y, horizon: horizon, levels: levels)
    }

    /// The fitted model behind the forecast.
    public func fit(_ y: [Double]) throws -> AutoThetaFit { try engine.fit(y) }

    private var engine: AutoTheta {
        var engine = AutoTheta(seasonLength: seasonLength, decomposition: decomposition, model: .otm)
        engine.reportedName = name
        return engine
    }
}
