import Foundation
import Testing
@testable import Replenishment

@Suite("LeadTimeDemandBuilder")
struct LeadTimeDemandBuilderTests {
    /// Φ⁻¹(0.975) and Φ⁻¹(0.75): the 95 % and 50 % central-interval half-widths in σ units.
    static let z95 = 1.959964, z50 = 0.674490

    /// Seven days of mean 10, σ 2, given as 50 % and 95 % bounds 10 ± 0.67449·2 and 10 ± 1.95996·2.
    /// σ = (u − l)/(2·1.95996) = 2 → total mean 7·10 = 70, variance 7·2² = 28. Smooth, mean ≥ 30 and
    /// variance < mean (Poisson skew 1/√70 = 0.12) → normal.
    @Test func sevenNormalDays() throws {
        let means = [Double](repeating: 10, count: 7)
        let lower = means.map { [$0 - Self.z50 * 2, $0 - Self.z95 * 2] }
        let upper = means.map { [$0 + Self.z50 * 2, $0 + Self.z95 * 2] }
        let d = try LeadTimeDemandBuilder.fromDailyForecast(
            means: means, lower: lower, upper: upper, levels: [50, 95], days: 7,
            leadTime: LeadTime(meanDays: 7), intermittent: false)
        #expect(d.kind == .normal)
        #expect(abs(d.mean - 70) < 1e-9)
        #expect(abs(d.variance - 28) < 1e-4)
    }

    /// A lower bound clipped at zero: mean 1, 95 % bounds [0, 4.91993] (= 1 + 1.95996·2). The half-width
    /// gives σ = 4.91993/3.91993 = 1.255, the upper half (4.91993 − 1)/1.95996 = 2 — the larger, 2, is used:
    /// one day → variance 4. Intermittent → over-dispersed count law, NB with size 1²/(4 − 1) = 1/3.
    @Test func clippedLowerBoundUsesUpperHalf() throws {
        let d = try LeadTimeDemandBuilder.fromDailyForecast(
            means: [1], lower: [[0]], upper: [[1 + Self.z95 * 2]], levels: [95], days: 1,
            leadTime: LeadTime(meanDays: 1), intermittent: true)
        #expect(d.kind == .negativeBinomial)
        #expect(abs(d.variance - 4) < 1e-4)
        #expect(abs((d.size ?? 0) - 1.0 / 3) < 1e-4)
    }

    /// 3.5 days of mean 20, variance 4: 3 whole days + half of the 4th → mean 3.5·20 = 70, variance 3.5·4 = 14.
    @Test func fractionalDays() throws {
        let d = try LeadTimeDemandBuilder.fromDailyMoments(
            means: [Double](repeating: 20, count: 10), variances: [Double](repeating: 4, count: 10),
            days: 3.5, leadTime: LeadTime(meanDays: 3.5), intermittent: false)
        #expect(abs(d.mean - 70) < 1e-12)
        #expect(abs(d.variance - 14) < 1e-12)
    }

    /// A 14-day forecast with means 1, 2, …, 14 over 17 days: days 1–14 sum to 14·15/2 = 105, and days
    /// 15–17 repeat the last week's first three days (days 8, 9, 10: means 8 + 9 + 10 = 27) → 132.
    /// With a 5-day forecast (means 1…5) the cycle is those 5 days: 8 days → 15 + (1 + 2 + 3) = 21.
    @Test func repeatsTheLastWeekBeyondTheHorizon() throws {
        let means = (1...14).map(Double.init)
        let d = try LeadTimeDemandBuilder.fromDailyMoments(
            means: means, variances: [Double](repeating: 1, count: 14), days: 17,
            leadTime: LeadTime(meanDays: 17), intermittent: false)
        #expect(abs(d.mean - 132) < 1e-12)
        #expect(abs(d.variance - 17) < 1e-12)
        let short = try LeadTimeDemandBuilder.fromDailyMoments(
            means: [1, 2, 3, 4, 5], variances: [1, 1, 1, 1, 1], days: 8,
            leadTime: LeadTime(meanDays: 8), intermittent: true)
        #expect(abs(short.mean - 21) < 1e-12)
    }

