import Foundation
import Testing
@testable import Replenishment

@Suite("LeadTimeDemand")
struct LeadTimeDemandTests {
    /// Poisson(2) by hand: p(k) = e^−2·2^k/k!
    ///   p0 = 0.135335, p1 = 0.270671, p2 = 0.270671, p3 = 0.180447, p4 = 0.090224, p5 = 0.036089
    ///   P(≤3) = 0.857123, P(≤4) = 0.947347, P(≤5) = 0.983436
    /// so the 90 % quantile is 4 (0.8571 < 0.90 ≤ 0.9473) and the 95 % quantile is 5 (0.9473 < 0.95 ≤ 0.9834).
    @Test func poissonMeanTwoQuantiles() throws {
        let d = try LeadTimeDemand.poisson(mean: 2)
        #expect(abs(d.cdf(3) - 0.857123) < 1e-6)
        #expect(abs(d.cdf(4) - 0.947347) < 1e-6)
        #expect(abs(d.cdf(5) - 0.983436) < 1e-6)
        #expect(d.quantile(0.90) == 4)
        #expect(d.quantile(0.95) == 5)
        #expect(d.kind == .poisson && d.variance == 2)
    }

    /// Poisson(0.5): p0 = e^−0.5 = 0.606531, p1 = 0.5·p0 = 0.303265, p2 = 0.25·p1 = 0.075816
    ///   P(≤1) = 0.909796, P(≤2) = 0.985612 → 95 % quantile 2; 90 % quantile 1 (0.6065 < 0.9 ≤ 0.9098).
    @Test func poissonMeanHalfQuantiles() throws {
        let d = try LeadTimeDemand.poisson(mean: 0.5)
        #expect(abs(d.cdf(1) - 0.909796) < 1e-6)
        #expect(abs(d.cdf(2) - 0.985612) < 1e-6)
        #expect(d.quantile(0.95) == 2)
        #expect(d.quantile(0.90) == 1)
        #expect(abs(d.cdf(1.7) - 0.909796) < 1e-6)  // cdf is a step function
        #expect(d.cdf(-0.5) == 0)
    }

    /// NB size 1 = geometric: p = r/(r+μ) = 1/(1+3) = 0.25, P(D=k) = 0.25·0.75^k, P(≤k) = 1 − 0.75^(k+1).
    ///   0.75^8 = 0.1001 > 0.10, 0.75^9 = 0.0751 ≤ 0.10 → 90 % quantile k = 8
    ///   0.75^10 = 0.0563 > 0.05, 0.75^11 = 0.0422 ≤ 0.05 → 95 % quantile k = 10
    ///   variance μ + μ²/r = 3 + 9 = 12.
    @Test func negativeBinomialGeometric() throws {
        let d = try LeadTimeDemand.negativeBinomial(mean: 3, size: 1)
        #expect(d.variance == 12)
        #expect(abs(d.cdf(7) - (1 - pow(0.75, 8))) < 1e-12)
        #expect(d.quantile(0.90) == 8)
        #expect(d.quantile(0.95) == 10)
    }

    /// NB size 2, mean 2: p = 2/(2+2) = 0.5, P(D=k) = C(k+1, k)·0.5²·0.5^k = (k+1)·0.25·0.5^k
    ///   P0 = 0.25, P1 = 0.25, P2 = 0.1875, P3 = 0.125, P4 = 0.078125, P5 = 0.046875, P6 = 0.02734375, P7 = 0.015625
    ///   cdf: 0.25, 0.5, 0.6875, 0.8125, 0.890625, 0.9375, 0.96484375, 0.98046875
    ///   → 90 % quantile 5, 95 % quantile 6, 98 % quantile 7; variance 2 + 4/2 = 4.
    @Test func negativeBinomialSizeTwo() throws {
        let d = try LeadTimeDemand.negativeBinomial(mean: 2, size: 2)
        #expect(d.variance == 4)
        #expect(abs(d.cdf(4) - 0.890625) < 1e-12)
        #expect(abs(d.cdf(6) - 0.96484375) < 1e-12)
        #expect(d.quantile(0.90) == 5)
        #expect(d.quantile(0.95) == 6)
        #expect(d.quantile(0.98) == 7)
        // E[(D − 2)+] = μ − 2 + Σ_{k<2} (2 − k)·P(k) = 0 + 2·0.25 + 1·0.25 = 0.75
        #expect(abs(d.expectedShortage(stock: 2) - 0.75) < 1e-12)
    }

