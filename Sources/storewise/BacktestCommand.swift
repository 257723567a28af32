import ArgumentParser
import Forecasting
import Foundation

/// `storewise backtest`: rolling-origin evaluation of forecasting models on data in M5 layout.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score forecasting models on M5-layout CSVs with rolling-origin windows.",
        discussion: """
        Each window cuts the history at an origin, forecasts --horizon days with every model and \
        scores them: mean RMSSE and MASE over the series (M5 scale, from the first sale), WRMSSE \
        over every aggregation level the labels allow (dollar weights from sell prices, when \
        present), WSPL and mean SPL over the nine M5 quantiles, and 95 % interval coverage. The last \
        window ends on the last day. Example, issue 4's check on m5_tiny (train d_1..d_1885):
          storewise backtest --m5 ../shared/data-forecast/m5_tiny --windows 1 --horizon 28
        Models: \(ModelCatalog.entries.map(\.name).joined(separator: ", ")), Global, Auto+Global.
        """
    )

    @Option(help: "Folder with sales_train*.csv, calendar*.csv and sell_prices*.csv (M5 layout).") var m5: String
    @Option(help: "Comma-separated models.") var models = (ModelCatalog.statsforecastReference + ["Auto", "Global", "Auto+Global"]).joined(separator: ",")
    @Option(help: "Rolling-origin windows.") var windows = 1
    @Option(help: "Days between origins (default: the horizon).") var step: Int?
    @Option(help: "Days forecast from each origin.") var horizon = 28
    @Option(help: "Days of every series to use (default: all); the windows end there.") var days: Int?
    @Option(help: "Worker threads for local models and XGBoost.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Write the per-model scores as CSV to this file.") var out: String?

    func validate() throws {
        guard windows >= 1 else { throw ValidationError("--windows must be at least 1, got \(windows)") }
        guard (1...366).contains(horizon) else { throw ValidationError("--horizon must be in 1...366, got \(horizon)") }
        if let step, step < 1 { throw ValidationError("--step must be at least 1, got \(step)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let workload = try M5Workload.load(m5)
        let modelSpecs = ModelCatalog.split(models)
        guard !modelSpecs.isEmpty else { throw CLIError("--models is empty") }
        try M5Workload.validate(modelSpecs)
        let end = days ?? workload.dataset.dayCount
        guard end <= workload.dataset.dayCount else { throw CLIError("--days must be at most \(workload.dataset.dayCount), got \(end)") }
        let step = self.step ?? horizon
        let origins = (0..<windows).map { end - horizon - (windows - 1 - $0) * step }
        guard let first = origins.first, first >= 28 else { throw CLIError("the first window would start at day \(origins.first ?? 0); use fewer --windows or a smaller --step") }
        let levels: [Double] = [50, 67, 95, 99]

        var rows: [String: BacktestScores] = [:]
        for (w, origin) in origins.enumerated() {
            say("Window \(w + 1)/\(windows): train d_1..d_\(origin), forecast d_\(origin + 1)..d_\(origin + horizon), \(workload.dataset.series.count) series")
            let truncated = M5Dataset(series: workload.dataset.series.map { var s = $0; s.sales = Array(s.sales.prefix(origin + horizon)); return s },
                                      calendar: workload.dataset.calendar, prices: workload.dataset.prices)
            let evaluator = try? HierarchyEvaluator.m5(truncated, trainDays: origin, horizon: horizon)
            let runs = try M5Workload(dataset: truncated).run(modelSpecs, trainDays: origin, horizon: horizon, levels: levels, threads: threads, repeats: 0) { name in
                FileHandle.standardError.write(Data("  \(name)…\n".utf8))
            }
            for run in runs {
                let scores = BacktestScores(run: run, dataset: truncated, origin: origin, horizon: horizon, evaluator: evaluator)
                rows[run.name, default: BacktestScores()].add(scores)
            }
        }
        let table = BacktestScores.table(modelSpecs.compactMap { name in rows[name].map { (name, $0) } })
        say(table)
        if let out {
            try BacktestScores.csv(modelSpecs.compactMap { name in rows[name].map { (name, $0) } }).write(toFile: out, atomically: true, encoding: .utf8)
            say("Scores written to \(out)")
        }
    }
}
