import Forecasting
import Foundation
import Testing

/// How AutoTheta and the four fixed-variant models put the pieces together: which decomposition
/// they apply, which variant they keep, and what they refuse.
@Suite struct ThetaAutoTests {
    /// Weekly-patterned positive demand with a slow trend and a deterministic wiggle.
    static func weekly(_ season: [Double], days: Int = 70) -> [Double] {
        (0..<days).map { t -> Double in
            let x = Double(t)
            let trend: Double = 20 + 0.1 * x
            return trend * season[t % 7] + 0.5 * sin(1.7 * x)
        }
    }

    /// A trend with a wiggle and no weekly cycle.
    static func wiggly(days: Int, level: Double, slope: Double, amplitude: Double, frequency: Double) -> [Double] {
        (0..<days).map { t -> Double in
            let x = Double(t)
            let trend: Double = level + slope * x
            return trend + amplitude * sin(frequency * x) + cos(2.3 * x)
        }
    }

    static let season = [1.3, 0.8, 0.9, 1.0, 1.1, 1.2, 0.7]

    @Test func keepsTheCandidateWithTheSmallestCriterion() throws {
        let series: [[Double]] = [Self.weekly(Self.season), Self.wiggly(days: 60, level: 5, slope: 0.2, amplitude: 3, frequency: 0.9)]
        for y in series {
            let fit = try AutoTheta(seasonLength: 7).fit(y)
            let variants: [ThetaVariant] = fit.candidates.map { $0.variant }
            #expect(variants == [.stm, .otm, .dstm, .dotm])
            let criteria: [Double] = fit.candidates.map { $0.criterion }
            let smallest = criteria.min()!
            #expect(fit.chosen.criterion == smallest)
            #expect(fit.chosen.variant == variants[criteria.firstIndex(of: smallest)!])
        }
    }

    @Test func fixedVariantModelsFitOnlyTheirVariant() throws {
        let y = Self.weekly(Self.season)
        #expect(try Theta(seasonLength: 7).fit(y).candidates.map(\.variant) == [.stm])
        #expect(try OptimizedTheta(seasonLength: 7).fit(y).candidates.map(\.variant) == [.otm])
        #expect(try DynamicTheta(seasonLength: 7).fit(y).candidates.map(\.variant) == [.dstm])
        #expect(try DynamicOptimizedTheta(seasonLength: 7).fit(y).candidates.map(\.variant) == [.dotm])
        #expect(Theta(seasonLength: 7).name == "Theta(7)")
        #expect(DynamicOptimizedTheta().name == "DynamicOptimizedTheta(1)")
        #expect(AutoTheta(seasonLength: 7).name == "AutoTheta(7)")
        // θ stays at 2 where it is not a parameter, and is at least 1 where it is.
        #expect(try Theta(seasonLength: 7).fit(y).chosen.parameters.theta == 2)
        #expect(try DynamicTheta(seasonLength: 7).fit(y).chosen.parameters.theta == 2)
        #expect(try OptimizedTheta(seasonLength: 7).fit(y).chosen.parameters.theta >= 1)
    }

    @Test func decompositionFollowsStatsforecastsRules() throws {
        let positive = Self.weekly(Self.season)
        #expect(try AutoTheta(seasonLength: 7).fit(positive).decomposition?.kind == .multiplicative)
        #expect(try AutoTheta(seasonLength: 7, decomposition: .additive).fit(positive).decomposition?.kind == .additive)
        // A zero in the history rules out dividing by indices.
        var withZero = positive
        withZero[10] = 0
        #expect(try AutoTheta(seasonLength: 7).fit(withZero).decomposition?.kind == .additive)
        // A phase near zero gives an index below 0.01: additive instead.
        let nearZero = Self.weekly([1, 1, 1, 1, 1, 1, 0.001]).map { max($0, 0.0005) }
        #expect(nearZero.allSatisfy { $0 > 0 })
        #expect(try AutoTheta(seasonLength: 7).fit(nearZero).decomposition?.kind == .additive)
        // Seasons shorter than 4, and no season at all, are never tested.
        #expect(try AutoTheta(seasonLength: 3).fit(positive).decomposition == nil)
        #expect(try AutoTheta(seasonLength: 1).fit(positive).decomposition == nil)
        // Nor is a history shorter than two seasons.
        #expect(try AutoTheta(seasonLength: 7).fit(Array(positive.prefix(13))).decomposition == nil)
    }

