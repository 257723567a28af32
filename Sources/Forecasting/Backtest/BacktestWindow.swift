/// One rolling-origin window: a model is fitted on `y[trainStart..<origin]` and scored on
/// `y[origin..<origin + horizon]`.
public struct BacktestWindow: Sendable, Equatable {
    /// 0 for the earliest window.
    public var index: Int
    /// First period of the training slice: 0, or `origin − inputSize` for a sliding window.
    public var trainStart: Int
    /// The cut-off: number of periods before the forecast starts (statsforecast's `cutoff` is
    /// the last of them, `origin − 1`).
    public var origin: Int
    public var horizon: Int

    public init(index: Int, trainStart: Int, origin: Int, horizon: Int) {
        self.index = index
        self.trainStart = trainStart
        self.origin = origin
        self.horizon = horizon
    }

    /// Periods used for training.
    public var trainRange: Range<Int> { trainStart..<origin }
    /// Periods forecast and scored.
    public var testRange: Range<Int> { origin..<(origin + horizon) }

    /// The windows statsforecast's `cross_validation(h:n_windows:step_size:)` places on a
    /// series of `length` periods: the test span is `horizon + step·(count − 1)` periods at the
    /// end, origins `length − testSize + k·step` for k = 0…count−1, so the last window ends on
    /// the last period. With `inputSize` the training slice is the last `inputSize` periods
    /// before the origin (cut to the series start), else the whole past (expanding window).
    ///
    /// Example: length 10, count 3, step 2, horizon 3 → test size 7; origins 3, 5, 7; the
    /// windows forecast periods 3…5, 5…7, 7…9.
    /// - Throws: `ForecastError` when a parameter is below 1 or the series is too short to keep
    ///   at least one training period before the first origin (statsforecast's rule).
    public static func windows(length: Int, count: Int, step: Int, horizon: Int, inputSize: Int? = nil) throws -> [BacktestWindow] {
        try validate(count: count, step: step, horizon: horizon, inputSize: inputSize)
        let testSize = horizon + step * (count - 1)
        guard length > testSize else {
            throw ForecastError.seriesTooShort(model: "backtest", needed: testSize + 1, got: length)
        }
        return (0..<count).map { k in
            let origin = length - testSize + k * step
            let start = inputSize.map { max(0, origin - $0) } ?? 0
            return BacktestWindow(index: k, trainStart: start, origin: origin, horizon: horizon)
        }
    }

    static func validate(count: Int, step: Int, horizon: Int, inputSize: Int?) throws {
        guard horizon >= 1 else { throw ForecastError.invalidHorizon(horizon) }
        guard count >= 1 else { throw ForecastError.invalidParameter(name: "windows", reason: "must be at least 1, got \(count)") }
        guard step >= 1 else { throw ForecastError.invalidParameter(name: "step", reason: "must be at least 1, got \(step)") }
        if let inputSize, inputSize < 1 {
            throw ForecastError.invalidParameter(name: "inputSize", reason: "must be at least 1, got \(inputSize)")
        }
    }
}
