import Foundation
import Replenishment

/// The calibration year is the `days` before the reported window (the series are cut there), so
/// the reported run is out of sample; the search itself is `SpreadCalibration`.
struct ReplenishSimulateCalibration {
    var calibration: SpreadCalibration
    var seriesCount: Int { calibration.seriesCount }
    var best: SpreadCalibration.Trial? { calibration.best }

    /// Runs the search; `progress` gets a line per trial.
    static func run(_ data: ReplenishSimulateData, days: Int, review: Int, leadTimes: [Int], leadTimeSd: Double, targets: [Double],
                    historyDays: Int?, seed: UInt64, threads: Int, progress: (String) -> Void) throws -> ReplenishSimulateCalibration {
        let series = data.series.compactMap { s -> SimulationSeries? in
            guard s.demand.count > 2 * days else { return nil }
            let cut = SimulationSeries(id: s.id, demand: Array(s.demand.dropLast(days)), unitValue: Array(s.unitValue.dropLast(days)))
            return ReplenishSimulateData.soldBeforeWindow(cut, windowDays: days) ? cut : nil
        }
        guard !series.isEmpty else { throw CLIError("--spread auto: no series is long enough for a calibration year before the window") }
        let calibration = try SpreadCalibration.run(
            series, days: days, review: review, leadTimes: leadTimes, leadTimeSd: leadTimeSd, targets: targets,
            historyDays: historyDays, seed: seed, threads: threads) { t in progress(Self.describe(t)) }
        return ReplenishSimulateCalibration(calibration: calibration)
    }

    static func describe(_ t: SpreadCalibration.Trial) -> String {
        "  spread \(String(format: "%.2f", t.spread)): " + t.achieved.map { "L=\($0.lead) \(Int($0.target * 100))→\(String(format: "%.1f", $0.csl * 100))" }.joined(separator: ", ")
            + String(format: " · squared gaps %.1f points²", t.squaredGaps * 1e4)
    }

    /// The search for the JSON report.
    func json(chosen: Double) -> [String: Any] {
        [
            "chosen": chosen, "series": seriesCount,
            "trials": calibration.trials.map { t -> [String: Any] in
                ["spread": t.spread, "squared_gaps": t.squaredGaps,
                 "achieved": t.achieved.map { ["lead_time": $0.lead, "target": $0.target, "csl": $0.csl] as [String: Any] }]
            },
        ]
    }
}
