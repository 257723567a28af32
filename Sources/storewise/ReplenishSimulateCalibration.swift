import Foundation
import Replenishment

/// Picks Storewise's interval spread factor on the year before the reported window, so the
/// reported run is out of sample.
///
/// Why a factor at all: the forecaster's intervals are per day, and the lead-time demand sums
/// their variances as if the days' errors were independent (reference notes §3.2,
/// σ_L = √(Σ Var(e_h))). Real demand errors persist from day to day (a level that drifted, a
/// promotion, a season), so on real data the sum's spread is understated and the achieved
/// service level falls short; on simulated demand that is independent around a known pattern it
/// does not. A data set therefore gets its own factor, fitted where the report cannot see it.
///
/// Method: cut the last `days` days off every series (the calibration window is the `days`
/// before the reported one), keep the series that sold in the 91 days before it, run Storewise
/// at the target levels for every lead time with each candidate factor, and keep the factor with
/// the smallest sum of squared gaps (achieved − target cycle service level). Candidates: 0.8 to
/// 1.6 in steps of 0.2, then the two neighbours 0.1 either side of the best.
struct ReplenishSimulateCalibration {
    struct Trial {
        var spread: Double
        /// Achieved CSL per (lead time, target), in run order.
        var achieved: [(lead: Int, target: Double, csl: Double)]
        var squaredGaps: Double { achieved.reduce(0) { $0 + ($1.csl - $1.target) * ($1.csl - $1.target) } }
    }

    var trials: [Trial] = []
    var seriesCount = 0

    var best: Trial? { trials.min { $0.squaredGaps < $1.squaredGaps } }

    /// Runs the search; `progress` gets a line per trial.
    static func run(_ data: ReplenishSimulateData, days: Int, review: Int, leadTimes: [Int], leadTimeSd: Double, targets: [Double],
                    historyDays: Int?, seed: UInt64, threads: Int, progress: (String) -> Void) throws -> ReplenishSimulateCalibration {
        let series = data.series.compactMap { s -> SimulationSeries? in
            guard s.demand.count > 2 * days else { return nil }
            let cut = SimulationSeries(id: s.id, demand: Array(s.demand.dropLast(days)), unitValue: Array(s.unitValue.dropLast(days)))
            return ReplenishSimulateData.soldBeforeWindow(cut, windowDays: days) ? cut : nil
        }
        guard !series.isEmpty else { throw CLIError("--spread auto: no series is long enough for a calibration year before the window") }
        var result = ReplenishSimulateCalibration(seriesCount: series.count)
        func trial(_ candidate: Double) throws {
            let spread = (candidate * 100).rounded() / 100
            guard !result.trials.contains(where: { abs($0.spread - spread) < 1e-9 }), spread > 0 else { return }
            let rules: [any ReplenishmentRule] = targets.map { StorewiseRule(serviceLevel: $0, historyDays: historyDays, spreadFactor: spread) }
            var achieved: [(lead: Int, target: Double, csl: Double)] = []
            for lead in leadTimes {
                let simulation = InventorySimulation(leadTimeDays: lead, leadTimeStandardDeviationDays: leadTimeSd, reviewPeriod: review, days: days, seed: seed)
                let metrics = try simulation.simulate(series, rules: rules, threads: threads)
                for (target, m) in zip(targets, metrics) { achieved.append((lead, target, m.cycleServiceLevel)) }
            }
            let t = Trial(spread: spread, achieved: achieved)
            result.trials.append(t)
            progress("  spread \(String(format: "%.2f", spread)): " + achieved.map { "L=\($0.lead) \(Int($0.target * 100))→\(String(format: "%.1f", $0.csl * 100))" }.joined(separator: ", ")
                + String(format: " · squared gaps %.1f points²", t.squaredGaps * 1e4))
        }
        for spread in [0.8, 1.0, 1.2, 1.4, 1.6] { try trial(spread) }
        if let best = result.best?.spread {
            try trial(best - 0.1)
            try trial(best + 0.1)
        }
        result.trials.sort { $0.spread < $1.spread }
        return result
    }

    /// The search for the JSON report.
    func json(chosen: Double) -> [String: Any] {
        [
            "chosen": chosen, "series": seriesCount,
            "trials": trials.map { t -> [String: Any] in
                ["spread": t.spread, "squared_gaps": t.squaredGaps,
                 "achieved": t.achieved.map { ["lead_time": $0.lead, "target": $0.target, "csl": $0.csl] as [String: Any] }]
            },
        ]
    }
}
