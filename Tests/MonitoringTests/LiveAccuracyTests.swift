import Monitoring
import Testing

@Suite struct LiveAccuracyTests {
    /// Hand calculation:
    /// - A: history [0, 0, 2, 4, 3, 5] → from the first non-zero [2, 4, 3, 5], steps 2, −1, 2:
    ///   mean|d| = 5/3, mean d² = 3. Errors (4−5, 6−5) = (−1, 1): MAE 1, MSE 1 →
    ///   MASE 0.6, RMSSE sqrt(1/3) = 0.5773503.
    /// - B: history [1, 1, 1] → scale 0, skipped.
    /// - C: history [10, 12] → step 2: mean|d| = 2, mean d² = 4. Errors (1, −3, 0): MAE 4/3,
    ///   MSE 10/3 → MASE 2/3, RMSSE sqrt(5/6) = 0.9128709.
    /// Report: MASE (0.6 + 2/3) / 2 = 0.6333333, RMSSE (0.5773503 + 0.9128709) / 2 = 0.7451106 (0.74511059918),
    /// bias (44 − 46) / 46 = −0.0434783 over A and C; 2 series, 5 points.
    @Test func maseRmsseBiasHandCase() throws {
        let report = try #require(LiveAccuracy.measure([
            AccuracySeries(forecast: [4, 6], actual: [5, 5], history: [0, 0, 2, 4, 3, 5]),
            AccuracySeries(forecast: [1], actual: [3], history: [1, 1, 1]),
            AccuracySeries(forecast: [13, 9, 12], actual: [12, 12, 12], history: [10, 12]),
        ]))
        #expect(isClose(report.mase, 0.6333333333, 1e-9))
        #expect(isClose(report.rmsse, 0.74511059918, 1e-9))
        #expect(isClose(report.bias, -2.0 / 46.0, 1e-12))
        #expect(report.series == 2)
        #expect(report.points == 5)
    }

    @Test func nothingMeasurableIsNil() {
        #expect(LiveAccuracy.measure([]) == nil)
        #expect(LiveAccuracy.measure([AccuracySeries(forecast: [1], actual: [1], history: [0, 0, 4])]) == nil)
    }

    /// Σ actual = 0 gives bias 0; MASE = |1 − 0| / |2 − 1| = 1.
    @Test func zeroActualsGiveZeroBias() throws {
        let report = try #require(LiveAccuracy.measure([AccuracySeries(forecast: [1], actual: [0], history: [1, 2])]))
        #expect(report.bias == 0)
        #expect(report.mase == 1)
    }

    /// Tolerance 8 %: a live MASE 7.9 % above the holdout does not alert, 8.1 % above does;
    /// for a higher-is-better metric the same share below.
    @Test func alertRuleAtTheTolerance() {
        let rule = AccuracyAlertRule()
        #expect(!rule.isAlert(live: 1.079, holdout: 1.0))
        #expect(rule.isAlert(live: 1.081, holdout: 1.0))
        #expect(!rule.isAlert(live: 0.921, holdout: 1.0, higherIsBetter: true))
        #expect(rule.isAlert(live: 0.919, holdout: 1.0, higherIsBetter: true))
        #expect(!rule.isAlert(live: 0.5, holdout: 1.0))
    }
}
