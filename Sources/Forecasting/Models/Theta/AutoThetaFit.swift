/// A theta model fitted to one series by ``AutoTheta`` (or one of the four fixed-variant models):
/// the deseasonalisation it applied, every variant it tried and the one it kept.
public struct AutoThetaFit: Sendable {
    /// The seasonal decomposition removed before fitting; nil when the series tested non-seasonal.
    public let decomposition: ClassicalDecomposition?
    /// The variants fitted to the seasonally adjusted series, in the order tried.
    public let candidates: [ThetaFit]
    /// The candidate with the smallest criterion (the earliest on a tie).
    public let chosen: ThetaFit
    /// One-step fitted values on the original scale (seasonal component put back).
    public let fitted: [Double]
    /// `y − fitted` on the original scale.
    public let residuals: [Double]

    init(decomposition: ClassicalDecomposition?, candidates: [ThetaFit], chosen: ThetaFit) {
        self.decomposition = decomposition
        self.candidates = candidates
        self.chosen = chosen
        let fitted = decomposition?.reseasonalize(chosen.fitted, start: 0) ?? chosen.fitted
        // y − ŷ: with a multiplicative season this is the adjusted-scale error times the index
        // (what statsforecast takes σ from); with an additive one it is the adjusted-scale error
        // itself (statsforecast adds the seasonal index to it, which we do not copy).
        var residuals = chosen.residuals
        if let d = decomposition, d.kind == .multiplicative {
            for t in residuals.indices { residuals[t] *= d.seasonal(at: t) }
        }
        self.fitted = fitted
        self.residuals = residuals
    }

    /// Forecasts `horizon` periods with intervals at `levels` percent (see `ThetaFit+Intervals`),
    /// reseasonalised with the indices that continue the last full season.
    public func forecast(horizon: Int, levels: [Double] = []) throws -> Forecast {
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        try NormalIntervals.validate(levels)
        let n = fitted.count
        var mean: [Double]
        var intervals: [PredictionInterval] = []
        if levels.isEmpty {
            mean = chosen.forecast(horizon: horizon)
        } else {
            // σ from the errors on the original scale, as statsforecast takes it.
            let sigma = ThetaFit.residualStandardDeviation(residuals)
            (mean, intervals) = chosen.forecast(horizon: horizon, levels: levels, sigma: sigma)
        }
        if let d = decomposition {
            mean = d.reseasonalize(mean, start: n)
            for i in intervals.indices {
                intervals[i].lower = d.reseasonalize(intervals[i].lower, start: n)
                intervals[i].upper = d.reseasonalize(intervals[i].upper, start: n)
            }
        }
        return Forecast(mean: mean, intervals: intervals, fitted: fitted)
    }
}
