import Forecasting
import Testing

/// Every expected value below is worked out by hand in the comment above it.
@Suite struct IntervalMetricsTests {
    /// forecast − actual = (2−3, 2−5, 1−0) = (−1, −3, 1); mean −3/3 = −1 (under-forecast).
    @Test func biasIsForecastMinusActual() {
        #expect(PointMetrics.bias(actual: [3, 5, 0], forecast: [2, 2, 1]) == -1)
        #expect(PointMetrics.bias(actual: [1, 1], forecast: [3, 2]) == 1.5)
    }

    /// Terms |y−ŷ|/(|y|+|ŷ|): 1/5 = 0.2, 3/7, 1/1 = 1, and 0/0 counted as 0.
    /// Sum 0.2 + 3/7 + 1 = 57/35; mean over 4 = 57/140 ≈ 0.407143 (utilsforecast, 0–1);
    /// M4: 200 · 57/140 = 570/7 ≈ 81.428571 percent.
    @Test func smapeBothDefinitions() {
        let actual: [Double] = [3, 5, 0, 0], forecast: [Double] = [2, 2, 1, 0]
        #expect(abs(PointMetrics.smapeUtilsforecast(actual: actual, forecast: forecast) - 57.0 / 140) < 1e-15)
        #expect(abs(PointMetrics.smapeM4(actual: actual, forecast: forecast) - 570.0 / 7) < 1e-12)
        // The bounds: a forecast of 0 against a positive actual is the worst case.
        #expect(PointMetrics.smapeUtilsforecast(actual: [4], forecast: [0]) == 1)
        #expect(PointMetrics.smapeM4(actual: [4], forecast: [0]) == 200)
    }

    /// actual (10, 4) against the constant quantile path 8:
    /// u = 0.9: y−Q = 2 → 0.9·2 = 1.8; y−Q = −4 → 0.1·4 = 0.4; mean 1.1.
    /// u = 0.1: 0.1·2 = 0.2; 0.9·4 = 3.6; mean 1.9.
    /// SPL with history 0,0,2,4,3 (active 2,4,3, |diffs| 2,1, scale 1.5): 1.1/1.5 and 1.9/1.5.
    @Test func pinballAndScaledPinball() {
        let actual: [Double] = [10, 4], q: [Double] = [8, 8]
        #expect(abs(IntervalMetrics.pinball(actual: actual, quantileForecast: q, quantile: 0.9) - 1.1) < 1e-15)
        #expect(abs(IntervalMetrics.pinball(actual: actual, quantileForecast: q, quantile: 0.1) - 1.9) < 1e-15)
        // At the median the pinball loss is half the MAE: |2| and |−4| → 0.5 · 3 = 1.5.
        #expect(IntervalMetrics.pinball(actual: actual, quantileForecast: q, quantile: 0.5) == 1.5)
        let history: [Double] = [0, 0, 2, 4, 3]
        #expect(abs(IntervalMetrics.scaledPinball(actual: actual, quantileForecast: q, quantile: 0.9, history: history) - 1.1 / 1.5) < 1e-15)
        // Mean over {0.1, 0.9} = (1.9 + 1.1)/2 = 1.5; scaled: 1.5/1.5 = 1.
        let paths = [q, q], quantiles = [0.1, 0.9]
        #expect(abs(IntervalMetrics.meanPinball(actual: actual, quantileForecasts: paths, quantiles: quantiles) - 1.5) < 1e-15)
        #expect(abs(IntervalMetrics.meanScaledPinball(actual: actual, quantileForecasts: paths, quantiles: quantiles, history: history) - 1) < 1e-15)
    }

    /// y = 1, 5, 9, 4 with [lo, hi] = [2,6], [2,6], [2,6], [4,4]:
    /// 1 below, 5 inside, 9 above, 4 on both ends (inclusive) → coverage 2/4 = 0.5.
    /// Winkler at 80 %: α = 0.2, 2/α = 10; widths 4, 4, 4, 0;
    /// scores 4 + 10·(2−1) = 14, 4, 4 + 10·(9−6) = 34, 0; mean 52/4 = 13.
    @Test func coverageAndWinkler() {
        let actual: [Double] = [1, 5, 9, 4], lower: [Double] = [2, 2, 2, 4], upper: [Double] = [6, 6, 6, 4]
        #expect(IntervalMetrics.coverage(actual: actual, lower: lower, upper: upper) == 0.5)
        #expect(abs(IntervalMetrics.winkler(actual: actual, lower: lower, upper: upper, level: 80) - 13) < 1e-12)
        let interval = PredictionInterval(level: 80, lower: lower, upper: upper)
        #expect(IntervalMetrics.coverage(actual: actual, interval: interval) == 0.5)
        #expect(abs(IntervalMetrics.winkler(actual: actual, interval: interval) - 13) < 1e-12)
        // At 95 %: α = 0.05, 2/α = 40: (4 + 40) + 4 + (4 + 120) + 0 = 172; /4 = 43.
        #expect(abs(IntervalMetrics.winkler(actual: actual, lower: lower, upper: upper, level: 95) - 43) < 1e-9)
    }

    /// actual (10, 4), quantiles {0.1, 0.9}, both paths 8: mean pinball 1.5 (above).
    /// Scaled CRPS = 2 · 1.5 · 2 / (|10| + |4|) = 6/14 = 3/7 (ε in the denominator is 2.2e−16).
    @Test func scaledCRPSOnAQuantileSet() {
        let value = IntervalMetrics.scaledCRPS(actual: [10, 4], quantileForecasts: [[8, 8], [8, 8]], quantiles: [0.1, 0.9])
        #expect(abs(value - 3.0 / 7) < 1e-14)
    }
}
