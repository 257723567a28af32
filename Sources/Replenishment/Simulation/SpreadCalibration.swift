/// Fits Storewise's interval spread factor by simulation on past demand, so the cycle service
/// level a merchant asks for is the one they get.
///
/// Why a factor: forecasts give per-day intervals, and lead-time demand adds their variances as
/// if the days' errors were independent (reference notes §3.2, σ_L = √(Σ Var(e_h))). Real errors
/// persist from day to day (a drifted level, a promotion, a season), so the sum's spread is
/// understated and the achieved service level falls short (on m5_tiny a 95 % target achieves
/// ~92 % at factor 1); simulated demand that is independent around a known pattern does not need
/// it. So each data set, and each shop, gets its own factor, fitted on days the report (or the
/// plan) does not score.
///
/// Method: run `StorewiseRule` at every target for every lead time with each candidate factor
/// over the last `days` days of the given series (history before them only), and keep the factor
/// with the smallest sum of squared gaps (achieved − target cycle service level). Candidates: 0.8
/// to 1.6 in steps of 0.2, then the two neighbours 0.1 either side of the best.
public struct SpreadCalibration: Sendable {
    public struct Trial: Sendable {
        public var spread: Double
        /// Achieved cycle service level per lead time and target, in run order.
        public var achieved: [(lead: Int, target: Double, csl: Double)]
        public var squaredGaps: Double { achieved.reduce(0) { $0 + ($1.csl - $1.target) * ($1.csl - $1.target) } }
    }

    public var trials: [Trial] = []
    public var seriesCount = 0
    public var best: Trial? { trials.min { $0.squaredGaps < $1.squaredGaps } }

    /// Runs the search over `series` (each longer than `days`); `progress` gets a line per trial.
    public static func run(
        _ series: [SimulationSeries], days: Int, review: Int, leadTimes: [Int], leadTimeSd: Double = 0, targets: [Double],
        historyDays: Int? = nil, seed: UInt64 = 1, threads: Int, progress: (Trial) -> Void = { _ in }
    ) throws -> SpreadCalibration {
        guard !series.isEmpty else { throw ReplenishmentError.invalidParameter(name: "series", reason: "is empty: nothing to calibrate on") }
        guard !targets.isEmpty else { throw ReplenishmentError.invalidParameter(name: "targets", reason: "is empty") }
        guard !leadTimes.isEmpty else { throw ReplenishmentError.invalidParameter(name: "leadTimes", reason: "is empty") }
        var result = SpreadCalibration(seriesCount: series.count)
        func trial(_ candidate: Double) throws {
            let spread = (candidate * 100).rounded() / 100
            guard spread > 0, !result.trials.contains(where: { abs($0.spread - spread) < 1e-9 }) else { return }
            let rules: [any ReplenishmentRule] = targets.map { StorewiseRule(serviceLevel: $0, historyDays: historyDays, spreadFactor: spread) }
            var achieved: [(lead: Int, target: Double, csl: Double)] = []
            for lead in leadTimes {
                let simulation = InventorySimulation(leadTimeDays: lead, leadTimeStandardDeviationDays: leadTimeSd, reviewPeriod: review, days: days, seed: seed)
                let metrics = try simulation.simulate(series, rules: rules, threads: threads)
                for (target, m) in zip(targets, metrics) { achieved.append((lead, target, m.cycleServiceLevel)) }
            }
            let done = Trial(spread: spread, achieved: achieved)
            result.trials.append(done)
            progress(done)
        }
        for spread in [0.8, 1.0, 1.2, 1.4, 1.6] { try trial(spread) }
        if let best = result.best?.spread {
            try trial(best - 0.1)
            try trial(best + 0.1)
        }
        result.trials.sort { $0.spread < $1.spread }
        return result
    }
}
