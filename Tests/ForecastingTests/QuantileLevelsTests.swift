import Forecasting
import Testing

@Suite struct QuantileLevelsTests {
    /// The M5 guide: the nine quantiles are the median and the 50, 67, 95 and 99 % intervals.
    @Test func m5QuantilesMapToFourIntervals() {
        #expect(QuantileLevels.intervalLevels(for: QuantileLevels.m5) == [50, 67, 95, 99])
    }

    @Test func quantileReadsIntervalBounds() {
        let f = Forecast(mean: [5], intervals: [PredictionInterval(level: 95, lower: [1], upper: [9])])
        #expect(f.quantile(0.025) == [1])
        #expect(f.quantile(0.975) == [9])
        #expect(f.quantile(0.5) == [5])
        #expect(f.quantile(0.25) == nil)
    }
}
