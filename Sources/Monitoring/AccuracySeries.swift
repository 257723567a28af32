/// One series' forecast beside what happened, with the in-sample history that sets its error scale.
public struct AccuracySeries: Sendable, Hashable, Codable {
    /// Forecast values for the evaluated periods.
    public var forecast: [Double]
    /// Actual values for the same periods (paired with `forecast` by position).
    public var actual: [Double]
    /// In-sample history before the forecast origin, oldest first, for the naive-forecast scale.
    public var history: [Double]

    public init(forecast: [Double], actual: [Double], history: [Double]) {
        self.forecast = forecast; self.actual = actual; self.history = history
    }
}
