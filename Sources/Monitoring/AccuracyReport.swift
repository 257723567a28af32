/// Live forecast accuracy over many series: scaled errors averaged over series, and pooled bias.
public struct AccuracyReport: Sendable, Hashable, Codable {
    /// Mean over series of MASE (mean absolute error / in-sample naive MAE).
    public var mase: Double
    /// Mean over series of RMSSE (sqrt of MSE / in-sample naive MSE), the M5 metric before weighting.
    public var rmsse: Double
    /// (Σ forecast − Σ actual) / Σ actual over the measured series; 0 when Σ actual is 0.
    public var bias: Double
    /// Series measured (series with a zero or undefined scale are skipped).
    public var series: Int
    /// Forecast/actual pairs measured.
    public var points: Int

    public init(mase: Double, rmsse: Double, bias: Double, series: Int, points: Int) {
        self.mase = mase; self.rmsse = rmsse; self.bias = bias; self.series = series; self.points = points
    }
}
