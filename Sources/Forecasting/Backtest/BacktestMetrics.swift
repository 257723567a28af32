/// The errors of one model on one backtest window of one series.
///
/// Scaled measures use the M5 scale of the window's training slice (one-step, or
/// `seasonality`-step, differences from its first non-zero value).
public struct BacktestMetrics: Sendable, Equatable {
    public var mae: Double
    public var rmse: Double
    public var mase: Double
    public var rmsse: Double
    /// `mean(forecast − actual)`: positive when the model over-forecasts.
    public var bias: Double
    /// Mean pinball loss per quantile of `BacktestResult.quantiles`; NaN where the model gave no
    /// interval for it; empty when no levels were requested.
    public var pinball: [Double]
    /// Mean over the quantiles of the pinball loss divided by the absolute scale (M5's per-series
    /// WSPL summand); NaN when a quantile is missing or no levels were requested.
    public var scaledPinball: Double
    /// Share of actuals inside the interval, per level of `BacktestResult.levels`; NaN when missing.
    public var coverage: [Double]
    /// Mean Winkler score per level; NaN when missing.
    public var winkler: [Double]

    public init(mae: Double, rmse: Double, mase: Double, rmsse: Double, bias: Double, pinball: [Double] = [], scaledPinball: Double = .nan, coverage: [Double] = [], winkler: [Double] = []) {
        self.mae = mae
        self.rmse = rmse
        self.mase = mase
        self.rmsse = rmsse
        self.bias = bias
        self.pinball = pinball
        self.scaledPinball = scaledPinball
        self.coverage = coverage
        self.winkler = winkler
    }

    /// Scores `forecast` against `actual`; `scale` is (mean absolute, mean squared) difference of
    /// the training slice, computed once per window and shared by the models.
    static func score(actual: [Double], forecast: Forecast, scale: (absolute: Double, squared: Double), levels: [Double], quantiles: [Double]) -> BacktestMetrics {
        let mean = forecast.mean
        let mae = PointMetrics.mae(actual: actual, forecast: mean)
        let mse = PointMetrics.mse(actual: actual, forecast: mean)
        var metrics = BacktestMetrics(
            mae: mae, rmse: mse.squareRoot(), mase: mae / scale.absolute, rmsse: (mse / scale.squared).squareRoot(),
            bias: PointMetrics.bias(actual: actual, forecast: mean))
        guard !levels.isEmpty else { return metrics }
        metrics.coverage = levels.map { level in
            forecast.interval(level: level).map { IntervalMetrics.coverage(actual: actual, interval: $0) } ?? .nan
        }
        metrics.winkler = levels.map { level in
            forecast.interval(level: level).map { IntervalMetrics.winkler(actual: actual, interval: $0) } ?? .nan
        }
        metrics.pinball = quantiles.map { u in
            forecast.quantile(u).map { IntervalMetrics.pinball(actual: actual, quantileForecast: $0, quantile: u) } ?? .nan
        }
        var sum = 0.0
        for p in metrics.pinball { sum += p }
        metrics.scaledPinball = sum / Double(quantiles.count) / scale.absolute
        return metrics
    }
}
