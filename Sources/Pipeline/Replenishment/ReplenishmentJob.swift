import Commerce
import Forecasting
import Foundation
import Logging
import Replenishment
import Storage

/// Plans a shop's replenishment from its latest forecast run and stores the plan: a line per
/// variant × location (stock, velocity, policy, suggestion, health, reason), transfer
/// suggestions between locations, and purchase-order drafts grouped by vendor.
///
/// Runs after each forecast run. Items are planned on worker threads (`ItemPlanner`, pure);
/// an item that cannot be planned is stored with its error as the reason and never fails the
/// plan. The plan is written in one transaction.
///
/// ```swift
/// let job = ReplenishmentJob(store: store)
/// let plan = try await job.run(shopID: shop.id)
/// ```
public struct ReplenishmentJob: Sendable {
    public typealias Store = ReplenishmentStore & ForecastStore & DemandHistoryReader

    public struct Options: Sendable, Hashable {
        /// Plans kept per shop (their purchase orders are always kept).
        public var keepPlans = 10
        public var threads = max(1, ProcessInfo.processInfo.activeProcessorCount)
        /// Days velocity is measured over (in-stock days only).
        public var velocityWindow = 28
        /// Days of revenue ABC classes are graded on (Stocky grades on the last 8 weeks).
        public var abcWindowDays = 56
        /// Weeks of demand XYZ classes are graded on.
        public var xyzWeeks = 13
        /// Smallest transfer suggested between two locations, in units.
        public var minimumTransfer = 2
        /// Days of demand history read (velocity, SBC class, ABC/XYZ and days since the last sale
        /// need at most a year); bounds memory on shops with a long history.
        public var historyDays = 400

        public init() {}

        public func validate() throws {
            func check(_ ok: Bool, _ name: String, _ reason: String) throws {
                if !ok { throw ReplenishmentJobError.invalidOption(name: name, reason: reason) }
            }
            try check(keepPlans >= 1, "keepPlans", "must be at least 1, got \(keepPlans)")
            try check(threads >= 1, "threads", "must be at least 1, got \(threads)")
            try check(velocityWindow >= 1, "velocityWindow", "must be at least 1, got \(velocityWindow)")
            try check(abcWindowDays >= 7, "abcWindowDays", "must be at least 7, got \(abcWindowDays)")
            try check(xyzWeeks >= 2, "xyzWeeks", "must be at least 2, got \(xyzWeeks)")
            try check(minimumTransfer >= 1, "minimumTransfer", "must be at least 1, got \(minimumTransfer)")
            try check(historyDays >= 91, "historyDays", "must be at least 91, got \(historyDays)")
        }
    }

    let store: any Store
    let options: Options
    let logger: Logger

    public init(store: any Store, options: Options = Options(), logger: Logger = Logger(label: "storewise.replenishment")) {
        self.store = store
        self.options = options
        self.logger = logger
    }

    /// Plans the shop from `forecastRunID` (default: its latest completed run) and stores the plan.
    /// `progress(done, total)` is called from worker threads as items finish.
    @discardableResult
    public func run(shopID: Int64, forecastRunID: Int64? = nil, now: Date = Date(),
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> ReplenishmentPlanRun {
        try options.validate()
        let started = ContinuousClock.now
        let forecastRun: ForecastRun
        if let forecastRunID {
            guard let run = try await store.forecastRun(shopID: shopID, id: forecastRunID) else {
                throw ReplenishmentJobError.unknownForecastRun(shopID: shopID, runID: forecastRunID)
            }
            forecastRun = run
        } else {
            guard let run = try await store.latestForecastRun(shopID: shopID) else { throw ReplenishmentJobError.noForecast(shopID: shopID) }
            forecastRun = run
        }
        guard let asOf = CivilDate(forecastRun.asOfDay) else {
            throw ReplenishmentJobError.unknownForecastRun(shopID: shopID, runID: forecastRun.id)
        }
        let snapshot = try await store.inventorySnapshot(shopID: shopID)
        let onOrder = try await store.unitsOnOrder(shopID: shopID)
        let resolver = SettingsResolver(try await store.replenishmentSettings(shopID: shopID))
        let forecasts = try await store.forecastSeriesWithDays(shopID: shopID, runID: forecastRun.id)
        let rows = try await store.stockedDemand(
            shopID: shopID, variantID: nil, locationID: nil, fromDay: asOf.adding(days: 1 - options.historyDays).description,
            throughDay: asOf.description)
        try Task.checkCancellation()

        let result = await Self.plan(
            snapshot: snapshot, onOrder: onOrder, settings: resolver, forecasts: forecasts, levels: forecastRun.levels,
            demand: rows, asOf: asOf, shopID: shopID, now: now, options: options, progress: progress)
        try Task.checkCancellation()
        let elapsed = started.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var metrics = result.metrics
        metrics["failed"] = Double(result.failed)
        metrics["seconds"] = seconds
        let run = ReplenishmentPlanRun(
            shopID: shopID, forecastRunID: forecastRun.id, createdAt: now, asOfDay: asOf.description,
            lineCount: result.lines.count, orderLineCount: result.lines.filter { $0.suggestedQuantity > 0 }.count,
            durationSeconds: seconds, metrics: metrics)
        let saved = try await store.saveReplenishmentPlan(
            run, lines: result.lines, transfers: result.transfers, drafts: result.drafts, keepPlans: options.keepPlans)
        logger.info("replenishment plan stored", metadata: [
            "shop_id": "\(shopID)", "plan_id": "\(saved.id)", "forecast_run_id": "\(forecastRun.id)",
            "lines": "\(result.lines.count)", "to_order": "\(run.orderLineCount)", "purchase_orders": "\(result.drafts.count)",
            "transfers": "\(result.transfers.count)", "seconds": "\(String(format: "%.2f", seconds))",
        ])
        return saved
    }

    /// What a plan holds before it is stored.
    public struct PlanResult: Sendable {
        public var lines: [ReplenishmentLine]
        public var transfers: [TransferSuggestion]
        public var drafts: [PurchaseOrderDraft]
        public var metrics: [String: Double]
        /// Items whose planning threw (stored with the error as their reason).
        public var failed: Int
    }

    /// The in-memory part of a run: joins the inputs, plans every item on `options.threads`
    /// worker threads, then classifies, transfers and drafts purchase orders. No I/O, so a
    /// benchmark can time it on synthetic shops.
    public static func plan(
        snapshot: [InventoryRow], onOrder: [VariantLocation: Int], settings: SettingsResolver, forecasts: [ForecastSeries],
        levels: [Double], demand: [StockedDemandDay], asOf: CivilDate, shopID: Int64, now: Date, options: Options,
        progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) async -> PlanResult {
        let items = Self.items(snapshot: snapshot, onOrder: onOrder, resolver: settings, forecasts: forecasts,
                               levels: levels, rows: demand, asOf: asOf, options: options)
        let total = items.count
        let outcomes = await WorkerThreads.map(items, threads: options.threads, progress: { progress($0, total) }) { item in
            Self.plan(item)
        }
        let planned = zip(items, outcomes).map { item, outcome in
            PlannedItem(item: item, outcome: outcome ?? .failure("planning was cancelled"))
        }
        let assembly = Self.assemble(planned, shopID: shopID, asOf: asOf, now: now, options: options)
        let failed = planned.filter { if case .failure = $0.outcome { true } else { false } }.count
        return PlanResult(lines: assembly.lines, transfers: assembly.transfers, drafts: assembly.drafts,
                          metrics: assembly.metrics, failed: failed)
    }
}
