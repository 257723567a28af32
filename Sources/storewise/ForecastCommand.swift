import ArgumentParser
import Commerce
import Foundation
import Pipeline
import Storage

/// `storewise forecast`: forecast every variant × location of a shop and store the run.
struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast daily demand of a shop's variants × locations, of M5-layout files, or of simulated series.",
        discussion: """
        With --shop: every variant × location of the shop, stored as a run. Out-of-stock days count \
        as censored demand, not as zero. The run is served by GET /api/v1/forecasts and the \
        dashboard's forecast page. Defaults come from forecast.horizon, forecast.threads and \
        forecast.keepRuns.
        With --m5 DIR: the series of sales_train*.csv (M5 layout) with the --models given, forecasts \
        written as CSV to --out; --repeat N times the passes again (warm) and --json prints one \
        timing line per model, as scripts/bench-forecast reads them.
        With --simulated N: N daily series from the store simulator, forecast by the automatic \
        forecaster; prints series per second and peak memory.
        """
    )

    @Option(help: "The shop's domain.") var shop: String?
    @Option(help: "Folder with M5-layout CSVs (sales_train*.csv, calendar*.csv, sell_prices*.csv).") var m5: String?
    @Option(help: "With --m5: days of each series to train on (default: all).") var trainDays: Int?
    @Option(help: "With --m5: comma-separated models (see storewise backtest --help).") var models = "Auto"
    @Option(help: "With --m5: write forecasts to this CSV file.") var out: String?
    @Option(help: "With --m5: time this many further (warm) passes per model.") var `repeat` = 0
    @Flag(help: "With --m5: print one JSON timing line per model.") var json = false
    @Option(help: "Forecast this many simulated series instead of a shop.") var simulated: Int?
    @Option(help: "With --simulated: days of history per series.") var days = 730
    @Option(help: "Last day of history to use, YYYY-MM-DD (default: the shop's latest day with demand).") var asOf: String?
    @Option(help: "Days to forecast (default: forecast.horizon, 28).") var horizon: Int?
    @Option(help: "Worker threads (default: forecast.threads, all cores).") var threads: Int?
    @Flag(help: "With --shop: do not plan replenishment after the forecast.") var noReplenish = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        let modes = [shop != nil, m5 != nil, simulated != nil].filter { $0 }.count
        if modes != 1 { throw ValidationError("give exactly one of --shop, --m5 and --simulated") }
        if let simulated, simulated < 1 { throw ValidationError("--simulated must be at least 1, got \(simulated)") }
        if days < 28 { throw ValidationError("--days must be at least 28, got \(days)") }
        if `repeat` < 0 { throw ValidationError("--repeat must not be negative, got \(`repeat`)") }
        if let asOf, CivilDate(asOf) == nil { throw ValidationError("--as-of must be a day YYYY-MM-DD, got '\(asOf)'") }
        if let horizon, !(1...366).contains(horizon) { throw ValidationError("--horizon must be in 1...366, got \(horizon)") }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
    }

    func run() async throws {
        if let m5 { return try forecastM5(m5) }
        if let simulated { return try forecastSimulated(simulated) }
        guard let shop else { return }
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        var options = try runtime.settings.forecastOptions()
        if let horizon { options.horizon = horizon }
        if let threads { options.threads = threads }
        let run = try await Self.forecast(record, store: runtime.store, options: options, asOf: asOf.flatMap { CivilDate($0) })
        // Every forecast run is followed by a replenishment plan from it.
        if !noReplenish, run.status == .completed {
            try await ReplenishPlanCommand.plan(record, store: runtime.store, options: runtime.settings.replenishmentOptions(), forecastRunID: run.id)
        }
    }

    /// Runs the job with a progress line and prints the summary (also used by `storewise demo`).
    @discardableResult
    static func forecast(_ record: ShopRecord, store: any StorewiseStore, options: ForecastJob.Options, asOf: CivilDate? = nil) async throws -> ForecastRun {
        let method = ForecastMethod.standard
        let progress = JobProgress("forecast \(record.shop.domain)")
        let job = ForecastJob(demand: store, store: store, method: method, options: options)
        let run: ForecastRun
        do {
            run = try await job.run(shopID: record.id, asOf: asOf) { done, total in progress.report(done, total) }
        } catch let error as ForecastJobError {
            throw CLIError(error.description)
        }
        progress.finish(run.seriesCount, summary: "\(run.seriesCount) series")
        let failed = run.failedCount == 0 ? "" : " (\(run.failedCount) failed, see GET /api/v1/forecasts/runs)"
        say("Forecast run \(run.id) for \(record.shop.domain): \(run.seriesCount) series\(failed) in \(String(format: "%.2f", run.durationSeconds)) s, "
            + "model \(run.modelName) version \(run.modelVersion), as of \(run.asOfDay), \(run.horizon) days ahead, "
            + "\(Int((run.metrics["expected_units"] ?? 0).rounded())) units expected, "
            + String(format: "%.1f%%", (run.metrics["censored_share"] ?? 0) * 100) + " of history days out of stock.")
        return run
    }
}

extension Settings {
    /// `forecast.horizon`, `forecast.threads` and `forecast.keepRuns`.
    func forecastOptions() throws -> ForecastJob.Options {
        var options = ForecastJob.Options()
        options.horizon = try int("forecast.horizon", default: options.horizon, range: 1...366)
        options.threads = try int("forecast.threads", default: options.threads, range: 1...256)
        options.keepRuns = try int("forecast.keepRuns", default: options.keepRuns, range: 1...1000)
        return options
    }
}
