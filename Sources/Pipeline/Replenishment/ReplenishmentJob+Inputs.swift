import Commerce
import Forecasting
import Replenishment
import Storage

extension ReplenishmentJob {
    /// One variant × location ready to plan: its catalog row, resolved settings, the planner's
    /// input (nil when it is not planned, with the reason), and what ABC / XYZ grade it on.
    struct PlanningItem: Sendable {
        var row: InventoryRow
        var onOrder: Int
        var settings: ReplenishmentOverrides
        var unitCost: Double
        var input: ItemPlanInput?
        var skipReason: String?
        /// Revenue (minor units) over the ABC window, and units per week over the XYZ weeks.
        var recentRevenue: Double
        var weeklyUnits: [Double]
    }

    enum Outcome: Sendable {
        case planned(ItemPlan)
        case failure(String)
        case skipped
    }

    struct PlannedItem: Sendable {
        var item: PlanningItem
        var outcome: Outcome
    }

    static func plan(_ item: PlanningItem) -> Outcome {
        guard let input = item.input else { return .skipped }
        do { return .planned(try ItemPlanner.plan(input)) } catch { return .failure("\(error)") }
    }

    /// Joins the snapshot with on-order units, settings, forecasts and demand history.
    static func items(
        snapshot: [InventoryRow], onOrder: [VariantLocation: Int], resolver: SettingsResolver, forecasts: [ForecastSeries],
        levels: [Double], rows: [StockedDemandDay], asOf: CivilDate, options: Options
    ) -> [PlanningItem] {
        var forecastByKey: [VariantLocation: ForecastSeries] = [:]
        forecastByKey.reserveCapacity(forecasts.count)
        for series in forecasts { forecastByKey[VariantLocation(variantID: series.variantID, locationID: series.locationID)] = series }
        var rowsByKey: [VariantLocation: ArraySlice<StockedDemandDay>] = [:]
        var start = 0
        for index in rows.indices where index + 1 == rows.count
            || rows[index + 1].variantID != rows[index].variantID || rows[index + 1].locationID != rows[index].locationID {
            rowsByKey[VariantLocation(variantID: rows[index].variantID, locationID: rows[index].locationID)] = rows[start...index]
            start = index + 1
        }

        return snapshot.map { row in
            let key = VariantLocation(variantID: row.variantID, locationID: row.locationID)
            let settings = resolver.resolve(variantID: row.variantID, locationID: row.locationID, vendor: row.vendor)
            let price = Double(row.priceMinor)
            let unitCost = settings.unitCostMinor.map(Double.init) ?? price * (settings.costShare ?? 0.5)
            let history = rowsByKey[key].flatMap { try? DemandHistory(rows: $0, through: asOf) }
            let observed = history?.observed ?? []
            let inStock = history?.censored.map { !$0 } ?? []
            let revenue = observed.suffix(options.abcWindowDays).reduce(0, +) * price
            let weekly = weeklyUnits(observed, weeks: options.xyzWeeks)
            var item = PlanningItem(row: row, onOrder: onOrder[key] ?? 0, settings: settings, unitCost: unitCost, input: nil,
                                    skipReason: nil, recentRevenue: revenue, weeklyUnits: weekly)
            if settings.excluded == true {
                item.skipReason = "Excluded from replenishment by a setting."
                return item
            }
            guard let available = row.available else {
                item.skipReason = "Inventory is not tracked at this location."
                return item
            }
            let service: ServiceChoice = if settings.newsvendor == true { .newsvendor }
                else if let fill = settings.fillRate { .fillRate(fill) }
                else { .cycleServiceLevel(settings.serviceLevel ?? 0.95) }
            let forecast = forecastByKey[key].flatMap { series -> DailyForecast? in
                guard series.error == nil, !series.days.isEmpty else { return nil }
                return DailyForecast(means: series.days.map(\.mean), lower: series.days.map(\.lower),
                                     upper: series.days.map(\.upper), levels: levels)
            } ?? .none
            item.input = ItemPlanInput(
                history: observed, inStock: inStock, forecast: forecast, onHand: available + row.committed,
                onOrder: item.onOrder, committed: row.committed,
                leadTime: LeadTime(meanDays: settings.leadTimeDays ?? 14, standardDeviationDays: settings.leadTimeSDDays ?? 0),
                reviewPeriodDays: settings.reviewPeriodDays ?? 7, service: service,
                constraints: OrderConstraints(
                    casePack: settings.casePack ?? 1, minimumOrderQuantity: settings.minimumOrderQuantity ?? 0,
                    minimumStock: settings.minimumStock, maximumStock: settings.maximumStock,
                    reorderPointOverride: settings.reorderPoint),
                orderCost: settings.orderCostMinor.map(Double.init), holdingCostRate: settings.holdingCostRate ?? 0.25,
                unitPrice: price, unitCost: unitCost, overstockDays: settings.overstockDays ?? 120,
                deadStockDays: settings.deadStockDays ?? 90, velocityWindow: options.velocityWindow,
                intervalSpread: settings.intervalSpread ?? 1,
                daysListed: row.listedAt.map { listed in
                    max(0, asOf.dayNumber - CivilDate(dayNumber: Int((listed.timeIntervalSince1970 / 86_400).rounded(.down))).dayNumber)
                })
            return item
        }
    }

    /// Units per week over the last `weeks` whole weeks (zeros before the first sale).
    static func weeklyUnits(_ daily: [Double], weeks: Int) -> [Double] {
        var result = Array(repeating: 0.0, count: weeks)
        for (offset, units) in daily.suffix(weeks * 7).reversed().enumerated() {
            result[weeks - 1 - offset / 7] += units
        }
        return result
    }
}
