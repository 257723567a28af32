import Forecasting
import Foundation
import Replenishment
import Simulation

/// The demand the replenishment simulation runs on: real M5-layout files or simulator series.
struct ReplenishSimulateData {
    /// A short name for tables and JSON ("m5" or "simulated").
    var name: String
    var series: [SimulationSeries]
    /// How unit values were found, for the report.
    var valueNote: String

    /// Every series of the M5-layout files in `directory` (optionally the first `limit`), valued
    /// at the week's sell price: M5 has no cost, so on-hand value is at retail. A week without a
    /// price carries the last known one (the first known one before any); a series with no price
    /// at all is valued at 1 and counted in the note. `dropLast` days are cut from the end
    /// (a window ending earlier, for calibration). Unless `keepUnsold`, series without a sale in
    /// the 91 days before the window are left out (see `soldBeforeWindow`).
    static func m5(_ directory: String, limit: Int?, windowDays: Int, dropLast: Int, keepUnsold: Bool) throws -> ReplenishSimulateData {
        let dataset = try M5Workload.load(directory).dataset
        guard !dataset.calendar.isEmpty else { throw CLIError("\(directory) has no calendar*.csv: sell prices need its weeks") }
        let days = dataset.dayCount - dropLast
        guard days > 0 else { throw CLIError("--end-offset \(dropLast) leaves no day of the \(dataset.dayCount)") }
        guard dataset.calendar.count >= days else { throw CLIError("the calendar has \(dataset.calendar.count) days for \(days) days of sales") }
        var unpriced = 0
        let rows = dataset.series.prefix(limit ?? dataset.series.count)
        let series = rows.map { row -> SimulationSeries in
            let weekly = dataset.prices[row.storeID + "|" + row.itemID] ?? [:]
            let firstKnown = dataset.calendar.prefix(days).lazy.compactMap { weekly[$0.week] }.first
            if firstKnown == nil { unpriced += 1 }
            var price = firstKnown ?? 1
            let values = dataset.calendar.prefix(days).map { day -> Double in
                if let p = weekly[day.week] { price = p }
                return price
            }
            return SimulationSeries(id: row.id, demand: Array(row.sales.prefix(days)), unitValue: values)
        }
        var note = "value = the week's sell price (M5 has no cost)" + (unpriced > 0 ? "; \(unpriced) series without any price valued at 1" : "")
        var kept = series
        if !keepUnsold {
            kept = series.filter { soldBeforeWindow($0, windowDays: windowDays) }
            note += "; \(series.count - kept.count) series skipped for no sales in the 91 days before the window"
        }
        return ReplenishSimulateData(name: "m5", series: kept, valueNote: note)
    }

    /// `count` series of the store simulator's demand (`DemandSeriesSimulator`, demo
    /// configuration, `seed`), 366 + 2 × `windowDays` days long, valued at the
    /// unit cost of a catalog item of the demo store (series i takes merchandise item
    /// i mod the item count). Unless `keepUnsold`, series with no demand in the 91 days before the
    /// window are skipped, so the first `count` series that sold are used.
    static func simulated(_ count: Int, windowDays: Int, dropLast: Int, seed: UInt64, keepUnsold: Bool) throws -> ReplenishSimulateData {
        var configuration = SimulationConfiguration.demo
        configuration.seed = seed
        // Fixed length whatever `dropLast` is (a series depends on the length through its launch
        // day): a year of history, the year before the window (for calibration), the window.
        configuration.days = 366 + 2 * windowDays
        guard dropLast <= windowDays else { throw CLIError("--end-offset must be at most --days (\(windowDays)) with --simulated, got \(dropLast)") }
        let simulator = DemandSeriesSimulator(configuration: configuration)
        let store = StoreSimulator(configuration: configuration)
        let costs = store.catalog.filter { !$0.isGiftCard }.map { Double($0.cost.minorUnits) / 100 }
        guard !costs.isEmpty else { throw CLIError("the simulated catalog has no merchandise") }
        let days = simulator.days - dropLast
        var series: [SimulationSeries] = []
        var skipped = 0
        var index = 0
        while series.count < count {
            let demand = Array(simulator.series(index).prefix(days))
            let candidate = SimulationSeries(id: "sim-\(index)", demand: demand, unitValue: costs[index % costs.count])
            if keepUnsold || soldBeforeWindow(candidate, windowDays: windowDays) {
                series.append(candidate)
            } else {
                skipped += 1
            }
            index += 1
        }
        let note = "value = unit cost of a demo-store item (\(costs.count) items, \(configuration.currency))"
            + (keepUnsold ? "" : "; \(skipped) series skipped for no sales in the 91 days before the window")
        return ReplenishSimulateData(name: "simulated", series: series, valueNote: note)
    }

    /// Whether the series sold anything in the 91 days before the window. One that did not is an
    /// item not yet launched or long out of stock at the start: every rule here (Storewise's
    /// forecast, Stocky's 30-day rate, the fixed max from the same 91 days) then plans zero,
    /// observes nothing (no stock, no sales) and never orders, so such series measure the
    /// launch decision, not reordering, and are left out of every rule alike.
    static func soldBeforeWindow(_ series: SimulationSeries, windowDays: Int) -> Bool {
        let start = series.demand.count - windowDays
        return series.demand[max(0, start - 91)..<start].contains { $0 > 0 }
    }

    static let perSeriesHeader = "dataset,lead_time,series,class,window_mean,rule,cycles,stockout_cycles,demanded,served,avg_units,avg_value,orders\n"

    /// CSV rows of every series × rule, with the series' SBC class over the history before the
    /// window and its mean daily demand inside it.
    static func perSeriesCSV(_ data: ReplenishSimulateData, windowDays: Int, lead: Int, rules: [String], each: [[SimulationMetrics]]) -> String {
        var text = ""
        for (series, perRule) in zip(data.series, each) {
            let start = series.demand.count - windowDays
            let kind = DemandClass.classify(Array(series.demand[..<start]))?.rawValue ?? "none"
            let mean = series.demand[start...].reduce(0, +) / Double(windowDays)
            for (rule, m) in zip(rules, perRule) {
                text += "\(data.name),\(lead),\(series.id),\(kind),\(mean),\(rule),\(m.cycles),\(m.stockoutCycles),\(m.demandedUnits),"
                    + "\(m.servedUnits),\(m.averageOnHandUnits),\(m.averageOnHandValue),\(m.orders)\n"
            }
        }
        return text
    }
}
