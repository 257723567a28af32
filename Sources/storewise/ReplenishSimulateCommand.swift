import ArgumentParser
import Dispatch
import Foundation
import Replenishment
import Synchronization

/// `storewise replenish simulate`: the rolling inventory simulation of issue 5 on real or
/// simulated demand, Storewise's rule at several service levels against Stocky's rule and a
/// fixed max-stock rule.
struct ReplenishSimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate reordering rules on real (M5) or simulated demand: service level, fill rate, inventory.",
        discussion: """
        Over the last --days days of every series, each rule re-plans every --review days from the \
        sales it could have observed (stockouts censor them; lost demand is lost) and its orders \
        arrive after the lead time. Storewise runs at the --levels targets and at the --frontier \
        levels, which trace its inventory/fill-rate curve so it can be read at Stocky's inventory. \
        Prints, per data set and lead time: achieved cycle service level, fill rate, average units \
        and value on hand, stockout days, orders. Example (scripts/bench-replenishment):
          storewise replenish simulate --m5 ../shared/data-forecast/m5_tiny --lead-times 3,7
        Calibration runs use --end-offset 364: the same simulation on the year before the window.
        """
    )

    @Option(help: "Folder with M5-layout CSVs (sales_train*.csv, calendar*.csv, sell_prices*.csv).") var m5: String?
    @Option(help: "Simulate this many store-simulator series instead.") var simulated: Int?
    @Option(help: "With --m5: only the first N series.") var series: Int?
    @Option(help: "Comma-separated lead times in days.") var leadTimes = "3,7"
    @Option(help: "Standard deviation of the lead time in days (0: fixed).") var leadTimeSd = 0.0
    @Option(help: "Review period in days.") var review = 7
    @Option(help: "Comma-separated target cycle service levels in percent.") var levels = "90,95,98"
    @Option(help: "Extra Storewise service levels (percent) that trace the frontier; empty for none.") var frontier = "5,10,20,30,50,70,80,85"
    @Option(help: "Days of the simulated window at the end of each series.") var days = 364
    @Option(help: "Cut this many days off the end of every series first (364: the year before).") var endOffset = 0
    @Option(help: "Storewise's interval spread factor (see StorewiseRule.spreadFactor), or 'auto': fitted on the year before the window.") var spread = "1"
    @Option(help: "Storewise forecasts from at most this many recent days (default: all).") var historyDays: Int?
    @Option(help: "Seed of the simulator series and the random lead times.") var seed: UInt64 = 1
    @Option(help: "Worker threads.") var threads = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print one JSON object per data set × lead time instead of tables.") var json = false
    @Option(help: "Also write the JSON lines to this file.") var jsonOut: String?
    @Flag(help: "Keep series with no sale in the 91 days before the window (left out by default: no rule can reorder them).") var keepUnsold = false
    @Option(help: "Write every series × rule's metrics as CSV to this file (for breakdowns).") var perSeries: String?

    func validate() throws {
        if (m5 == nil) == (simulated == nil) { throw ValidationError("give exactly one of --m5 and --simulated") }
        if let simulated, simulated < 1 { throw ValidationError("--simulated must be at least 1, got \(simulated)") }
        if let series, series < 1 { throw ValidationError("--series must be at least 1, got \(series)") }
        _ = try Self.numbers(leadTimes, "--lead-times", allowEmpty: false).map { try Self.whole($0, "--lead-times") }
        _ = try Self.numbers(levels, "--levels", allowEmpty: false)
        _ = try Self.numbers(frontier, "--frontier", allowEmpty: true)
        guard review >= 1 else { throw ValidationError("--review must be at least 1, got \(review)") }
        guard days >= 14 else { throw ValidationError("--days must be at least 14, got \(days)") }
        guard endOffset >= 0 else { throw ValidationError("--end-offset must not be negative, got \(endOffset)") }
        guard leadTimeSd.isFinite, leadTimeSd >= 0 else { throw ValidationError("--lead-time-sd must be non-negative, got \(leadTimeSd)") }
        if spread != "auto" {
            guard let value = Double(spread), value.isFinite, value > 0 else { throw ValidationError("--spread must be a positive number or 'auto', got '\(spread)'") }
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        let data = try m5.map { try ReplenishSimulateData.m5($0, limit: series, windowDays: days, dropLast: endOffset, keepUnsold: keepUnsold) }
            ?? ReplenishSimulateData.simulated(simulated ?? 0, windowDays: days, dropLast: endOffset, seed: seed, keepUnsold: keepUnsold)
        if !json { say("\(data.name): \(data.series.count) series; \(data.valueNote)") }
        let targets = try Self.numbers(levels, "--levels", allowEmpty: false)
        var calibrationJSON: [String: Any]?
        let extra = try Self.numbers(frontier, "--frontier", allowEmpty: true).filter { !targets.contains($0) }
        let leads = try Self.numbers(leadTimes, "--lead-times", allowEmpty: false).map { try Self.whole($0, "--lead-times") }
        var spreadFactor = Double(spread) ?? 1
        if spread == "auto" {
            if !json { say("Calibrating the spread factor on the \(days) days before the window (Storewise at \(levels) %):") }
            let calibration = try ReplenishSimulateCalibration.run(
                data, days: days, review: review, leadTimes: leads, leadTimeSd: leadTimeSd, targets: targets.map { $0 / 100 },
                historyDays: historyDays, seed: seed, threads: threads) { line in if !json { say(line) } }
            guard let best = calibration.best else { throw CLIError("--spread auto: calibration found nothing") }
            spreadFactor = best.spread
            calibrationJSON = calibration.json(chosen: best.spread)
            if !json { say("  chosen spread \(String(format: "%.2f", best.spread)) (\(calibration.seriesCount) series in the calibration year)\n") }
        }
        var rules: [(rule: any ReplenishmentRule, target: Double?, reported: Bool)] = []
        for level in (targets + extra).sorted() {
            guard level > 0, level < 100 else { throw CLIError("service levels must lie in (0, 100), got \(level)") }
            rules.append((StorewiseRule(serviceLevel: level / 100, historyDays: historyDays, spreadFactor: spreadFactor), level / 100, targets.contains(level)))
        }
        rules.append((StockyRule(), nil, true))
        rules.append((FixedMaxRule(), nil, true))

        var lines: [String] = []
        var csv = ReplenishSimulateData.perSeriesHeader
        for lead in leads {
            let simulation = InventorySimulation(leadTimeDays: lead, leadTimeStandardDeviationDays: leadTimeSd, reviewPeriod: review, days: days, seed: seed)
            let progress = Mutex(ProgressLine("simulate \(data.name) L=\(lead)", total: data.series.count * rules.count))
            let start = DispatchTime.now()
            let each: [[SimulationMetrics]]
            do {
                each = try simulation.simulateEach(data.series, rules: rules.map(\.rule), threads: threads) { done, _ in
                    progress.withLock { $0.update(done) }
                }
            } catch {
                throw CLIError(String(describing: error))
            }
            var metrics = [SimulationMetrics](repeating: SimulationMetrics(), count: rules.count)
            for perRule in each {
                for (k, m) in perRule.enumerated() { metrics[k].add(m) }
            }
            if perSeries != nil {
                csv += ReplenishSimulateData.perSeriesCSV(data, windowDays: days, lead: lead, rules: rules.map(\.rule.name), each: each)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            progress.withLock { $0.finish(data.series.count * rules.count) }
            let report = ReplenishSimulateReport(
                dataset: data.name, leadTime: lead, review: review, days: days, seriesCount: data.series.count, seconds: seconds,
                spreadFactor: spreadFactor, calibration: calibrationJSON,
                rows: zip(rules, metrics).map { .init(rule: $0.rule.name, target: $0.target, reported: $0.reported, metrics: $1) })
            lines.append(report.json)
            say(json ? report.json : report.table + "\n")
        }
        if let perSeries {
            try csv.write(toFile: perSeries, atomically: true, encoding: .utf8)
        }
        if let jsonOut {
            try (lines.joined(separator: "\n") + "\n").write(toFile: jsonOut, atomically: true, encoding: .utf8)
        }
    }

    /// Comma-separated numbers; errors name the option.
    static func numbers(_ text: String, _ option: String, allowEmpty: Bool) throws -> [Double] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if parts.isEmpty && !allowEmpty { throw ValidationError("\(option) is empty") }
        return try parts.map { part in
            guard let value = Double(part), value.isFinite else { throw ValidationError("\(option): '\(part)' is not a number") }
            return value
        }
    }

    static func whole(_ value: Double, _ option: String) throws -> Int {
        guard value >= 1, value == value.rounded(), value <= 365 else { throw ValidationError("\(option): \(value) is not a whole number of days in 1...365") }
        return Int(value)
    }
}
