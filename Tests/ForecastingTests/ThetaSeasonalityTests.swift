import Forecasting
import Testing

/// The seasonality test and the classical decomposition in front of the theta models, on series
/// small enough to work out by hand.
@Suite struct ThetaSeasonalityTests {
    /// y = (1, 0, 0, 0) × 4, m = 4. Mean 1/4, so the centred values are 3/4 at the four spikes and
    /// −1/4 elsewhere; c₀ = 4·9/16 + 12/16 = 3. For lags 1–3 each of the 16 − k products pairs a
    /// spike with a non-spike 7 times (−3/16) and two non-spikes 9 − k times (1/16):
    /// cₖ = −21/16 + (9 − k)/16, so r₁ = −13/48, r₂ = −14/48, r₃ = −15/48. At lag 4 three products
    /// pair spikes (9/16) and nine pair non-spikes: c₄ = 36/16, r₄ = 3/4.
    @Test func autocorrelationsByHand() {
        let y: [Double] = Array(repeating: [1.0, 0, 0, 0], count: 4).flatMap { $0 }
        let r = SeasonalityTest.autocorrelations(y, maxLag: 4)
        let expected: [Double] = [-13.0 / 48, -14.0 / 48, -15.0 / 48, 0.75]
        #expect(r.count == 4)
        for (a, b) in zip(r, expected) { #expect(abs(a - b) < 1e-14) }
        // |r₄| / √((1 + 2(r₁² + r₂² + r₃²))/16) ≈ 2.44 > 1.645: seasonal at 90 %.
        let squares: Double = expected[0] * expected[0] + expected[1] * expected[1] + expected[2] * expected[2]
        let bound: Double = ((1 + 2 * squares) / 16).squareRoot()
        let statistic: Double = SeasonalityTest.statistic(y, period: 4) ?? 0
        #expect(abs(statistic - 0.75 / bound) < 1e-12)
        #expect(SeasonalityTest.isSeasonal(y, period: 4))
    }

    /// Two cycles of the same pattern (n = 8, c₀ = 3/2). Lag 1 has 3 spike/non-spike products and
    /// 4 non-spike ones: c₁ = −9/16 + 4/16, r₁ = −5/24; likewise r₂ = −1/4, r₃ = −7/24, r₄ = 1/2.
    /// Statistic 0.5/√((1 + 2·110/576)/8) ≈ 1.203 < 1.645: not seasonal.
    @Test func twoCyclesAreNotEnoughEvidence() {
        let y = [1.0, 0, 0, 0, 1, 0, 0, 0]
        let r = SeasonalityTest.autocorrelations(y, maxLag: 4)
        let hand: [Double] = [-5.0 / 24, -0.25, -7.0 / 24, 0.5]
        for (a, b) in zip(r, hand) { #expect(abs(a - b) < 1e-14) }
        let bound: Double = ((1 + 2 * 110.0 / 576) / 8).squareRoot()
        let statistic: Double = SeasonalityTest.statistic(y, period: 4) ?? 0
        #expect(abs(statistic - 0.5 / bound) < 1e-12)
        #expect(!SeasonalityTest.isSeasonal(y, period: 4))
    }

    @Test func testAppliesOnlyToLongEnoughSeasons() {
        let pattern: [Double] = Array(repeating: [1.0, 0, 0], count: 10).flatMap { $0 }
        #expect(SeasonalityTest.statistic(pattern, period: 3) == nil)  // m < 4
        #expect(SeasonalityTest.statistic(Array(pattern.prefix(9)), period: 5) == nil)  // n < 2m
        #expect(SeasonalityTest.statistic([2, 2, 2, 2, 2, 2, 2, 2], period: 4) == nil)  // constant
        #expect(!SeasonalityTest.isSeasonal([2, 2, 2, 2, 2, 2, 2, 2], period: 4))
    }

    /// y = 3,0,0, 6,0,0, 3,0,0 with m = 3: the centred 3-term averages at t = 1…7 are
    /// 1, 2, 2, 2, 1, 1, 1; y − trend is −1 (phase 1), −2 (2), 4 (0), −2 (1), −1 (2), 2 (0),
    /// −1 (1). Phase means 3, −4/3, −3/2 average 1/18, which is subtracted.
    @Test func additiveIndicesByHand() throws {
        let d = try ClassicalDecomposition([3, 0, 0, 6, 0, 0, 3, 0, 0], period: 3, kind: .additive)
        let shift: Double = 1.0 / 18
        let expected: [Double] = [3 - shift, -4.0 / 3 - shift, -1.5 - shift]
        for (a, b) in zip(d.indices, expected) { #expect(abs(a - b) < 1e-14) }
        #expect(abs(d.seasonal(at: 10) - expected[1]) < 1e-14)
        let adjusted: [Double] = [3 - expected[0], -expected[1], -expected[2]]
        for (a, b) in zip(d.adjust([3, 0, 0]), adjusted) { #expect(abs(a - b) < 1e-14) }
    }

    /// y = 3,1,1, 6,1,1, 3,1,1: trends 5/3, 8/3, 8/3, 8/3, 5/3, 5/3, 5/3; ratios 0.6, 0.375, 2.25,
    /// 0.375, 0.6, 1.8, 0.6; phase means 2.025, 0.525, 0.4875 average 1.0125, which divides them.
    @Test func multiplicativeIndicesByHand() throws {
        let d = try ClassicalDecomposition([3, 1, 1, 6, 1, 1, 3, 1, 1], period: 3, kind: .multiplicative)
        let hand: [Double] = [2.025 / 1.0125, 0.525 / 1.0125, 0.4875 / 1.0125]
        for (a, b) in zip(d.indices, hand) { #expect(abs(a - b) < 1e-14) }
        #expect(abs(d.indices.reduce(0, +) - 3) < 1e-14)
        #expect(abs(d.reseasonalize([1, 1], start: 9)[0] - 2) < 1e-14)  // t = 9 is phase 0
    }

    /// An even period uses the 2×m average (half weights at both ends), which removes a linear
    /// trend and a zero-sum season exactly: y = t + (1, −1, 2, −2) gives those indices back.
    @Test func evenPeriodUsesTwoByMAverage() throws {
        let season = [1.0, -1, 2, -2]
        let y = (0..<12).map { Double($0) + season[$0 % 4] }
        let d = try ClassicalDecomposition(y, period: 4, kind: .additive)
        for (a, b) in zip(d.indices, season) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func decompositionErrorsNameTheField() {
        #expect(throws: ForecastError.invalidParameter(name: "period", reason: "must be at least 2, got 1")) {
            try ClassicalDecomposition([1, 2, 3, 4], period: 1, kind: .additive)
        }
        #expect(throws: ForecastError.invalidParameter(name: "y", reason: "multiplicative decomposition needs positive values, y[2] = 0.0")) {
            try ClassicalDecomposition([1, 2, 0, 4, 5, 6], period: 3, kind: .multiplicative)
        }
        #expect(throws: ForecastError.seriesTooShort(model: "ClassicalDecomposition(4)", needed: 8, got: 7)) {
            try ClassicalDecomposition([1, 2, 3, 4, 5, 6, 7], period: 4, kind: .additive)
        }
    }
}
