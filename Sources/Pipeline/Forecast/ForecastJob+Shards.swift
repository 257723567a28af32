import Commerce
import Forecasting
import Foundation
import Storage

/// A forecast run split across processes: each shard runs the per-series pass over its share
/// of the series and returns it as data; the merge puts the shards back in series order and
/// runs the rest of the run (global model, metrics, run record) exactly as one process would.
extension ForecastJob {
    /// One series' per-series outcome as a shard returns it: the series without its days (the
    /// merge derives them from the forecast as the run does) and the model's forecast. The
    /// history is not carried: the merge rebuilds it from the same demand rows.
    struct ShardOutcome: Codable, Sendable {
        var variantID: Int64
        var locationID: Int64
        var historyStartDay: String
        var historyDays: Int
        var censoredDays: Int
        var error: String?
        /// Whether the series had a history (false only when building it failed).
        var hasHistory: Bool
        /// The forecast's mean and per-level bounds (levels sorted), when the model succeeded.
        var mean: [Double]?
        var levels: [Double]?
        var lower: [[Double]]?
        var upper: [[Double]]?
    }

    /// A shard's per-series pass: the series it was given and the outcomes of those with sales.
    public struct ShardPass: Codable, Sendable {
        var inputCount: Int
        var outcomes: [ShardOutcome]
    }

    /// The `[lower, upper)` positions of shard `index` of `count` among `total` series: the
    /// series in (variant, location) order, cut into contiguous, near-equal ranges, so the
    /// assignment is stable for a given set of series.
    public static func shardRange(index: Int, count: Int, total: Int) -> Range<Int> {
        (index * total / count)..<((index + 1) * total / count)
    }

    /// The number of series (variant × location with demand rows) the shop has through `asOf`.
    public func seriesCount(shopID: Int64, asOf: CivilDate) async throws -> Int {
        Self.group(try await demand.stockedDemand(shopID: shopID, variantID: nil, locationID: nil, throughDay: asOf.description)).count
    }

    /// The per-series pass of shard `index` of `count` as of `asOf`.
    public func shardPass(shopID: Int64, asOf: CivilDate, index: Int, count: Int) async throws -> ShardPass {
        try options.validate()
        let rows = try await demand.stockedDemand(shopID: shopID, variantID: nil, locationID: nil, throughDay: asOf.description)
        let inputs = Self.group(rows)
        let range = Self.shardRange(index: index, count: count, total: inputs.count)
        let outcomes = try await perSeries(Array(inputs[range]), asOf: asOf)
        return ShardPass(inputCount: range.count, outcomes: outcomes.compactMap { outcome in
            guard let series = outcome.series else { return nil }
            let forecast = outcome.forecast
            return ShardOutcome(
                variantID: series.variantID, locationID: series.locationID, historyStartDay: series.historyStartDay,
                historyDays: series.historyDays, censoredDays: series.censoredDays, error: series.error, hasHistory: outcome.history != nil,
                mean: forecast?.mean, levels: forecast?.intervals.map(\.level), lower: forecast?.intervals.map(\.lower),
                upper: forecast?.intervals.map(\.upper))
        })
    }

    /// The run of all shards' passes (in shard order) as of `asOf`, as `forecasts` computes it
    /// in one process: each outcome is rebuilt (history from the demand rows, days from the
    /// forecast), then the global pass and metrics run over all of them.
    public func merge(_ passes: [ShardPass], shopID: Int64, asOf: CivilDate) async throws -> Computed {
        try options.validate()
        let started = ContinuousClock.now
        let rows = try await demand.stockedDemand(shopID: shopID, variantID: nil, locationID: nil, throughDay: asOf.description)
        var inputs: [String: SeriesInput] = [:]
        for input in Self.group(rows) { inputs["\(input.variantID)@\(input.locationID)"] = input }
        let levels = options.levels.sorted()
        var outcomes: [SeriesOutcome] = []
        for stored in passes.flatMap(\.outcomes) {
            var series = ForecastSeries(
                variantID: stored.variantID, locationID: stored.locationID, historyStartDay: stored.historyStartDay,
                historyDays: stored.historyDays, censoredDays: stored.censoredDays, expectedUnits: 0)
            series.error = stored.error
            var outcome = SeriesOutcome(series: series)
            if stored.hasHistory, let input = inputs["\(stored.variantID)@\(stored.locationID)"] {
                outcome.history = try DemandHistory(rows: input.rows, through: asOf, imputation: options.imputation)
            }
            if let mean = stored.mean, stored.error == nil {
                let intervals = zip(stored.levels ?? [], zip(stored.lower ?? [], stored.upper ?? [])).map {
                    PredictionInterval(level: $0.0, lower: $0.1.0, upper: $0.1.1)
                }
                let forecast = Forecast(mean: mean, intervals: intervals)
                series.days = try Self.days(forecast, asOf: asOf, horizon: options.horizon, levels: levels)
                series.expectedUnits = series.days.reduce(0) { $0 + $1.mean }
                outcome.series = series
                outcome.forecast = forecast
            }
            outcomes.append(outcome)
        }
        return try await finish(outcomes, inputCount: passes.reduce(0) { $0 + $1.inputCount }, shopID: shopID, asOf: asOf, started: started)
    }

    /// Stores a merged run as `run` stores its own.
    @discardableResult
    public func saveMerged(_ computed: Computed) async throws -> ForecastRun {
        try await save(computed)
    }
}
