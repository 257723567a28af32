import Forecasting
import Testing
import TestSupport

@Suite struct PointMetricsTests {
    /// Hand calculation: history 0,0,2,4,3 is active from the 2 (M5 rule), so the one-step
    /// differences are 2,−1: absolute scale 1.5, squared scale (4+1)/2 = 2.5.
    /// Errors for actual 3,5 against forecast 2,2 are 1,3: MAE 2, MSE 5.
    @Test func m5ScaleStartsAtFirstSale() {
        let history: [Double] = [0, 0, 2, 4, 3]
        #expect(PointMetrics.absoluteScale(history: history) == 1.5)
        #expect(PointMetrics.squaredScale(history: history) == 2.5)
        #expect(PointMetrics.mae(actual: [3, 5], forecast: [2, 2]) == 2)
        #expect(PointMetrics.mse(actual: [3, 5], forecast: [2, 2]) == 5)
        #expect(abs(PointMetrics.mase(actual: [3, 5], forecast: [2, 2], history: history) - 2 / 1.5) < 1e-15)
        #expect(abs(PointMetrics.rmsse(actual: [3, 5], forecast: [2, 2], history: history) - (5 / 2.5).squareRoot()) < 1e-15)
    }

    /// statsforecast's own forecasts, scored here, reproduce its reference scores file: an
    /// independent check of the RMSSE/MASE definitions against the peer's numbers.
    @Test(arguments: ["Naive", "SeasonalNaive", "HistoricAverage", "TSB", "AutoETS", "AutoTheta", "IMAPA"])
    func referenceForecastsReproduceReferenceScores(model: String) throws {
        guard let m5 = M5Tiny.load() else { return }
        let forecasts = try (0..<280).map { try #require(m5.reference(model, series: $0)) }
        let scores = m5.meanScores(forecasts)
        let expected = try #require(m5.referenceScores[model])
        #expect(abs(scores.rmsse - expected.rmsse) < 5e-6)
        #expect(abs(scores.mase - expected.mase) < 5e-6)
    }
}
