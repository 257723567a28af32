import CustomerValue
import Foundation
import Testing
import TestSupport

/// BG/BB against the donations data (11,104 donors, 6 opportunities) and Hardie's spreadsheet
/// values in the reference table §4.3: α=1.204, β=0.750, γ=0.657, δ=2.783; expected counts of
/// donors with 0 and 6 repeat donations in the first 6 opportunities 3,454.9 and 1,253.1; 12,884.2
/// expected repeat donations over the 5 holdout opportunities.
@Suite struct BGBBModelTests {
    static func donationsFit() throws -> (BGBBFit, LifetimesCDNOW)? {
        guard let data = LifetimesCDNOW.load() else { return nil }
        let d = data.donations
        let fit = try BGBBModel.fit(
            frequency: d.map { Int($0.frequency) }, recency: d.map { Int($0.recency) },
            periods: d.map { Int($0.periods) }, weights: d.map(\.weight))
        return (fit, data)
    }

    @Test func fitMatchesPublishedParameters() throws {
        guard let (fit, _) = try Self.donationsFit() else { return }
        let m = fit.model
        #expect(abs(m.alpha - 1.204) < 0.0015, "alpha \(m.alpha)")
        #expect(abs(m.beta - 0.750) < 0.0015, "beta \(m.beta)")
        #expect(abs(m.gamma - 0.657) < 0.0015, "gamma \(m.gamma)")
        #expect(abs(m.delta - 2.783) < 0.0015, "delta \(m.delta)")
        // The optimum is at least as likely as the published (rounded) parameters.
        let published = try BGBBModel(alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783)
        let d = try #require(LifetimesCDNOW.load()).donations
        let atPublished = d.reduce(0.0) {
            $0 + $1.weight * published.logLikelihood(frequency: Int($1.frequency), recency: Int($1.recency), periods: Int($1.periods))
        }
        #expect(fit.logLikelihood >= atPublished - 1e-9)
    }

    @Test func expectedHistogramOfTheFirstSixOpportunities() throws {
        guard let (fit, data) = try Self.donationsFit() else { return }
        let donors = data.donations.reduce(0) { $0 + $1.weight }
        #expect(donors == 11_104)
        let zero = fit.model.probabilityOfTransactions(0, inFirst: 6) * donors
        let six = fit.model.probabilityOfTransactions(6, inFirst: 6) * donors
        #expect(abs(zero - 3_454.9) < 0.5, "x=0: \(zero)")
        #expect(abs(six - 1_253.1) < 0.5, "x=6: \(six)")
        // The distribution sums to 1, and its mean is eq. 8's E[X(6)].
        let probabilities = (0...6).map { fit.model.probabilityOfTransactions($0, inFirst: 6) }
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        let mean = probabilities.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element }
        #expect(abs(mean - fit.model.expectedTransactions(inFirst: 6)) < 1e-10)
    }

    @Test func conditionalExpectationOverTheHoldoutTotals() throws {
        guard let (fit, data) = try Self.donationsFit() else { return }
        let total = data.donations.reduce(0.0) {
            $0 + $1.weight * fit.model.conditionalExpectedTransactions(
                inNext: 5, frequency: Int($1.frequency), recency: Int($1.recency), periods: Int($1.periods))
        }
        #expect(abs(total - 12_884.2) < 1, "total \(total)")
    }

    /// Hand checks from the model's definition: with (almost) no dropout, E[X(n)] → E[p]·n; a donor
    /// who gave at every opportunity is more likely alive than one who stopped early.
    @Test func limitsAndOrdering() throws {
        // E[X(8)] = α/(α+β) · δ/(γ−1) · [1 − (δ+8)/δ] = 0.75 · 8 = 6 as γ → 0 (the Γ ratio telescopes).
        let nearlyImmortal = try BGBBModel(alpha: 3, beta: 1, gamma: 1e-9, delta: 10)
        #expect(abs(nearlyImmortal.expectedTransactions(inFirst: 8) - 6) < 1e-6)
        let m = try BGBBModel(alpha: 1.204, beta: 0.750, gamma: 0.657, delta: 2.783)
        let loyal = m.probabilityAlive(frequency: 6, recency: 6, periods: 6)
        let lapsed = m.probabilityAlive(frequency: 1, recency: 1, periods: 6)
        #expect(loyal > lapsed)
        #expect(loyal <= 1 && lapsed > 0)
        // A donor who gave at the last opportunity was alive then: P(alive at n + 0) = 1.
        #expect(abs(m.probabilityAlive(frequency: 6, recency: 6, periods: 6, ahead: 0) - 1) < 1e-12)
    }

    /// At γ = 1 eq. 8 has a removable singularity; its limit is
    /// α/(α+β) · δ · Σ_{k=0}^{n−1} 1/(1+δ+k) (L'Hôpital: ψ(1+δ+n) − ψ(1+δ)). With α=β=1, δ=2, n=3:
    /// 0.5 · 2 · (1/3 + 1/4 + 1/5) = 47/60.
    @Test func gammaOneIsTheLimit() throws {
        let m = try BGBBModel(alpha: 1, beta: 1, gamma: 1, delta: 2)
        #expect(abs(m.expectedTransactions(inFirst: 3) - 47.0 / 60.0) < 1e-8)
        // The conditional expectation from x = 0 after 0 opportunities is the unconditional one.
        let fresh = m.conditionalExpectedTransactions(inNext: 3, frequency: 0, recency: 0, periods: 0)
        #expect(abs(fresh - 47.0 / 60.0) < 1e-8)
    }

    @Test func fitsReportConvergence() throws {
        guard let (fit, _) = try Self.donationsFit() else { return }
        #expect(fit.converged)
    }

    @Test func invalidHistoriesNameTheField() {
        #expect(throws: CustomerValueError.invalidInput(index: 0, field: "recency", reason: "must be 0 without transactions, else in 2...6; got 1")) {
            try BGBBModel.fit(frequency: [2], recency: [1], periods: [6])
        }
        #expect(throws: CustomerValueError.invalidParameter(name: "delta", reason: "must be a finite number > 0, got 0.0")) {
            try BGBBModel(alpha: 1, beta: 1, gamma: 1, delta: 0)
        }
    }
}
