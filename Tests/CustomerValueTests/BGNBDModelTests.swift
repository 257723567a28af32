import CustomerValue
import Foundation
import Testing
import TestSupport

/// BG/NBD against Fader, Hardie & Lee (2005) on the CDNOW summary (2,357 customers, weeks),
/// with the values of the reference table (docs/reference/forecasting-inventory-clv-risk.md §4.3).
@Suite("BG/NBD")
struct BGNBDModelTests {
    static func customers(_ data: LifetimesCDNOW) -> [RFMSummary] {
        data.summary.map { RFMSummary(frequency: $0.frequency, recency: $0.recency, age: $0.age) }
    }

    /// The published estimates: FHL 2005, Table/§5 (r, α, a, b).
    static let published = try! BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

    /// The maximum-likelihood fit on CDNOW: lifetimes' point checks of E[X(t)] are made at its own
    /// fit, not at the rounded published values.
    static let fitted: BGNBDModel? = {
        guard let data = LifetimesCDNOW.load(skipping: "BG/NBD fit") else { return nil }
        return try? BGNBDModel.fit(customers(data))
    }()

    @Test func fitMatchesThePublishedParametersAndLogLikelihood() throws {
        guard let data = LifetimesCDNOW.load() else { return }
        let customers = Self.customers(data)
        let start = ContinuousClock.now
        let model = try BGNBDModel.fit(customers)
        print("BG/NBD fit on CDNOW: \(ContinuousClock.now - start), r \(model.r) α \(model.alpha) a \(model.a) b \(model.b)")
        #expect(abs(model.r - 0.243) < 0.0005)
        #expect(abs(model.alpha - 4.414) < 0.0005)
        #expect(abs(model.a - 0.793) < 0.0005)
        #expect(abs(model.b - 2.426) < 0.0005)
        #expect(abs(model.logLikelihood(customers) - -9582.4) < 0.05)
    }

    @Test func conditionalExpectationOfTheFirstCustomer() throws {
        // FHL 2005 §5: a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226
        // purchases in the next 39 weeks.
        let c = RFMSummary(frequency: 2, recency: 30.43, age: 38.86)
        let y = try Self.published.conditionalExpectedPurchases(in: 39, for: c)
        #expect(abs(y - 1.226) < 0.0015)
    }

    @Test(arguments: [(0.1429, 0.0078), (1, 0.0532), (3, 0.1506), (31.8571, 1.0405), (32, 1.0437), (78, 1.8576)])
    func unconditionalExpectation(t: Double, expected: Double) throws {
        // lifetimes' test values of E[X(t)] at its maximum-likelihood fit on CDNOW, to 3 decimals
        // (the reference table re-computed them with scipy to that precision).
        guard let model = Self.fitted else { return }
        #expect(abs(try model.expectedPurchases(in: t) - expected) < 0.0005)
    }

    @Test func probabilityOfNoPurchaseIn39Weeks() throws {
        // P(X(39) = 0) = 0.5737864 at the published parameters (lifetimes' test).
        #expect(abs(try Self.published.probabilityOfPurchases(0, in: 39) - 0.5737864) < 1e-6)
    }

    @Test func purchaseCountProbabilitiesSumToOne() throws {
        // A property of any distribution, independent of the code: Σₙ P(X(39) = n) = 1.
        let total = try (0..<400).reduce(0.0) { $0 + (try Self.published.probabilityOfPurchases($1, in: 39)) }
        #expect(abs(total - 1) < 1e-6)
    }

    @Test func probabilityAliveByHand() throws {
        // [1 + a/(b+x−1)·((α+T)/(α+t_x))^{r+x}]⁻¹ for x = 2, t_x = 30.43, T = 38.86, worked by hand:
        // 0.793/3.426 = 0.231465; (43.274/34.844)^{2.243} = 1.24194^{2.243} = 1.62650; → 1/(1 + 0.376482).
        let c = RFMSummary(frequency: 2, recency: 30.43, age: 38.86)
        #expect(abs(Self.published.probabilityAlive(c) - 1 / 1.376482) < 1e-4)
        #expect(Self.published.probabilityAlive(RFMSummary(frequency: 0, recency: 0, age: 30)) == 1)
    }

    @Test func penaltyShrinksTheParameters() throws {
        // The L2 term pulls the (scaled) parameters towards 0, so the penalized fit has a smaller
        // Σθ² and a lower likelihood than the unpenalized one.
        guard let data = LifetimesCDNOW.load(), let free = Self.fitted else { return }
        let customers = Self.customers(data)
        let penalized = try BGNBDModel.fit(customers, penalizer: 0.1)
        let scale = 10 / customers.map(\.age).max()!
        func norm(_ m: BGNBDModel) -> Double {
            m.r * m.r + (m.alpha * scale) * (m.alpha * scale) + m.a * m.a + m.b * m.b
        }
        #expect(norm(penalized) < norm(free))
        #expect(penalized.logLikelihood(customers) < free.logLikelihood(customers))
    }

    @Test func weightsCountCustomers() throws {
        // Two customers given weight 3 and 1 are the same data as four rows.
        let a = RFMSummary(frequency: 2, recency: 20, age: 30), b = RFMSummary(frequency: 0, recency: 0, age: 25)
        let c = RFMSummary(frequency: 5, recency: 28, age: 29), d = RFMSummary(frequency: 1, recency: 3, age: 40)
        let weighted = try BGNBDModel.fit([a, b, c, d], weights: [3, 1, 2, 1])
        let expanded = try BGNBDModel.fit([a, a, a, b, c, c, d])
        #expect(abs(weighted.r - expanded.r) < 1e-9 && abs(weighted.b - expanded.b) < 1e-9)
        #expect(throws: CustomerValueError.self) { try BGNBDModel.fit([a, b], weights: [1]) }
        #expect(throws: CustomerValueError.self) { try BGNBDModel.fit([a, b], weights: [1, -1]) }
    }

    @Test func invalidInputNamesTheField() throws {
        #expect(throws: CustomerValueError.invalidInput(index: 1, field: "recency", reason: "must not exceed age (5.0), got 6.0")) {
            try BGNBDModel.fit([RFMSummary(frequency: 1, recency: 2, age: 5), RFMSummary(frequency: 1, recency: 6, age: 5)])
        }
        #expect(throws: CustomerValueError.self) { try BGNBDModel.fit([RFMSummary(frequency: -1, recency: 0, age: 5)]) }
        #expect(throws: CustomerValueError.emptyData) { try BGNBDModel.fit([]) }
        #expect(throws: CustomerValueError.self) { try BGNBDModel(r: 0, alpha: 1, a: 1, b: 1) }
        #expect(throws: CustomerValueError.self) { try Self.published.expectedPurchases(in: -1) }
    }
}
