import Forecasting
import Foundation
import Testing
import TestSupport

/// The global gradient-boosted model on the 280 real M5 series of m5_tiny: trained on d_1…d_1885
/// with the calendar and prices of d_1886…d_1913 (known in advance), scored on the 28 held-out days.
@Suite struct GlobalModelM5Tests {
    @Test func beatsStatsforecastsBestModelOnM5Tiny() throws {
        guard let m5 = M5Tiny.load() else { return }
        let panel = try GlobalPanel.m5(m5.dataset, historyDays: M5Tiny.trainDays, horizon: M5Tiny.horizon)
        var model = GlobalModel()
        model.parameters.threads = 2
        let result = try model.forecast(panel)
        let scores = m5.meanScores(result.forecasts.map(\.mean))
        let tsb = try #require(m5.referenceScores["TSB"])
        print("GlobalModel m5_tiny: mean RMSSE \(scores.rmsse), mean MASE \(scores.mase), rounds \(result.rounds), \(result.seconds) s (TSB \(tsb.rmsse), \(tsb.mase))")
        #expect(scores.rmsse < tsb.rmsse)
        #expect(scores.mase < tsb.mase)
    }
}
