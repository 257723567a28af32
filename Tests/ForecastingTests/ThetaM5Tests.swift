import Forecasting
import Foundation
import Testing
import TestSupport

/// AutoTheta(7) on the 280 real M5 series (train d_1…d_1885, horizon 28) against statsforecast
/// 2.1.1's forecasts and scores kept in ../shared.
@Suite struct ThetaM5Tests {
    @Test func autoThetaMatchesStatsforecast() throws {
        guard let m5 = M5Tiny.load() else { return }
        let model = AutoTheta(seasonLength: 7)
        let count = m5.dataset.series.count
        var forecasts: [[Double]] = []
        var maxDiffs: [Double] = []
        for i in 0..<count {
            let f = try model.forecast(m5.train(i), horizon: M5Tiny.horizon)
            forecasts.append(f.mean)
            let reference = try #require(m5.reference("AutoTheta", series: i))
            maxDiffs.append(zip(f.mean, reference).map { abs($0 - $1) }.max()!)
        }
        let scores = m5.meanScores(forecasts)
        let expected = try #require(m5.referenceScores["AutoTheta"])
        let within1e3 = maxDiffs.filter { $0 <= 1e-3 }.count
        let within1e5 = maxDiffs.filter { $0 <= 1e-5 }.count
        let sorted = maxDiffs.sorted()
        print("""
            AutoTheta(7) on m5_tiny: RMSSE \(scores.rmsse) (statsforecast \(expected.rmsse)), \
            MASE \(scores.mase) (statsforecast \(expected.mase)); series whose 28 forecasts are all \
            within 1e-3 of statsforecast's: \(within1e3)/\(count), within 1e-5: \(within1e5)/\(count); \
            median max |Δ| \(sorted[count / 2]), largest \(sorted.last!)
            """)
        #expect(abs(scores.rmsse / expected.rmsse - 1) < 0.01)
        #expect(abs(scores.mase / expected.mase - 1) < 0.01)
        // The reference file has six decimals; the same simplex path gives every series to 1e-3.
        #expect(within1e3 >= 275)
    }

    /// 80 % and 95 % intervals on every series: nested, around the forecast, and (with the
    /// additive or no decomposition m5_tiny's zeros force) never narrower further out.
    @Test func intervalsAreSaneOnEverySeries() throws {
        guard let m5 = M5Tiny.load() else { return }
        var bad: [String] = []
        for i in 0..<m5.dataset.series.count {
            let fit = try AutoTheta(seasonLength: 7).fit(m5.train(i))
            let f = try fit.forecast(horizon: M5Tiny.horizon, levels: [80, 95])
            let i80 = try #require(f.interval(level: 80)), i95 = try #require(f.interval(level: 95))
            let nested = (0..<M5Tiny.horizon).allSatisfy {
                i95.lower[$0] <= i80.lower[$0] && i80.lower[$0] < f.mean[$0] && f.mean[$0] < i80.upper[$0] && i80.upper[$0] <= i95.upper[$0]
            }
            let width = zip(i95.upper, i95.lower).map { $0 - $1 }
            let widening = fit.decomposition?.kind == .multiplicative || (1..<M5Tiny.horizon).allSatisfy { width[$0] >= width[$0 - 1] - 1e-9 }
            if !nested || !widening { bad.append(m5.dataset.series[i].id) }
        }
        #expect(bad.isEmpty, "intervals out of order for \(bad)")
    }
}