    /// The forecast is the adjusted-scale forecast times the index of the phase it falls on, and
    /// the fitted values are put back on the original scale the same way.
    @Test func forecastsAreReseasonalised() throws {
        let y = Self.weekly(Self.season, days: 68)
        let fit = try AutoTheta(seasonLength: 7).fit(y)
        let d = try #require(fit.decomposition)
        let f = try fit.forecast(horizon: 10)
        let adjusted = fit.chosen.forecast(horizon: 10)
        for j in 0..<10 { #expect(abs(f.mean[j] - adjusted[j] * d.seasonal(at: 68 + j)) < 1e-12) }
        #expect(d.seasonal(at: 68) == d.indices[68 % 7])
        let fitted = try #require(f.fitted)
        for t in [0, 5, 67] {
            #expect(abs(fitted[t] - fit.chosen.fitted[t] * d.seasonal(at: t)) < 1e-12)
            #expect(abs(fit.residuals[t] - (y[t] - fitted[t])) < 1e-9)
        }
    }

    /// Both optimisers end no worse than where they start (ℓ₀ = y₁/2, α = 0.5, θ = 2).
    @Test func optimisersImproveOnTheStart() throws {
        let y = Self.wiggly(days: 80, level: 10, slope: 0.05, amplitude: 2, frequency: 0.7)
        let start = ThetaParameters(initialLevel: y[0] / 2, alpha: 0.5, theta: 2)
        for variant in ThetaVariant.allCases {
            let initial = try ThetaFit(y, variant: variant, parameters: start).criterion
            for optimizer in [ThetaFit.Optimizer.statsforecastSimplex, .nloptNelderMead] {
                let fit = try ThetaFit.optimized(y, variant: variant, optimizer: optimizer)
                #expect(fit.criterion <= initial)
                #expect((0.1...0.99).contains(fit.parameters.alpha))
                #expect(fit.parameters.theta >= 1)
            }
        }
    }

    @Test func intervalsNestAndCoverTheForecast() throws {
        let y = Self.weekly(Self.season)
        for model in [AutoTheta(seasonLength: 7), AutoTheta(seasonLength: 7, decomposition: .additive), AutoTheta()] {
            let f = try model.forecast(y, horizon: 14, levels: [95, 80])
            let i80 = try #require(f.interval(level: 80)), i95 = try #require(f.interval(level: 95))
            for h in 0..<14 {
                #expect(i95.lower[h] <= i80.lower[h] && i80.lower[h] < f.mean[h])
                #expect(f.mean[h] < i80.upper[h] && i80.upper[h] <= i95.upper[h])
            }
        }
        // Without a season the width never shrinks as the horizon grows.
        let f = try AutoTheta().forecast(y, horizon: 14, levels: [95])
        let width = zip(f.intervals[0].upper, f.intervals[0].lower).map { $0 - $1 }
        for h in 1..<14 { #expect(width[h] >= width[h - 1] - 1e-12) }
    }

    /// An item that never sold forecasts zero with a zero-width interval (σ = 0), not an error.
    @Test func neverSoldForecastsZero() throws {
        let f = try AutoTheta(seasonLength: 7).forecast([Double](repeating: 0, count: 60), horizon: 7, levels: [95])
        #expect(f.mean.allSatisfy { abs($0) < 1e-12 })
        #expect(f.intervals[0].upper.allSatisfy { abs($0) < 1e-12 })
    }

    @Test func errorsNameTheField() {
        let y = Self.weekly(Self.season)
        #expect(throws: ForecastError.invalidParameter(name: "seasonLength", reason: "must be at least 1, got 0")) {
            try AutoTheta(seasonLength: 0).forecast(y, horizon: 3)
        }
        #expect(throws: ForecastError.invalidParameter(name: "levels", reason: "each level must be in (0, 100) percent, got 0.0")) {
            try Theta(seasonLength: 7).forecast(y, horizon: 3, levels: [0])
        }
        #expect(throws: ForecastError.invalidHorizon(0)) { try AutoTheta().forecast(y, horizon: 0) }
        #expect(throws: ForecastError.emptySeries) { try OptimizedTheta().forecast([], horizon: 3) }
        #expect(throws: ForecastError.nonFiniteValue(index: 1)) { try DynamicTheta().forecast([1, .nan, 2, 3], horizon: 3) }
        #expect(throws: ForecastError.seriesTooShort(model: "AutoTheta(1)", needed: 4, got: 3)) { try AutoTheta().forecast([1, 2, 3], horizon: 3) }
        #expect(throws: ForecastError.seriesTooShort(model: "DynamicOptimizedTheta(1)", needed: 4, got: 3)) {
            try DynamicOptimizedTheta().forecast([1, 2, 3], horizon: 3)
        }
    }
}
