/// Rolling-origin cross-validation (time-series cross-validation; Tashman 2000) of any number of
/// models on any number of series.
///
/// Windows are placed per series as statsforecast's `cross_validation` places them (see
/// `BacktestWindow.windows`): the last window ends on the series' last period and each earlier
/// one `step` periods before. Every model is refitted at every origin on the past only.
///
/// Cost: per series and window, one copy of the training slice (models take `[Double]`) and
/// one of the held-out values, shared by all models; the scale is computed once per window.
/// Forecasts are kept without their in-sample `fitted` values.
///
/// ```swift
/// let backtest = try Backtest(horizon: 28, windows: 3, step: 28, levels: [80, 95])
/// let result = backtest.run(histories, models: [Naive(), SeasonalNaive(seasonLength: 7)])
/// result.mean(\.rmsse, model: 1)
/// ```
public struct Backtest: Sendable {
    public var horizon: Int
    /// Number of windows per series.
    public var windows: Int
    /// Periods between consecutive origins.
    public var step: Int
    /// Interval levels (percent) requested from the models and scored.
    public var levels: [Double]
    /// Training slice length for a sliding window; nil for an expanding window (all the past).
    public var inputSize: Int?
    /// Lag of the differences in the MASE/RMSSE scale (1 = M5).
    public var seasonality: Int

    /// - Throws: `ForecastError` naming the parameter that is out of range.
    public init(horizon: Int, windows: Int, step: Int, levels: [Double] = [], inputSize: Int? = nil, seasonality: Int = 1) throws {
        try BacktestWindow.validate(count: windows, step: step, horizon: horizon, inputSize: inputSize)
        for level in levels where !(level > 0 && level < 100) {
            throw ForecastError.invalidParameter(name: "levels", reason: "\(level) is not a coverage in (0, 100) percent")
        }
        guard seasonality >= 1 else { throw ForecastError.invalidParameter(name: "seasonality", reason: "must be at least 1, got \(seasonality)") }
        self.horizon = horizon
        self.windows = windows
        self.step = step
        self.levels = levels.sorted()
        self.inputSize = inputSize
        self.seasonality = seasonality
    }

    /// The quantiles scored for `levels`: each interval's two bounds and the median, ascending.
    public var quantiles: [Double] {
        guard !levels.isEmpty else { return [] }
        var q: [Double] = [0.5]
        for level in levels { q.append((100 - level) / 200); q.append((100 + level) / 200) }
        return q.sorted()
    }

    /// Backtests `models` on one series.
    public func run(_ y: [Double], models: [any ForecastModel]) -> BacktestResult {
        run([y], models: models)
    }

    /// Backtests `models` on every series. A series too short for the windows is listed in
    /// `skipped`; a model that throws on a window gets a cell with its `failure`, and the run
    /// goes on.
    public func run(_ series: [[Double]], models: [any ForecastModel]) -> BacktestResult {
        let quantiles = quantiles
        var cells: [BacktestCell] = []
        cells.reserveCapacity(series.count * windows * models.count)
        var skipped: [(series: Int, reason: String)] = []
        for (s, y) in series.enumerated() {
            let placed: [BacktestWindow]
            do {
                placed = try BacktestWindow.windows(length: y.count, count: windows, step: step, horizon: horizon, inputSize: inputSize)
            } catch {
                skipped.append((s, String(describing: error)))
                continue
            }
            for window in placed {
                let history = Array(y[window.trainRange])
                let actual = Array(y[window.testRange])
                let scale = (
                    absolute: PointMetrics.absoluteScale(history: history, seasonality: seasonality),
                    squared: PointMetrics.squaredScale(history: history, seasonality: seasonality))
                for (m, model) in models.enumerated() {
                    do {
                        var forecast = try model.forecast(history, horizon: horizon, levels: levels)
                        forecast.fitted = nil
                        guard forecast.mean.count == horizon,
                              forecast.intervals.allSatisfy({ $0.lower.count == horizon && $0.upper.count == horizon }) else {
                            throw ForecastError.invalidParameter(name: "forecast", reason: "\(model.name) returned paths not of the horizon's length \(horizon)")
                        }
                        let metrics = BacktestMetrics.score(actual: actual, forecast: forecast, scale: scale, levels: levels, quantiles: quantiles)
                        cells.append(BacktestCell(series: s, window: window, model: m, actual: actual, forecast: forecast, metrics: metrics, failure: nil))
                    } catch {
                        cells.append(BacktestCell(series: s, window: window, model: m, actual: actual, forecast: nil, metrics: nil, failure: String(describing: error)))
                    }
                }
            }
        }
        return BacktestResult(models: models.map(\.name), levels: levels, quantiles: quantiles, windows: windows, cells: cells, skipped: skipped)
    }
}
