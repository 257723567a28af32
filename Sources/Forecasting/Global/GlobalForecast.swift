import Boosting

/// The global model's output: one `Forecast` per panel series plus what explains it.
public struct GlobalForecast: Sendable {
    /// Series ids in panel order.
    public var seriesIDs: [String]
    /// Mean forecasts with negative-binomial intervals, in panel order.
    public var forecasts: [Forecast]
    /// Per-series negative-binomial dispersion φ (Var = μ + φμ²) behind the intervals.
    public var dispersion: [Double]
    /// The trained models (one per ensemble member), for SHAP explanations or saving.
    public var boosters: [Booster]
    /// The forecast rows' features (series-major: series s, day h is row s·horizon + h).
    public var features: FeatureMatrix
    /// Names of the booster's feature columns.
    public var featureNames: [String]
    /// Boosting rounds chosen by early stopping on the validation window, per member.
    public var rounds: [Int]
    /// The validation metric at those rounds, averaged over members.
    public var validationScore: Double
    /// Wall-clock seconds for features, training (both fits) and prediction.
    public var seconds: Double

    /// The `q`-quantile path of series `s` (0 < q < 1) from its negative binomial, e.g. at
    /// `QuantileLevels.m5`; unlike `Forecast.quantile`, q = 0.5 gives the median, not the mean.
    public func quantile(_ q: Double, series s: Int) -> [Double] {
        let size: Double? = dispersion[s] > 1e-9 ? 1 / dispersion[s] : nil
        return forecasts[s].mean.map { CountDistribution(mean: $0, size: size).quantile(q) }
    }

    /// SHAP contributions to series `s`'s forecast (TreeSHAP via `Booster.contributions`): one row
    /// per forecast day with a value per feature (named by `featureNames`) and the bias last, in
    /// log-mean units (the Tweedie margin), averaged over the members. Each row sums to the
    /// members' mean log forecast: the log of the day's forecast for a single model.
    public func contributions(series s: Int) throws -> [[Float]] {
        let horizon = forecasts[s].horizon, width = featureNames.count + 1
        var rows = [[Float]](repeating: [Float](repeating: 0, count: width), count: horizon)
        for booster in boosters {
            let all = try booster.contributions(features)
            for h in 0..<horizon {
                let start = (s * horizon + h) * width
                for c in 0..<width { rows[h][c] += all[start + c] / Float(boosters.count) }
            }
        }
        return rows
    }
}
