/// Everything a backtest produced: one cell per series × window × model, and summaries.
public struct BacktestResult: Sendable {
    /// Model names, in the order given; `BacktestCell.model` indexes this.
    public let models: [String]
    /// Interval levels (percent) that were requested.
    public let levels: [Double]
    /// Quantiles scored by `BacktestMetrics.pinball`: the bounds of `levels` and the median.
    public let quantiles: [Double]
    /// Cells ordered by series, then window, then model; every series that was not skipped has
    /// `windows × models.count` of them.
    public let cells: [BacktestCell]
    /// Series too short for the windows (they have no cells), with the reason.
    public let skipped: [(series: Int, reason: String)]
    /// Windows per series.
    public let windows: Int
    /// Index in `cells` of each series' first cell.
    private let firstCell: [Int: Int]

    public init(models: [String], levels: [Double], quantiles: [Double], windows: Int, cells: [BacktestCell], skipped: [(series: Int, reason: String)]) {
        self.models = models
        self.levels = levels
        self.quantiles = quantiles
        self.windows = windows
        self.cells = cells
        self.skipped = skipped
        var first: [Int: Int] = [:]
        for (i, cell) in cells.enumerated() where first[cell.series] == nil { first[cell.series] = i }
        self.firstCell = first
    }

    /// The cells of one model.
    public func cells(model: Int) -> [BacktestCell] { cells.filter { $0.model == model } }

    /// The cells of one series (all windows and models), empty for a skipped series.
    public func cells(series: Int) -> ArraySlice<BacktestCell> {
        guard let first = firstCell[series] else { return [] }
        return cells[first..<(first + windows * models.count)]
    }

    /// The cell of `series`, window `window` (0 = earliest) and `model`, if present.
    public func cell(series: Int, window: Int, model: Int) -> BacktestCell? {
        guard let first = firstCell[series], (0..<windows).contains(window), models.indices.contains(model) else { return nil }
        return cells[first + window * models.count + model]
    }

    /// Mean of a metric over every successful cell of `model` (all series and windows), and how
    /// many cells failed. Non-finite values (e.g. a zero scale) are left out of the mean.
    public func mean(_ metric: (BacktestMetrics) -> Double, model: Int) -> (value: Double, failures: Int) {
        var sum = 0.0, n = 0, failures = 0
        for cell in cells where cell.model == model {
            guard let m = cell.metrics else { failures += 1; continue }
            let v = metric(m)
            if v.isFinite { sum += v; n += 1 }
        }
        return (n > 0 ? sum / Double(n) : .nan, failures)
    }

    /// Per series, the mean of a metric over the windows for `model` (NaN for a series whose
    /// windows all failed): the score a per-series model selection compares.
    public func meanBySeries(_ metric: (BacktestMetrics) -> Double, model: Int, seriesCount: Int) -> [Double] {
        var sum = [Double](repeating: 0, count: seriesCount), n = [Int](repeating: 0, count: seriesCount)
        for cell in cells where cell.model == model {
            guard let m = cell.metrics else { continue }
            let v = metric(m)
            if v.isFinite { sum[cell.series] += v; n[cell.series] += 1 }
        }
        return sum.indices.map { n[$0] > 0 ? sum[$0] / Double(n[$0]) : .nan }
    }

    /// Out-of-sample residuals of `model` on `series`, one row per window (earliest first), for
    /// conformal intervals; failed windows are left out.
    public func residuals(series: Int, model: Int) -> [[Double]] {
        cells(series: series).compactMap { $0.model == model ? $0.residuals : nil }
    }
}
