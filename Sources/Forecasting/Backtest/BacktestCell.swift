/// One model's forecast on one window of one series, with what it was scored against.
public struct BacktestCell: Sendable, Equatable {
    /// Index of the series in the array given to `Backtest.run`.
    public var series: Int
    public var window: BacktestWindow
    /// Index of the model in `BacktestResult.models`.
    public var model: Int
    /// The held-out values, `y[window.testRange]` (shared storage among the window's models).
    public var actual: [Double]
    /// The model's forecast with `fitted` dropped (in-sample values would cost a history per
    /// cell); nil when the model failed.
    public var forecast: Forecast?
    /// Scores of `forecast`; nil when the model failed.
    public var metrics: BacktestMetrics?
    /// Why the model failed on this window (the error's description), else nil.
    public var failure: String?

    public init(series: Int, window: BacktestWindow, model: Int, actual: [Double], forecast: Forecast?, metrics: BacktestMetrics?, failure: String?) {
        self.series = series
        self.window = window
        self.model = model
        self.actual = actual
        self.forecast = forecast
        self.metrics = metrics
        self.failure = failure
    }

    /// Out-of-sample errors `actual − forecast` by step ahead (1…horizon), the residuals from
    /// which conformal intervals are built; nil when the model failed.
    public var residuals: [Double]? {
        guard let mean = forecast?.mean else { return nil }
        var r = actual
        for t in r.indices { r[t] -= mean[t] }
        return r
    }
}
