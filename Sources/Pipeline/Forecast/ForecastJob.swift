import Commerce
import Forecasting
import Foundation
import Logging
import Storage

/// Forecasts every variant × location of a shop from its daily demand and stores the run.
///
/// Each series is densified from its first sale to the as-of day, with out-of-stock days
/// censored and imputed (`DemandHistory`), then handed to the injected `ForecastMethod` on
/// worker threads (`options.threads` of them, off the async pool). A series whose model throws
/// or returns an unusable forecast is stored with its error; it never fails the run. The run
/// (model name and version, as-of day, horizon, levels, counts, duration, summary metrics) and
/// its forecasts are written in one transaction.
///
/// ```swift
/// let job = ForecastJob(demand: store, store: store, method: .standard)
/// let run = try await job.run(shopID: shop.id) { done, total in print(done, total) }
/// ```
public struct ForecastJob: Sendable {
    /// How a run forecasts.
    public struct Options: Sendable, Hashable {
        /// Days forecast after the as-of day.
        public var horizon = 28
        /// Interval coverages in percent; the default's bounds are the nine M5 quantiles.
        public var levels = QuantileLevels.intervalLevels(for: QuantileLevels.m5)
        /// Worker threads for the models.
        public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Runs kept per shop (the latest completed one always is).
        public var keepRuns = 10
        /// How censored days are filled.
        public var imputation = CensoredDemand()
        /// After the per-series pass, train the global gradient-boosted model once on the shop's
        /// panel and store per series the mean of both forecasts (on M5 the pair beats either
        /// alone). Only when the shop has `globalMinimumSeries` series with at least
        /// `globalMinimumHistoryDays` days of history; a global fit that fails is logged and the
        /// per-series forecasts are kept.
        public var globalModel = true
        /// Series with a long enough history the shop needs for the global model.
        public var globalMinimumSeries = 20
        /// Days of history (first sale through as-of) that count a series as long enough.
        public var globalMinimumHistoryDays = 120

        public init() {}

        /// Checks every option; the error names it.
        public func validate() throws {
            guard (1...366).contains(horizon) else { throw ForecastJobError.invalidOption(name: "horizon", reason: "must be in 1...366, got \(horizon)") }
            guard levels.allSatisfy({ $0 > 0 && $0 < 100 }) else {
                throw ForecastJobError.invalidOption(name: "levels", reason: "coverages must be in (0, 100), got \(levels)")
            }
            guard threads >= 1 else { throw ForecastJobError.invalidOption(name: "threads", reason: "must be at least 1, got \(threads)") }
            guard globalMinimumSeries >= 1 else {
                throw ForecastJobError.invalidOption(name: "globalMinimumSeries", reason: "must be at least 1, got \(globalMinimumSeries)")
            }
            guard globalMinimumHistoryDays >= 1 else {
                throw ForecastJobError.invalidOption(name: "globalMinimumHistoryDays", reason: "must be at least 1, got \(globalMinimumHistoryDays)")
            }
            guard keepRuns >= 1 else { throw ForecastJobError.invalidOption(name: "keepRuns", reason: "must be at least 1, got \(keepRuns)") }
            do { try imputation.validate() } catch {
                throw ForecastJobError.invalidOption(name: "imputation", reason: "\(error)")
            }
        }
    }

    let demand: any DemandHistoryReader
    let store: any ForecastStore
    let method: ForecastMethod
    let options: Options
    let logger: Logger

    public init(
        demand: any DemandHistoryReader, store: any ForecastStore, method: ForecastMethod = .standard,
        options: Options = Options(), logger: Logger = Logger(label: "storewise.forecast")
    ) {
        self.demand = demand
        self.store = store
        self.method = method
        self.options = options
        self.logger = logger
    }

