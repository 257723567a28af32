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
    /// (a window ending earlier, for calibration).
    static func m5(_ directory: String, limit: Int?, dropLast: Int) throws -> ReplenishSimulateData {
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
        let note = "value = the week's sell price (M5 has no cost)" + (unpriced > 0 ? "; \(unpriced) series without any price valued at 1" : "")
        return ReplenishSimulateData(name: "m5", series: series, valueNote: note)
    }

    /// `count` series of the store simulator's demand (`DemandSeriesSimulator`, demo
    /// configuration, `seed`), long enough for the window plus a year of history, valued at the
    /// unit cost of a catalog item of the demo store (series i takes merchandise item
    /// i mod the item count). Series with no demand in the 91 days before the window are skipped
    /// (items not yet launched: no rule here can stock an item that has never sold), so the first
    /// `count` series that sold are used.
    static func simulated(_ count: Int, windowDays: Int, dropLast: Int, seed: UInt64) throws -> ReplenishSimulateData {
        var configuration = SimulationConfiguration.demo
        configuration.seed = seed
        configuration.days = max(730, windowDays + dropLast + 366)
        let simulator = DemandSeriesSimulator(configuration: configuration)
        let store = StoreSimulator(configuration: configuration)
        let costs = store.catalog.filter { !$0.isGiftCard }.map { Double($0.cost.minorUnits) / 100 }
        guard !costs.isEmpty else { throw CLIError("the simulated catalog has no merchandise") }
        let days = simulator.days - dropLast
        let windowStart = days - windowDays
        var series: [SimulationSeries] = []
        var skipped = 0
        var index = 0
        while series.count < count {
            let demand = Array(simulator.series(index).prefix(days))
            if demand[max(0, windowStart - 91)..<windowStart].contains(where: { $0 > 0 }) {
                series.append(SimulationSeries(id: "sim-\(index)", demand: demand, unitValue: costs[index % costs.count]))
            } else {
                skipped += 1
            }
            index += 1
        }
        let note = "value = unit cost of a demo-store item (\(costs.count) items, \(configuration.currency)); "
            + "\(skipped) series skipped for no sales in the 91 days before the window"
        return ReplenishSimulateData(name: "simulated", series: series, valueNote: note)
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
