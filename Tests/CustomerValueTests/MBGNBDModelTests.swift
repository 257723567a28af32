import CustomerValue
import Foundation
import Testing
import TestSupport

/// MBG/NBD on the CDNOW summary: r = 0.525, α = 6.183, a = 0.891, b = 1.614 (lifetimes' test
/// against BTYDplus; reference table §4.3).
@Suite("MBG/NBD")
struct MBGNBDModelTests {
    static let published = try! MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614)

    @Test func fitMatchesTheReferenceParameters() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let customers = data.summary.map { RFMSummary(frequency: $0.frequency, recency: $0.recency, age: $0.age) }
        let start = ContinuousClock.now
        let model = try MBGNBDModel.fit(customers)
        print("MBG/NBD fit on CDNOW: \(ContinuousClock.now - start), r \(model.r) α \(model.alpha) a \(model.a) b \(model.b)")
        #expect(abs(model.r - 0.525) < 0.0005)
        #expect(abs(model.alpha - 6.183) < 0.0005)
        #expect(abs(model.a - 0.891) < 0.0005)
        #expect(abs(model.b - 1.614) < 0.0005)
        // An independent scipy Nelder–Mead fit of Batislam et al.'s likelihood, run for this test,
        // reached LL −9582.1327 (−9582.1328 at the rounded parameters).
        // Not asserted: no published log-likelihood exists for MBG/NBD on CDNOW.
        #expect(model.logLikelihood(customers).isFinite)
    }

    @Test func oneTimeBuyersCanBeDead() throws {
        // [1 + a/b · ((α+T)/α)^r]⁻¹ for x = 0, T = 38.86, by hand: 0.891/1.614 = 0.552045;
        // 45.043/6.183 = 7.284975, ln = 1.985814, ·0.525 = 1.042552, exp = 2.836447 → 1/(1 + 1.565843).
        let p = Self.published.probabilityAlive(RFMSummary(frequency: 0, recency: 0, age: 38.86))
        #expect(abs(p - 1 / 2.565843) < 1e-5)
    }

    @Test func purchaseCountProbabilitiesSumToOne() throws {
        // A property of any distribution: Σₙ P(X(39) = n) = 1; and P(X(0) = 0) = 1.
        let total = try (0..<400).reduce(0.0) { $0 + (try Self.published.probabilityOfPurchases($1, in: 39)) }
        #expect(abs(total - 1) < 1e-6)
        #expect(abs(try Self.published.probabilityOfPurchases(0, in: 0) - 1) < 1e-12)
    }

    @Test func expectationsAgreeWithTheCountDistribution() throws {
        // E[X(t)] from eq. 5 must equal Σ n·P(X(t) = n): two different formulas of the paper.
        let mean = try (0..<600).reduce(0.0) { $0 + Double($1) * (try Self.published.probabilityOfPurchases($1, in: 39)) }
        #expect(abs(try Self.published.expectedPurchases(in: 39) - mean) < 1e-5)
    }

    @Test func conditionalExpectationGrowsWithHorizon() throws {
        let c = RFMSummary(frequency: 2, recency: 30.43, age: 38.86)
        let y10 = try Self.published.conditionalExpectedPurchases(in: 10, for: c)
        let y39 = try Self.published.conditionalExpectedPurchases(in: 39, for: c)
        #expect(try Self.published.conditionalExpectedPurchases(in: 0, for: c) == 0)
        #expect(y10 > 0 && y39 > y10)
    }

    @Test func invalidInputNamesTheField() throws {
        #expect(throws: CustomerValueError.invalidInput(index: 0, field: "age", reason: "must be a finite number > 0, got 0.0")) {
            try MBGNBDModel.fit([RFMSummary(frequency: 0, recency: 0, age: 0)])
        }
        #expect(throws: CustomerValueError.self) { try MBGNBDModel(r: 1, alpha: .nan, a: 1, b: 1) }
        #expect(throws: CustomerValueError.self) { try Self.published.probabilityOfPurchases(-1, in: 3) }
    }
}