    /// Random lead time (Chopra & Meindl): d̄ = 10/day, σ_d = 3, L̄ = 4, σ_L = 1 →
    /// σ² = L̄·σ_d² + d̄²·σ_L² = 4·9 + 100·1 = 136, σ = √136 = 11.66.
    /// Mean 40 ≥ 30; NB moments r = 40²/(136 − 40) = 16.67, skew (1 + 80/16.67)/√136 = 5.8/11.66 = 0.497 ≤ 0.5 → normal.
    @Test func randomLeadTimeTerm() throws {
        let d = try LeadTimeDemandBuilder.fromDailyMoments(
            means: [10, 10, 10, 10], variances: [9, 9, 9, 9], days: 4,
            leadTime: LeadTime(meanDays: 4, standardDeviationDays: 1), intermittent: false)
        #expect(abs(d.mean - 40) < 1e-12)
        #expect(abs(d.variance - 136) < 1e-9)
        #expect(abs(d.standardDeviation - 11.66) < 0.005)
        #expect(d.kind == .normal)
    }

    /// Paths [1,2,3], [0,0,5], [2,2,2], [4,0,0] over 2 days → totals 3, 0, 4, 4: mean 11/4 = 2.75,
    /// 50 % quantile = 2nd smallest of [0, 3, 4, 4] = 3.
    @Test func samplePaths() throws {
        let d = try LeadTimeDemandBuilder.fromSamplePaths([[1, 2, 3], [0, 0, 5], [2, 2, 2], [4, 0, 0]], days: 2)
        #expect(d.kind == .empirical)
        #expect(d.mean == 2.75)
        #expect(d.quantile(0.5) == 3)
        #expect(d.totals == [0, 3, 4, 4])
    }

    @Test func invalidInputsNameTheField() {
        let ok = [[1.0]]
        expectInvalidParameter("levels") {
            _ = try LeadTimeDemandBuilder.fromDailyForecast(means: [1], lower: [[]], upper: [[]], levels: [], days: 1,
                                                            leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("levels[0]") {
            _ = try LeadTimeDemandBuilder.fromDailyForecast(means: [1], lower: ok, upper: ok, levels: [100], days: 1,
                                                            leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("lower") {
            _ = try LeadTimeDemandBuilder.fromDailyForecast(means: [1, 1], lower: ok, upper: ok, levels: [95], days: 1,
                                                            leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("upper[0][0]") {
            _ = try LeadTimeDemandBuilder.fromDailyForecast(means: [1], lower: [[2]], upper: [[1]], levels: [95], days: 1,
                                                            leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("means[1]") {
            _ = try LeadTimeDemandBuilder.fromDailyMoments(means: [1, .nan], variances: [1, 1], days: 2,
                                                           leadTime: LeadTime(meanDays: 2), intermittent: false)
        }
        expectInvalidParameter("variances[0]") {
            _ = try LeadTimeDemandBuilder.fromDailyMoments(means: [1], variances: [-1], days: 1,
                                                           leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("days") {
            _ = try LeadTimeDemandBuilder.fromDailyMoments(means: [1], variances: [1], days: .nan,
                                                           leadTime: LeadTime(meanDays: 1), intermittent: false)
        }
        expectInvalidParameter("leadTime.standardDeviationDays") {
            _ = try LeadTimeDemandBuilder.fromDailyMoments(means: [1], variances: [1], days: 1,
                                                           leadTime: LeadTime(meanDays: 1, standardDeviationDays: -1), intermittent: false)
        }
        expectInvalidParameter("paths[1]") { _ = try LeadTimeDemandBuilder.fromSamplePaths([[1, 2], [1]], days: 2) }
        expectInvalidParameter("paths") { _ = try LeadTimeDemandBuilder.fromSamplePaths([], days: 2) }
    }
}
