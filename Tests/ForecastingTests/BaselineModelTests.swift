import Forecasting
import Testing

/// Hand-calculated checks of the baseline models: Naive, SeasonalNaive, HistoricAverage,
/// RandomWalkWithDrift, WindowAverage, SeasonalWindowAverage and SES, their normal intervals,
/// and their errors.
@Suite struct BaselineModelTests {
    /// Standard normal quantiles Φ⁻¹(0.9) and Φ⁻¹(0.975) (published tables; R's `qnorm`).
    static let z80 = 1.2815515655446004
    static let z95 = 1.959963984540054

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
    }

    /// y = 3, 5, 4. Forecast = last value 4. Residuals 5−3 = 2, 4−5 = −1: σ² = (4+1)/2 = 2.5.
    /// 80 % interval: 4 ± 1.28155·√(2.5·h), h = 1, 2. Fitted = previous value.
    @Test func naive() throws {
        let f = try Naive().forecast([3, 5, 4], horizon: 2, levels: [80])
        #expect(f.mean == [4, 4])
        let i = try #require(f.interval(level: 80))
        #expect(Self.close(i.upper, [4 + Self.z80 * 2.5.squareRoot(), 4 + Self.z80 * 5.0.squareRoot()]))
        #expect(Self.close(i.lower, [4 - Self.z80 * 2.5.squareRoot(), 4 - Self.z80 * 5.0.squareRoot()]))
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && Array(fitted[1...]) == [3, 5])
        #expect(Naive().name == "Naive")
    }

    /// y = 1, 2, 3, 5, 4, 6 with m = 2. Forecast repeats the last season (4, 6): 4, 6, 4.
    /// Seasonal residuals 3−1, 5−2, 4−3, 6−5 = 2, 3, 1, 1: σ² = 15/(6−2) = 3.75. Steps 1–2 are in
    /// the first season (σ), step 3 in the second (σ·√2). 95 % interval: mean ± 1.95996·σₕ.
    @Test func seasonalNaive() throws {
        let model = SeasonalNaive(seasonLength: 2)
        #expect(model.name == "SeasonalNaive(2)")
        let f = try model.forecast([1, 2, 3, 5, 4, 6], horizon: 3, levels: [95])
        #expect(f.mean == [4, 6, 4])
        let sigma = 3.75.squareRoot()
        let i = try #require(f.interval(level: 95))
        #expect(Self.close(i.upper, [4 + Self.z95 * sigma, 6 + Self.z95 * sigma, 4 + Self.z95 * sigma * 2.0.squareRoot()]))
        #expect(Self.close(i.lower, [4 - Self.z95 * sigma, 6 - Self.z95 * sigma, 4 - Self.z95 * sigma * 2.0.squareRoot()]))
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && fitted[1].isNaN && Array(fitted[2...]) == [1, 2, 3, 5])
    }

    /// y = 1, 2, 3, 6: mean 3. Squared deviations 4+1+0+9 = 14: σ² = 14/3; the forecast's
    /// variance σ²·(1 + 1/4) = 35/6 at every step. 80 % interval: 3 ± 1.28155·√(35/6).
    @Test func historicAverage() throws {
        let f = try HistoricAverage().forecast([1, 2, 3, 6], horizon: 2, levels: [80, 95])
        #expect(f.mean == [3, 3])
        #expect(f.intervals.map(\.level) == [80, 95])
        let half = Self.z80 * (35.0 / 6).squareRoot()
        let i = try #require(f.interval(level: 80))
        #expect(Self.close(i.lower, [3 - half, 3 - half]) && Self.close(i.upper, [3 + half, 3 + half]))
        #expect(f.fitted == [3, 3, 3, 3])
    }

    /// y = 1, 3, 4, 7: drift (7−1)/3 = 2, forecasts 9, 11. Fitted yₜ₋₁ + 2 = 3, 5, 6; residuals
    /// 0, −1, 1: σ² = 2/3. σₕ² = σ²·h·(1 + h/3): 8/9 at h = 1, 20/9 at h = 2.
    @Test func randomWalkWithDrift() throws {
        let f = try RandomWalkWithDrift().forecast([1, 3, 4, 7], horizon: 2, levels: [95])
        #expect(f.mean == [9, 11])
        let i = try #require(f.interval(level: 95))
        #expect(Self.close(i.upper, [9 + Self.z95 * (8.0 / 9).squareRoot(), 11 + Self.z95 * (20.0 / 9).squareRoot()]))
        #expect(Self.close(i.lower, [9 - Self.z95 * (8.0 / 9).squareRoot(), 11 - Self.z95 * (20.0 / 9).squareRoot()]))
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && Array(fitted[1...]) == [3, 5, 6])
    }

    /// One observation: Naive and HistoricAverage have no residual, so σ = 0 (statsforecast's
    /// convention) and the interval collapses onto the forecast.
    @Test func singleObservationHasZeroWidthIntervals() throws {
        for model in [Naive() as any ForecastModel, HistoricAverage(), SeasonalNaive(seasonLength: 1)] {
            let f = try model.forecast([5], horizon: 2, levels: [80])
            #expect(f.mean == [5, 5])
            #expect(f.interval(level: 80)?.lower == [5, 5] && f.interval(level: 80)?.upper == [5, 5])
        }
    }

    /// WindowAverage(3) of 10, 1, 2, 6: (1+2+6)/3 = 3. SeasonalWindowAverage(2, 2) of
    /// 9, 1, 2, 3, 4: the last two seasons are (1, 2), (3, 4); phase means (1+3)/2 = 2 and
    /// (2+4)/2 = 3, repeated: 2, 3, 2.
    @Test func windowAverages() throws {
        #expect(try WindowAverage(windowSize: 3).forecast([10, 1, 2, 6], horizon: 2).mean == [3, 3])
        #expect(try SeasonalWindowAverage(seasonLength: 2, windowSize: 2).forecast([9, 1, 2, 3, 4], horizon: 3).mean == [2, 3, 2])
        #expect(WindowAverage(windowSize: 3).name == "WindowAverage(3)")
        #expect(SeasonalWindowAverage(seasonLength: 7, windowSize: 4).name == "SeasonalWindowAverage(7,4)")
    }

    /// SES(0.5) of 2, 4, 6: the level starts at 2 and takes in 2 → 2, then 4 → 0.5·4 + 0.5·2 = 3,
    /// then 6 → 0.5·6 + 0.5·3 = 4.5. Fitted (one-step forecasts): NaN, 2, 3.
    @Test func simpleExponentialSmoothing() throws {
        let model = SimpleExponentialSmoothing(alpha: 0.5)
        #expect(model.name == "SES(0.5)")
        let f = try model.forecast([2, 4, 6], horizon: 3)
        #expect(f.mean == [4.5, 4.5, 4.5])
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && Array(fitted[1...]) == [2, 3])
        #expect(try model.forecast([7], horizon: 1).mean == [7])
        // Long enough for the four-at-a-time recursion: 8 then nine zeros. The level starts at 8,
        // takes in 8 → 8, then halves with every zero: fitted 8, 4, 2, …, 1/32, forecast 1/64
        // (powers of two, exact in binary).
        let decay = try model.forecast([8, 0, 0, 0, 0, 0, 0, 0, 0, 0], horizon: 1)
        #expect(decay.mean == [1.0 / 64])
        #expect(Array(try #require(decay.fitted)[1...]) == [8, 4, 2, 1, 0.5, 0.25, 0.125, 0.0625, 0.03125])
    }

    /// SESOptimized of 2, 4, 1: the level starts at 2, so the errors are 4 − 2 = 2 and
    /// 1 − (2 + 2α) = −(1 + 2α): SSE(α) = 4 + (1 + 2α)² grows with α, so α goes to the lower
    /// bound 0.01. Levels: 2 → 2, 4 → 0.04 + 1.98 = 2.02, 1 → 0.01 + 0.99·2.02 = 2.0098.
    @Test func simpleExponentialSmoothingOptimized() throws {
        let model = SimpleExponentialSmoothingOptimized()
        #expect(abs(SimpleExponentialSmoothingOptimized.alpha(for: [2, 4, 1]) - 0.01) < 1e-11)
        let f = try model.forecast([2, 4, 1], horizon: 2)
        #expect(Self.close(f.mean, [2.0098, 2.0098], 1e-10))
        let fitted = try #require(f.fitted)
        #expect(fitted[0].isNaN && Self.close(Array(fitted[1...]), [2, 2.02], 1e-10))
        // 0, 10, 20, 30, 40: a trend, each new value is the best guess, so α goes to 0.99.
        #expect(abs(SimpleExponentialSmoothingOptimized.alpha(for: [0, 10, 20, 30, 40]) - 0.99) < 1e-11)
        // A constant series has zero error at every α: the search stops at the first tie.
        #expect(try model.forecast([3, 3, 3, 3], horizon: 1).mean == [3])
    }

    static let all: [any ForecastModel] = [
        Naive(), SeasonalNaive(seasonLength: 7), HistoricAverage(), WindowAverage(windowSize: 7),
        SeasonalWindowAverage(seasonLength: 7, windowSize: 4), RandomWalkWithDrift(),
        SimpleExponentialSmoothing(alpha: 0.1), SimpleExponentialSmoothingOptimized(),
    ]

    @Test func emptySeriesAndZeroHorizonAreErrors() {
        for model in Self.all {
            #expect(throws: ForecastError.emptySeries) { try model.forecast([], horizon: 3) }
            #expect(throws: ForecastError.invalidHorizon(0)) { try model.forecast([1, 2, 3], horizon: 0) }
            #expect(throws: ForecastError.nonFiniteValue(index: 1)) { try model.forecast([1, .nan, 3], horizon: 1) }
            // Long enough for the vectorised scan: the first bad value is still the one named.
            var long = [Double](repeating: 1, count: 40)
            long[13] = -.infinity
            long[30] = .nan
            #expect(throws: ForecastError.nonFiniteValue(index: 13)) { try model.forecast(long, horizon: 1) }
        }
    }

    @Test func parameterErrorsNameTheField() {
        #expect(throws: ForecastError.invalidParameter(name: "alpha", reason: "must be in [0, 1], got 1.5")) {
            try SimpleExponentialSmoothing(alpha: 1.5).forecast([1, 2], horizon: 1)
        }
        #expect(throws: ForecastError.invalidParameter(name: "alpha", reason: "must be in [0, 1], got -0.1")) {
            try SimpleExponentialSmoothing(alpha: -0.1).forecast([1, 2], horizon: 1)
        }
        #expect(throws: ForecastError.invalidParameter(name: "windowSize", reason: "must be at least 1, got 0")) {
            try WindowAverage(windowSize: 0).forecast([1, 2], horizon: 1)
        }
        #expect(throws: ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got 0")) {
            try SeasonalNaive(seasonLength: 0).forecast([1, 2], horizon: 1)
        }
        #expect(throws: ForecastError.invalidParameter(name: "windowSize", reason: "must be at least 1, got -1")) {
            try SeasonalWindowAverage(seasonLength: 7, windowSize: -1).forecast([1, 2], horizon: 1)
        }
        for level in [0.0, 100, 120, -5, .nan] {
            #expect {
                try Naive().forecast([1, 2], horizon: 1, levels: [80, level])
            } throws: { error in
                guard case .invalidParameter(name: "levels", _) = error as? ForecastError else { return false }
                return true
            }
        }
    }

    /// A window or season longer than the history: statsforecast returns NaN, here an error.
    @Test func windowLongerThanSeriesIsAnError() {
        #expect(throws: ForecastError.seriesTooShort(model: "WindowAverage(5)", needed: 5, got: 3)) {
            try WindowAverage(windowSize: 5).forecast([1, 2, 3], horizon: 1)
        }
        #expect(throws: ForecastError.seriesTooShort(model: "SeasonalWindowAverage(7,4)", needed: 28, got: 20)) {
            try SeasonalWindowAverage(seasonLength: 7, windowSize: 4).forecast([Double](repeating: 1, count: 20), horizon: 1)
        }
        #expect(throws: ForecastError.seriesTooShort(model: "SeasonalNaive(7)", needed: 7, got: 3)) {
            try SeasonalNaive(seasonLength: 7).forecast([1, 2, 3], horizon: 1)
        }
        #expect(throws: ForecastError.seriesTooShort(model: "RandomWalkWithDrift", needed: 2, got: 1)) {
            try RandomWalkWithDrift().forecast([1], horizon: 1)
        }
    }
}
