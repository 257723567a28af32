import Forecasting
import Testing

@Suite struct DistributionTests {
    /// Φ⁻¹ reference values from standard normal tables (Abramowitz & Stegun 26.2).
    @Test func normalQuantileMatchesTables() {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.995) - 2.575829303548901) < 1e-12)
        #expect(abs(NormalDistribution.quantile(0.5)) < 1e-15)
        #expect(abs(NormalDistribution.quantile(0.005) + 2.575829303548901) < 1e-12)
        #expect(abs(NormalDistribution.cdf(1.959963984540054) - 0.975) < 1e-12)
    }

    /// Poisson(2) CDF by hand: e⁻² Σ 2^k/k! = .1353, .4060, .6767, .8571, .9473, .9834, .9955.
    @Test func poissonQuantiles() {
        let d = CountDistribution(mean: 2, size: nil)
        #expect(d.quantile(0.1) == 0)
        #expect(d.quantile(0.5) == 2)
        #expect(d.quantile(0.95) == 5)
        #expect(d.quantile(0.995) == 6)
    }

    /// NB with mean 2 and size 1 is geometric with P(X ≤ k) = 1 − (2/3)^(k+1):
    /// the median is 1 ((2/3)² = .444 ≤ .5) and the 95 % quantile 7 ((2/3)⁸ = .039 ≤ .05 < (2/3)⁷).
    @Test func negativeBinomialQuantiles() {
        let d = CountDistribution.matching(mean: 2, variance: 6)  // 6 = 2 + 2²/r ⇒ r = 1
        #expect(d.size == 1)
        #expect(d.quantile(0.5) == 1)
        #expect(d.quantile(0.95) == 7)
        #expect(CountDistribution.matching(mean: 2, variance: 1.5).size == nil)
        #expect(CountDistribution(mean: 0, size: 3).quantile(0.99) == 0)
    }

    /// Large means use the normal approximation: Poisson(10 000) has its 97.5 % quantile near
    /// 10 000 + 1.96·100 = 10 196.
    @Test func largeMeanUsesNormalApproximation() {
        let q = CountDistribution(mean: 10_000, size: nil).quantile(0.975)
        #expect(abs(q - 10_196) <= 1)
    }
}

@Suite struct SeasonalProfileTests {
    struct Constant: ForecastModel {
        var value: Double
        var name: String { "Constant" }
        func forecast(_ y: [Double], horizon: Int, levels: [Double]) throws -> Forecast {
            Forecast(mean: Array(repeating: value, count: horizon),
                     intervals: levels.map { PredictionInterval(level: $0, lower: Array(repeating: value - 1, count: horizon), upper: Array(repeating: value + 1, count: horizon)) })
        }
    }

    /// y = 1,2,3,1,2,3 with season 3: phase sums 2,4,6 over 2 values each, mean 2, so without
    /// shrinkage the indices are 2/4, 4/4, 6/4 = 0.5, 1, 1.5. The next three steps are phases
    /// 0, 1, 2, so a flat forecast of 2 becomes 1, 2, 3 and its interval [1, 3] becomes
    /// [0.5, 1.5], [1, 3], [1.5, 4.5].
    @Test func scalesALevelForecastByPhase() throws {
        let model = SeasonalProfile(Constant(value: 2), seasonLength: 3, cycles: 2, shrinkage: 0)
        let f = try model.forecast([1, 2, 3, 1, 2, 3], horizon: 3, levels: [80])
        #expect(f.mean == [1, 2, 3])
        #expect(f.intervals[0].lower == [0.5, 1, 4.5 / 3])
        #expect(f.intervals[0].upper == [1.5, 3, 4.5])
    }

    /// Shrinkage c = 2·mean = 4 turns index 0 into (2 + 4)/(2·2 + 4) = 0.75.
    @Test func shrinksTowardOne() {
        let idx = SeasonalProfile.indices([1, 2, 3, 1, 2, 3], seasonLength: 3, cycles: 2, shrinkage: 2)
        #expect(idx[0] == 0.75)
        #expect(idx[2] == 1.25)
        #expect(SeasonalProfile.indices([0, 0, 0], seasonLength: 3, cycles: 1, shrinkage: 2) == [1, 1, 1])
    }

    @Test func rejectsSeasonLengthOne() {
        #expect(throws: ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 2, got 1")) {
            try SeasonalProfile(Constant(value: 1), seasonLength: 1).forecast([1, 2], horizon: 1)
        }
    }
}
