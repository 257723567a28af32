import Foundation
import Replenishment
import Testing

/// `SpreadCalibration`: the search it documents, and the property it exists for — demand whose
/// forecast errors persist from day to day needs wider intervals than independent demand.
@Suite("SpreadCalibration")
struct SpreadCalibrationTests {
    /// A seeded generator (SplitMix64) so the series are the same on every run.
    struct Random {
        var state: UInt64
        mutating func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (Double((z ^ (z >> 31)) >> 11) + 0.5) / Double(1 << 53)
        }
        /// Knuth's product-of-uniforms Poisson draw (exact; the means here are small).
        mutating func poisson(_ mean: Double) -> Double {
            var k = 0.0, p = uniform()
            let limit = exp(-mean)
            while p > limit { k += 1; p *= uniform() }
            return k
        }
    }

    /// `count` series of `days` days. Independent: Poisson(4) every day. Persistent: Poisson of a
    /// level that moves by a random step of ±25 % every 14 days (between 1 and 16), so errors over a
    /// lead time are correlated, which per-day intervals summed as independent understate.
    static func series(count: Int, days: Int, persistent: Bool, seed: UInt64) -> [SimulationSeries] {
        var random = Random(state: seed)
        return (0..<count).map { i in
            var level = 4.0
            let demand = (0..<days).map { day -> Double in
                if persistent && day % 14 == 0 { level = min(16, max(1, level * (random.uniform() < 0.5 ? 0.75 : 1.25))) }
                return random.poisson(level)
            }
            return SimulationSeries(id: "s\(i)", demand: demand, unitValue: 1)
        }
    }

    static func calibrate(_ series: [SimulationSeries]) throws -> SpreadCalibration {
        try SpreadCalibration.run(series, days: 112, review: 7, leadTimes: [7], targets: [0.90, 0.95], historyDays: 200, threads: 2)
    }

    @Test func searchesTheDocumentedGridAndKeepsTheSmallestGap() throws {
        let calibration = try Self.calibrate(Self.series(count: 8, days: 320, persistent: false, seed: 7))
        let spreads = calibration.trials.map(\.spread)
        // 0.8 … 1.6 by 0.2, then the best's neighbours ± 0.1 (a neighbour already tried is not repeated).
        for grid in [0.8, 1.0, 1.2, 1.4, 1.6] { #expect(spreads.contains(grid)) }
        #expect(spreads == spreads.sorted() && (6...7).contains(spreads.count))
        let best = try #require(calibration.best)
        #expect(calibration.trials.allSatisfy { $0.squaredGaps >= best.squaredGaps })
        // Two targets × one lead time per trial, over 8 series.
        #expect(calibration.trials.allSatisfy { $0.achieved.count == 2 } && calibration.seriesCount == 8)
        // A wider spread never protects less (the reorder point grows with the spread).
        for (a, b) in zip(calibration.trials, calibration.trials.dropFirst()) {
            #expect(b.achieved[1].csl >= a.achieved[1].csl - 1e-9)
        }
    }

    @Test func persistentErrorsNeedAWiderSpreadThanIndependentDemand() throws {
        let independent = try #require(try Self.calibrate(Self.series(count: 12, days: 320, persistent: false, seed: 11)).best)
        let persistent = try #require(try Self.calibrate(Self.series(count: 12, days: 320, persistent: true, seed: 11)).best)
        print("SpreadCalibration: independent Poisson → \(independent.spread), persistent level → \(persistent.spread)")
        #expect(persistent.spread > independent.spread)
    }

    @Test func refusesEmptyInput() {
        #expect(throws: ReplenishmentError.self) {
            try SpreadCalibration.run([], days: 28, review: 7, leadTimes: [3], targets: [0.95], threads: 1)
        }
    }
}
