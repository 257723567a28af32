import Dispatch
import Forecasting
import Foundation

/// Forecasting runs on files in the M5 layout, shared by `storewise forecast --m5` and
/// `storewise backtest`: any `sales_train*.csv` with its `calendar*.csv` and `sell_prices*.csv`.
struct M5Workload {
    let dataset: M5Dataset

    /// One model's forecasts for every series, and how long the passes took.
    struct ModelRun {
        var name: String
        var forecasts: [Forecast]
        /// The first pass in this process (includes one-time costs).
        var coldSeconds: Double
        /// The fastest of the repeated passes, when repeats were asked for.
        var warmSeconds: Double?
    }

    /// Reads the three files from `directory` (prices and calendar optional for local models).
    static func load(_ directory: String) throws -> M5Workload {
        let url = URL(fileURLWithPath: directory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        func file(_ prefix: String) -> URL? {
            names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".csv") }.sorted().first.map { url.appendingPathComponent($0) }
        }
        guard let sales = file("sales_train") else {
            throw CLIError("\(directory) has no sales_train*.csv (M5 layout: id,item_id,dept_id,cat_id,store_id,state_id,d_1,…)")
        }
        let series = try M5Dataset.parseSales(String(contentsOf: sales, encoding: .utf8), file: sales.lastPathComponent)
        let calendar = try file("calendar").map { try M5Dataset.parseCalendar(String(contentsOf: $0, encoding: .utf8), file: $0.lastPathComponent) } ?? []
        let prices = try file("sell_prices").map { try M5Dataset.parsePrices(String(contentsOf: $0, encoding: .utf8), file: $0.lastPathComponent) } ?? [:]
        guard !series.isEmpty else { throw CLIError("\(sales.path) has no series") }
        return M5Workload(dataset: M5Dataset(series: series, calendar: calendar, prices: prices))
    }

    /// Model names `run` understands besides the catalog's: the global model and its ensemble
    /// with the automatic forecaster.
    static let panelModels = ["Global", "Auto+Global"]

    /// Checks model names before any work starts.
    static func validate(_ specs: [String]) throws {
        for spec in specs where !panelModels.contains(spec) {
            do { _ = try ModelCatalog.model(spec) } catch { throw CLIError("--models: \(error)") }
        }
    }

    /// Forecasts `horizon` days after the first `trainDays` of every series with each model.
    func run(_ specs: [String], trainDays: Int, horizon: Int, levels: [Double], threads: Int, repeats: Int,
             progress: (String) -> Void) throws -> [ModelRun] {
        guard trainDays >= 2, trainDays <= dataset.dayCount else {
            throw CLIError("--train-days must be in 2...\(dataset.dayCount), got \(trainDays)")
        }
        let histories = dataset.series.map { Array($0.sales.prefix(trainDays)) }
        var runs: [ModelRun] = []
        for spec in specs {
            progress(spec)
            let pass: () throws -> [Forecast]
            switch spec {
            case "Global":
                pass = { try globalForecasts(trainDays: trainDays, horizon: horizon, levels: levels, threads: threads) }
            case "Auto+Global":
                pass = {
                    let auto = try Self.local(AutoForecaster(seasonLength: 7), histories, horizon, levels, threads)
                    let global = try globalForecasts(trainDays: trainDays, horizon: horizon, levels: levels, threads: threads)
                    return try zip(auto, global).map { a, g in try Ensemble.average(a, g) }
                }
            default:
                let model = try ModelCatalog.model(spec)
                pass = { try Self.local(model, histories, horizon, levels, threads) }
            }
            var start = DispatchTime.now()
            let forecasts = try pass()
            let cold = seconds(since: start)
            var warm: Double?
            for _ in 0..<repeats {
                start = DispatchTime.now()
                _ = try pass()
                warm = min(warm ?? .infinity, seconds(since: start))
            }
            runs.append(ModelRun(name: spec, forecasts: forecasts, coldSeconds: cold, warmSeconds: warm))
        }
        return runs
    }

    private func globalForecasts(trainDays: Int, horizon: Int, levels: [Double], threads: Int) throws -> [Forecast] {
        guard !dataset.calendar.isEmpty else { throw CLIError("the global model needs calendar*.csv beside the sales file") }
        let panel = try GlobalPanel.m5(dataset, historyDays: trainDays, horizon: horizon)
        var model = GlobalModel()
        model.parameters.threads = threads
        return try model.forecast(panel, levels: levels).forecasts
    }

    /// A local model over every history, on `threads` threads (series are independent).
    static func local(_ model: any ForecastModel, _ histories: [[Double]], _ horizon: Int, _ levels: [Double], _ threads: Int) throws -> [Forecast] {
        let results = ResultSlots<Forecast>(count: histories.count)
        let chunks = max(1, min(threads, histories.count))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var i = chunk
            while i < histories.count {
                results.set(i, Result { try model.forecast(histories[i], horizon: horizon, levels: levels) })
                i += chunks
            }
        }
        return try results.values(naming: histories.indices.map { "series \($0 + 1) (\(model.name))" })
    }

    private func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}

/// Results written by concurrent workers into their own slots.
final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Result<Value, any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    /// Every value, or the first failure with the name of the series that failed.
    func values(naming names: [String]) throws -> [Value] {
        try slots.enumerated().map { i, slot in
            switch slot {
            case .success(let value)?: return value
            case .failure(let error)?: throw CLIError("\(names[i]): \(error)")
            case nil: throw CLIError("\(names[i]): no result")
            }
        }
    }
}
