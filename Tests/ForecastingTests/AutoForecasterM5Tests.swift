import Forecasting
import Foundation
import Testing
import TestSupport

@Suite struct AutoForecasterM5Tests {
    /// The automatic forecaster on the 280 real M5 series must beat statsforecast's best model
    /// on this data (TSB(0.1,0.1): mean RMSSE 0.769568, from the reference scores file).
    @Test(arguments: AutoForecaster.Combination.allCases)
    func beatsStatsforecastsBestModel(combination: AutoForecaster.Combination) throws {
        guard let m5 = M5Tiny.load() else { return }
        let auto = AutoForecaster(seasonLength: 7, combination: combination)
        let started = Date()
        let forecasts = try (0..<m5.dataset.series.count).map { try auto.forecast(m5.train($0), horizon: 28).mean }
        let scores = m5.meanScores(forecasts)
        print("AutoForecaster(\(combination)): mean RMSSE \(scores.rmsse), MASE \(scores.mase) in \(Date().timeIntervalSince(started)) s")
        let tsb = try #require(m5.referenceScores["TSB"])
        #expect(scores.rmsse < tsb.rmsse)
    }
}