    /// E[(D − 1)+] for Poisson(1) = E[D] − 1 + P(D = 0) = 1 − 1 + e^−1 = 0.3679.
    /// Between integers the loss is linear: at 1.5 it is L(1) − 0.5·P(D > 1) = 0.367879 − 0.5·(1 − 0.735759) = 0.235759.
    @Test func poissonExpectedShortage() throws {
        let d = try LeadTimeDemand.poisson(mean: 1)
        #expect(abs(d.expectedShortage(stock: 1) - exp(-1)) < 1e-12)
        #expect(abs(d.expectedShortage(stock: 1.5) - 0.235759) < 1e-6)
        #expect(abs(d.expectedShortage(stock: 0) - 1) < 1e-12)
        #expect(abs(d.expectedShortage(stock: -2) - 3) < 1e-12)   // E[D + 2]
        #expect(d.expectedShortage(stock: 1e6) == 0)
    }

    /// Normal(100, 20): the 95 % quantile is 100 + 1.644854·20 = 132.897; at stock = mean the shortage is σ·G(0) = 20·0.398942 = 7.97885.
    @Test func normalQuantileAndShortage() throws {
        let d = try LeadTimeDemand.normal(mean: 100, standardDeviation: 20)
        #expect(abs(d.quantile(0.95) - 132.897) < 1e-3)
        #expect(abs(d.cdf(100) - 0.5) < 1e-12)
        #expect(abs(d.expectedShortage(stock: 100) - 7.97885) < 1e-5)
        #expect(d.standardDeviation == 20)
    }

    /// Totals 1…10: P(D ≤ x) = #{t ≤ x}/10. 90 % → the 9th smallest = 9; 95 % → ⌈9.5⌉ = 10th = 10;
    /// P(D ≤ 3.5) = 3/10; E[(D − 7)+] = (1 + 2 + 3)/10 = 0.6; mean 5.5, variance (10² − 1)/12 = 8.25.
    @Test func empiricalLaw() throws {
        let d = try LeadTimeDemand.empirical([7, 3, 10, 1, 5, 2, 9, 4, 8, 6])
        #expect(d.quantile(0.90) == 9)
        #expect(d.quantile(0.95) == 10)
        #expect(d.cdf(3.5) == 0.3)
        #expect(abs(d.expectedShortage(stock: 7) - 0.6) < 1e-12)
        #expect(d.mean == 5.5 && abs(d.variance - 8.25) < 1e-12)
        #expect(d.totals == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        // Fractional totals: the quantile is the smallest integer at or above the total (2.2 → 3),
        // and a negative total counts as zero demand.
        let f = try LeadTimeDemand.empirical([2.2, 0.5, -0.3, 1.0])
        #expect(f.quantile(0.75) == 1)   // ⌈0.75·4⌉ = 3rd of [0, 0.5, 1.0, 2.2] = 1.0
        #expect(f.quantile(0.99) == 3)   // 4th = 2.2 → 3
        #expect(f.totals.first == 0)
    }

