/// What a model predicts for the next `horizon` periods.
public struct Forecast: Sendable, Equatable {
    /// Point forecasts (the mean of the predictive distribution), one per period ahead.
    public var mean: [Double]
    /// Central prediction intervals, one per requested level, sorted by level.
    public var intervals: [PredictionInterval]
    /// In-sample one-step-ahead fitted values aligned with the history, when the model has them
    /// (`nil` for the first periods it cannot fit is encoded as `.nan`).
    public var fitted: [Double]?

    public init(mean: [Double], intervals: [PredictionInterval] = [], fitted: [Double]? = nil) {
        self.mean = mean
        self.intervals = intervals.sorted { $0.level < $1.level }
        self.fitted = fitted
    }

    public var horizon: Int { mean.count }

    /// The interval at `level` percent, if the model produced it.
    public func interval(level: Double) -> PredictionInterval? {
        intervals.first { abs($0.level - level) < 1e-9 }
    }
}

/// A central prediction interval: `lower` and `upper` hold the (100−level)/2 and (100+level)/2
/// percentiles of the predictive distribution for each period ahead.
public struct PredictionInterval: Sendable, Equatable {
    /// Coverage in percent, e.g. 95.
    public var level: Double
    public var lower: [Double]
    public var upper: [Double]

    public init(level: Double, lower: [Double], upper: [Double]) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }
}
