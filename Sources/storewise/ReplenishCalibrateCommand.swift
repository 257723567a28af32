import ArgumentParser
import Commerce
import Forecasting
import Foundation
import Pipeline
import Replenishment
import Storage

/// `storewise replenish calibrate`: fit the shop's interval spread by replaying its own recent
/// history through the inventory simulation, and store it as the shop's `intervalSpread`.
struct ReplenishCalibrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Fit the shop's interval spread so achieved service levels match the targets.",
        discussion: """
        Per-day forecast intervals summed over a lead time understate demand whose errors persist \
        from day to day, so a 95 % target can achieve less. This replays the last --days days of \
        the shop's demand (forecasts only from the days before each review) at 90/95/98 % with \
        spread factors 0.8…1.6 and stores the one whose achieved cycle service levels are closest \
        to the targets as the shop setting intervalSpread (see docs/replenishment.md). Needs \
        --days plus 120 days of history on the series it uses.
        """
    )

    @Option(help: "The shop's domain.") var shop: String
    @Option(help: "Days replayed (the calibration window).") var days = 182
    @Option(help: "At most this many series (the best sellers), to bound the time.") var series = 300
    @Option(help: "Comma-separated lead times in days (default: the shop's median lead time setting).") var leadTimes: String?
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Flag(help: "Print the fit without storing it.") var dryRun = false
    @Argument(parsing: .allUnrecognized) var configuration: [String] = []

    func validate() throws {
        guard (28...730).contains(days) else { throw ValidationError("--days must be in 28...730, got \(days)") }
        guard series >= 1 else { throw ValidationError("--series must be at least 1, got \(series)") }
        if let leadTimes, leadTimes.split(separator: ",").contains(where: { Int($0.trimmingCharacters(in: .whitespaces)).map { $0 < 0 || $0 > 365 } ?? true }) {
            throw ValidationError("--lead-times must be comma-separated days in 0...365, got '\(leadTimes)'")
        }
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be in 1...256, got \(threads)") }
    }

    func run() async throws {
        let (runtime, _) = try await Runtime.start(arguments: configuration)
        let record = try await runtime.shop(shop)
        let list = leadTimes.map { $0.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
        try await Self.calibrate(record, store: runtime.store, days: days, series: series, leadTimes: list,
                                 threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, dryRun: dryRun)
    }

    /// Fits and (unless `dryRun`) stores the shop's interval spread; returns it (also used by the demo).
    @discardableResult
    static func calibrate(_ record: ShopRecord, store: any StorewiseStore, days: Int, series: Int, leadTimes: [Int]?, threads: Int, dryRun: Bool) async throws -> Double {
        let shop = record.shop.domain
        guard let latest = try await store.latestDemandDay(shopID: record.id).flatMap({ CivilDate($0) }) else {
            throw CLIError("shop \(shop) has no demand yet")
        }
        let snapshot = try await store.inventorySnapshot(shopID: record.id)
        let resolver = SettingsResolver(try await store.replenishmentSettings(shopID: record.id))
        var price: [VariantLocation: Double] = [:]
        var leads: [Double] = []
        for row in snapshot {
            price[VariantLocation(variantID: row.variantID, locationID: row.locationID)] = Double(row.priceMinor)
            leads.append(resolver.resolve(variantID: row.variantID, locationID: row.locationID, vendor: row.vendor).leadTimeDays ?? 14)
        }
        let shopSettings = resolver.resolve(variantID: -1, locationID: -1, vendor: nil)
        let review = shopSettings.reviewPeriodDays ?? 7
        let leadTimeList = leadTimes ?? [Int((leads.sorted().dropFirst(leads.count / 2).first ?? 14).rounded())]

        // Every pair's dense, stockout-imputed daily demand; the best sellers with enough history.
        let rows = try await store.stockedDemand(shopID: record.id, variantID: nil, locationID: nil, throughDay: latest.description)
        var candidates: [(units: Double, series: SimulationSeries)] = []
        var start = 0
        for index in rows.indices where index + 1 == rows.count
            || rows[index + 1].variantID != rows[index].variantID || rows[index + 1].locationID != rows[index].locationID {
            let key = VariantLocation(variantID: rows[index].variantID, locationID: rows[index].locationID)
            defer { start = index + 1 }
            guard let history = try? DemandHistory(rows: rows[start...index], through: latest), history.count >= days + 120 else { continue }
            let window = history.values.suffix(days)
            guard window.contains(where: { $0 > 0 }) else { continue }
            candidates.append((window.reduce(0, +), SimulationSeries(id: "\(key.variantID)@\(key.locationID)", demand: history.values, unitValue: price[key] ?? 1)))
        }
        candidates.sort { $0.units > $1.units }
        let chosen = candidates.prefix(series).map(\.series)
        guard !chosen.isEmpty else {
            throw CLIError("no series of \(shop) has \(days + 120) days of history with sales in the last \(days): shorten --days or wait for more history")
        }
        say("Calibrating \(shop) on \(chosen.count) series × the last \(days) days, lead time \(leadTimeList.map(String.init).joined(separator: "/")) d, review \(review) d, targets 90/95/98 %:")
        let calibration = try SpreadCalibration.run(
            chosen, days: days, review: review, leadTimes: leadTimeList, targets: [0.90, 0.95, 0.98],
            historyDays: 730, threads: threads) { trial in
            say(ReplenishSimulateCalibration.describe(trial))
        }
        guard let best = calibration.best else { throw CLIError("the calibration found nothing") }
        say("Best spread \(String(format: "%.2f", best.spread)).")
        guard !dryRun else { return best.spread }
        let existing = try await store.replenishmentSettings(shopID: record.id).first { $0.scope == .shop }?.overrides ?? ReplenishmentOverrides()
        var updated = existing
        updated.intervalSpread = best.spread
        try await store.saveReplenishmentSetting(shopID: record.id, ReplenishmentSetting(scope: .shop, key: "", overrides: updated))
        say("Stored as the shop's intervalSpread; the next plan uses it.")
        return best.spread
    }
}