    /// The moment-matching rule, with each law's skewness worked out:
    /// - (40, 40, smooth): Poisson skewness 1/√40 = 0.158 ≤ 0.5 and mean ≥ 30 → normal;
    /// - (40, 40, intermittent): count law → Poisson;
    /// - (10, 20): mean < 30, over-dispersed → NB, size 10²/(20 − 10) = 10;
    /// - (10, 5): mean < 30, under-dispersed → Poisson with variance 10;
    /// - (100, 400): NB r = 10⁴/300 = 33.3, μ/r = 3, skew (1 + 6)/√(100·4) = 0.35 → normal keeping variance 400;
    /// - (100, 2500): r = 10⁴/2400 = 4.17, μ/r = 24, skew (1 + 48)/√(100·25) = 0.98 → NB.
    @Test func countsPicksTheLaw() throws {
        let a = try LeadTimeDemand.counts(mean: 40, variance: 40, intermittent: false)
        #expect(a.kind == .normal && a.variance == 40)
        #expect(try LeadTimeDemand.counts(mean: 40, variance: 40, intermittent: true).kind == .poisson)
        let b = try LeadTimeDemand.counts(mean: 10, variance: 20, intermittent: false)
        #expect(b.kind == .negativeBinomial)
        #expect(abs((b.size ?? 0) - 10) < 1e-9)
        let c = try LeadTimeDemand.counts(mean: 10, variance: 5, intermittent: false)
        #expect(c.kind == .poisson && c.variance == 10)
        let d = try LeadTimeDemand.counts(mean: 100, variance: 400, intermittent: false)
        #expect(d.kind == .normal && d.variance == 400)
        #expect(try LeadTimeDemand.counts(mean: 100, variance: 2500, intermittent: false).kind == .negativeBinomial)
        let zero = try LeadTimeDemand.counts(mean: 0, variance: 0, intermittent: true)
        #expect(zero.quantile(0.99) == 0 && zero.cdf(0) == 1 && zero.expectedShortage(stock: 0) == 0)
    }

    /// Large means, where e^−μ underflows and the walk starts near μ − 10σ:
    /// the median of Poisson(λ) for integer λ is λ (Choi 1994), so Poisson(800) has median 800;
    /// Poisson(10⁴)'s 95 % quantile is μ + zσ + (z² − 1)/6 − ½ ≈ 10000 + 164.49 + 0.28 − 0.5 = 10164.3
    /// (Cornish–Fisher with continuity correction), i.e. 10164 or 10165.
    @Test func largeMeansJumpStart() throws {
        #expect(try LeadTimeDemand.poisson(mean: 800).quantile(0.5) == 800)
        let q = try LeadTimeDemand.poisson(mean: 10_000).quantile(0.95)
        #expect(q >= 10_164 && q <= 10_165)
        // NB(μ = 10⁶, r = 100): p(0) = (100/10⁶+100)^100 underflows; σ = √(10⁶ + 10¹²/100) ≈ 10⁵.
        // Skewness ≈ 2/√r = 0.2, so the median sits about skew·σ/6 ≈ 3,300 below the mean.
        let nb = try LeadTimeDemand.negativeBinomial(mean: 1e6, size: 100)
        let median = nb.quantile(0.5)
        #expect(median > 1e6 - 0.1e5 && median < 1e6)
        #expect(abs(nb.cdf(median) - 0.5) < 0.01)
    }

    @Test func invalidInputsNameTheField() {
        expectInvalidParameter("mean") { _ = try LeadTimeDemand.normal(mean: -1, standardDeviation: 1) }
        expectInvalidParameter("standardDeviation") { _ = try LeadTimeDemand.normal(mean: 1, standardDeviation: .nan) }
        expectInvalidParameter("mean") { _ = try LeadTimeDemand.poisson(mean: .nan) }
        expectInvalidParameter("size") { _ = try LeadTimeDemand.negativeBinomial(mean: 1, size: 0) }
        expectInvalidParameter("totals") { _ = try LeadTimeDemand.empirical([]) }
        expectInvalidParameter("totals[1]") { _ = try LeadTimeDemand.empirical([1, .infinity]) }
        expectInvalidParameter("variance") { _ = try LeadTimeDemand.counts(mean: 1, variance: -1, intermittent: false) }
    }
}
