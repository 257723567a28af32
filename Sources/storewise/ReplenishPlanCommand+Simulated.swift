import Commerce
import Forecasting
import Foundation
import Pipeline
import Simulation
import Storage

extension ReplenishPlanCommand {
    /// `--simulated N`: times planning N variant × location pairs of a synthetic shop (N / 4
    /// variants at 4 locations, simulator demand): first the forecasts (the forecast run a plan
    /// reads, timed apart), then the plan itself (join, per-item policy and health on worker
    /// threads, ABC/XYZ, transfers, drafts) and storing it in a fresh SQLite file.
    func planSimulated(_ count: Int, threads: Int) async throws {
        var simulation = SimulationConfiguration.demo
        simulation.days = 400
        let simulator = DemandSeriesSimulator(configuration: simulation)
        let asOf = CivilDate("2026-06-30")!
        let horizon = 28
        let levels: [Double] = [50, 67, 95, 99]
        let model = AutoForecaster(seasonLength: 7)

        // 1. Forecasts and the recent history the plan reads, one series per pair.
        let progress = ProgressPrinter(label: "forecast simulated", total: count)
        let done = AtomicCounter()
        let forecastStart = Date()
        let chunks = (0..<threads).map { worker in Array(stride(from: worker, to: count, by: threads)) }
        let perWorker = await withTaskGroup(of: [(Int, ForecastSeries, [StockedDemandDay])].self) { group in
            for chunk in chunks {
                group.addTask {
                    chunk.map { i in
                        let sales = simulator.series(i)
                        let (variant, location) = (Int64(i / 4 + 1), Int64(i % 4 + 1))
                        var days: [ForecastDay] = []
                        if let f = try? model.forecast(sales, horizon: horizon, levels: levels) {
                            let sorted = f.intervals.sorted { $0.level < $1.level }
                            days = (0..<horizon).map { h in
                                ForecastDay(day: asOf.adding(days: h + 1).description, mean: f.mean[h],
                                            lower: sorted.map { $0.lower[h] }, upper: sorted.map { $0.upper[h] })
                            }
                        }
                        let series = ForecastSeries(
                            variantID: variant, locationID: location, historyStartDay: asOf.adding(days: 1 - sales.count).description,
                            historyDays: sales.count, censoredDays: 0, expectedUnits: days.reduce(0) { $0 + $1.mean },
                            error: days.isEmpty ? "not forecast" : nil, days: days)
                        // The last 91 days as sparse demand rows: what velocity, ABC and XYZ read.
                        let rows = sales.suffix(91).enumerated().compactMap { offset, units -> StockedDemandDay? in
                            guard units > 0 else { return nil }
                            return StockedDemandDay(variantID: variant, locationID: location,
                                                    day: asOf.adding(days: offset - 90).description, units: Int(units), inStock: true, availableEnd: nil)
                        }
                        let n = done.add(1)
                        if n % 1000 == 0 { progress.update(n) }
                        return (i, series, rows)
                    }
                }
            }
            var all: [[(Int, ForecastSeries, [StockedDemandDay])]] = []
            for await part in group { all.append(part) }
            return all
        }
        progress.finish(count)
        let forecastSeconds = Date().timeIntervalSince(forecastStart)
        var ordered = perWorker.flatMap { $0 }
        ordered.sort { $0.0 < $1.0 }
        let forecasts = ordered.map(\.1)
        let demand = ordered.flatMap(\.2)
        let snapshot = forecasts.map { series in
            // Stock somewhere between none and five weeks of the forecast, so every status occurs.
            let weeks = Double((series.variantID &* 7 &+ series.locationID) % 6) * 7
            let available = Int((series.expectedUnits / Double(horizon) * weeks).rounded())
            return InventoryRow(
                variantID: series.variantID, locationID: series.locationID, productID: series.variantID,
                productTitle: "Product \(series.variantID)", variantTitle: "Default Title", sku: "SKU-\(series.variantID)",
                vendor: "Vendor \(series.variantID % 40)", productType: nil, priceMinor: 1_000 + series.variantID % 90 * 100,
                currency: "USD", locationName: "Location \(series.locationID)", available: available, committed: 0)
        }

        // 2. The plan, in memory.
        var options = try await Settings.load(arguments: configuration).replenishmentOptions()
        options.threads = threads
        let planStart = Date()
        let result = await ReplenishmentJob.plan(
            snapshot: snapshot, onOrder: [:], settings: SettingsResolver([]), forecasts: forecasts, levels: levels,
            demand: demand, asOf: asOf, shopID: 1, now: Date(), options: options)
        let planSeconds = Date().timeIntervalSince(planStart)

        // 3. Stored, as the job does.
        let (store, directory) = try SQLiteStore.temporary()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shop = try await store.createShop(Shop(domain: "bench.myshopify.com", name: "Bench", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "bench", apiTokenHash: "bench", at: Date())
        let saveStart = Date()
        let drafts = result.drafts.map { draft -> PurchaseOrderDraft in
            var copy = draft
            copy.shopID = shop.id
            return copy
        }
        _ = try await store.saveReplenishmentPlan(
            ReplenishmentPlanRun(shopID: shop.id, forecastRunID: 0, createdAt: Date(), asOfDay: asOf.description,
                                 lineCount: result.lines.count, orderLineCount: result.lines.filter { $0.suggestedQuantity > 0 }.count,
                                 durationSeconds: planSeconds, metrics: result.metrics),
            lines: result.lines, transfers: result.transfers, drafts: drafts, keepPlans: 1)
        let saveSeconds = Date().timeIntervalSince(saveStart)
        let peak = PeakMemory.residentMegabytes()
        let toOrder = result.lines.filter { $0.suggestedQuantity > 0 }.count
        say("\(count) variant × location pairs on \(threads) threads: forecasts \(String(format: "%.1f", forecastSeconds)) s (the forecast run, apart); "
            + "plan \(String(format: "%.2f", planSeconds)) s, store \(String(format: "%.2f", saveSeconds)) s; "
            + "\(toOrder) to order on \(result.drafts.count) drafts, \(result.transfers.count) transfers, \(result.failed) failed; peak memory \(Int(peak)) MB.")
        if let failure = result.lines.first(where: { $0.reason.hasPrefix("Could not plan") }) { say("First failure: \(failure.reason)") }
        let total = planSeconds + saveSeconds
        say("RESULT plan_\(count)_pairs \(String(format: "%.1f", total)) s target < 60 \(total < 60 ? "met" : "missed")")
    }
}