    /// Forecasts the shop as of `asOf` (default: its latest day with demand) and stores the run.
    /// `progress(done, total)` is called from worker threads as series finish.
    @discardableResult
    public func run(shopID: Int64, asOf: CivilDate? = nil, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ForecastRun {
        try await save(try await forecasts(shopID: shopID, asOf: asOf, progress: progress))
    }

    /// Stores a computed run (keeping `options.keepRuns`) and logs it.
    @discardableResult
    func save(_ computed: Computed) async throws -> ForecastRun {
        let shopID = computed.run.shopID
        let run = computed.run, series = computed.series, failed = run.failedCount, seconds = run.durationSeconds
        let saved = try await store.saveForecastRun(run, series: series, keepRuns: options.keepRuns)
        for item in series.lazy.filter({ $0.error != nil }).prefix(5) {
            logger.debug("series not forecast", metadata: [
                "variant_id": "\(item.variantID)", "location_id": "\(item.locationID)", "error": "\(item.error ?? "")",
            ])
        }
        logger.info("forecast run stored", metadata: [
            "shop_id": "\(shopID)", "run_id": "\(saved.id)", "model": "\(run.modelName)", "series": "\(series.count)",
            "failed": "\(failed)", "seconds": "\(String(format: "%.2f", seconds))",
        ])
        return saved
    }

    /// What `forecasts` computed: the run (not stored: id 0), its series, and per series the
    /// in-sample history the model saw (parallel to `series`; empty when the series had none).
    public struct Computed: Sendable {
        public var run: ForecastRun
        public var series: [ForecastSeries]
        public var histories: [[Double]]
    }

    /// Forecasts the shop as of `asOf` (default: its latest day with demand) without storing
    /// anything: the holdout evaluation of the model lifecycle uses it, `run` stores its result.
    public func forecasts(shopID: Int64, asOf: CivilDate? = nil, progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Computed {
        try options.validate()
        let started = ContinuousClock.now
        var latest: CivilDate? = asOf
        if latest == nil { latest = try await demand.latestDemandDay(shopID: shopID).flatMap { CivilDate($0) } }
        guard let asOfDay = latest else { throw ForecastJobError.noDemand(shopID: shopID) }
        let rows = try await demand.stockedDemand(shopID: shopID, variantID: nil, locationID: nil, throughDay: asOfDay.description)
        let inputs = Self.group(rows)
        let completed = try await perSeries(inputs, asOf: asOfDay, progress: progress)
        return try await finish(completed, inputCount: inputs.count, shopID: shopID, asOf: asOfDay, started: started)
    }

    /// The per-series pass over `inputs` on the worker threads: the outcomes of the series that
    /// had sales by the as-of day, in input order.
    func perSeries(_ inputs: [SeriesInput], asOf asOfDay: CivilDate,
                   progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [SeriesOutcome] {
        let total = inputs.count
        let method = method, options = options
        let outcomes = await WorkerThreads.map(inputs, threads: options.threads, progress: { progress($0, total) }) { input in
            Self.forecast(input, asOf: asOfDay, method: method, options: options)
        }
        try Task.checkCancellation()
        return outcomes.compactMap { $0 }.filter { $0.series != nil }
    }

    /// The rest of a run after the per-series pass (of one process, or of every shard put back
    /// in input order): the global pass, the summary metrics and the run record.
    func finish(_ outcomes: [SeriesOutcome], inputCount: Int, shopID: Int64, asOf asOfDay: CivilDate,
                started: ContinuousClock.Instant) async throws -> Computed {
        var completed = outcomes
        let global = await globalPass(&completed, shopID: shopID, asOf: asOfDay)
        try Task.checkCancellation()
        let series = completed.compactMap(\.series)
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let failed = series.filter { $0.error != nil }.count
        var metrics = Self.metrics(series, withoutSales: inputCount - series.count, seconds: seconds)
        metrics.merge(global.metrics) { _, new in new }
        let run = ForecastRun(
            shopID: shopID, modelName: global.used ? method.name + "+GlobalGBT" : method.name,
            modelVersion: global.used ? method.version + "+global-1" : method.version, createdAt: Date(), asOfDay: asOfDay.description,
            horizon: options.horizon, levels: options.levels.sorted(), seriesCount: series.count, failedCount: failed,
            status: !series.isEmpty && failed == series.count ? .failed : .completed, durationSeconds: seconds,
            metrics: metrics)
        return Computed(run: run, series: series, histories: completed.map { $0.series == nil ? [] : ($0.history?.values ?? []) })
    }

    /// One variant × location's rows.
    struct SeriesInput: Sendable {
        var variantID: Int64
        var locationID: Int64
        var rows: ArraySlice<StockedDemandDay>
    }

    /// What a worker returns: nil series when nothing sold by the as-of day; the history and
    /// the unfloored forecast (when it succeeded) for the global pass.
    struct SeriesOutcome: Sendable {
        var series: ForecastSeries?
        var history: DemandHistory? = nil
        var forecast: Forecast? = nil
    }

    /// Splits rows ordered by variant, location and day into one input per variant × location.
    static func group(_ rows: [StockedDemandDay]) -> [SeriesInput] {
        var inputs: [SeriesInput] = []
        var start = 0
        for index in rows.indices where index + 1 == rows.count
            || rows[index + 1].variantID != rows[index].variantID || rows[index + 1].locationID != rows[index].locationID {
            inputs.append(SeriesInput(variantID: rows[index].variantID, locationID: rows[index].locationID, rows: rows[start...index]))
            start = index + 1
        }
        return inputs
    }
}
