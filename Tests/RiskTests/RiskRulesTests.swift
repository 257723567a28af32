import Testing
@testable import Risk

@Suite("RiskRules")
struct RiskRulesTests {
    /// A vector with every rule feature at a harmless zero.
    static func quiet() -> RiskFeatureVector {
        var v = RiskFeatureVector()
        for f in RiskFeature.allCases { v[f] = 0 }
        return v
    }

    /// Per standard rule: the values that make it fire, and a neighbour just short of them.
    static let cases: [(rule: String, fires: [RiskFeature: Double], neighbour: [RiskFeature: Double])] = [
        ("avsAndCvvMismatch", [.avsMismatch: 1, .cvvMismatch: 1], [.avsMismatch: 1, .cvvMismatch: 0]),
        ("failedPaymentAttempts", [.failedPaymentAttempts: 3], [.failedPaymentAttempts: 2]),
        ("cardSharedByCustomers", [.cardDistinctCustomers7d: 3], [.cardDistinctCustomers7d: 2]),
        ("cardVelocity1h", [.cardOrders1h: 3], [.cardOrders1h: 2]),
        ("ipSharedByCustomers", [.ipDistinctCustomers24h: 4], [.ipDistinctCustomers24h: 3]),
        ("newCustomerHighValueExpress", [.newCustomerHighValue: 1, .expressShippingFirstOrder: 1], [.newCustomerHighValue: 0, .expressShippingFirstOrder: 1]),
        ("newCustomerHighValueCountryMismatch", [.newCustomerHighValue: 1, .billingShippingCountryDiffer: 1], [.newCustomerHighValue: 1, .billingShippingCountryDiffer: 0]),
        ("refundWithoutMatchingSale", [.refundWithoutMatchingSale: 1], [.refundWithoutMatchingSale: 0]),
        ("staffRefundVelocity", [.staffRefunds24h: 10], [.staffRefunds24h: 9]),
        ("manualDiscountOverride", [.manualDiscountShare: 0.5], [.manualDiscountShare: 0.49]),
        ("staffOverrideVelocity", [.staffDiscountOverrides24h: 10], [.staffDiscountOverrides24h: 9]),
        ("giftCardBurst", [.customerGiftCardPurchases24h: 3], [.customerGiftCardPurchases24h: 2]),
        ("staffGiftCardVelocity", [.staffGiftCardSales24h: 10], [.staffGiftCardSales24h: 9]),
    ]

    @Test("each standard rule fires on its hand-built vector, alone, and not on its neighbour")
    func eachRule() {
        #expect(Set(Self.cases.map(\.rule)) == Set(RiskRules.standard.rules.map(\.name)))
        for c in Self.cases {
            var v = Self.quiet()
            for (f, x) in c.fires { v[f] = x }
            #expect(RiskRules.standard.evaluate(v).map(\.rule) == [c.rule], "\(c.rule) fires")
            var n = Self.quiet()
            for (f, x) in c.neighbour { n[f] = x }
            #expect(RiskRules.standard.evaluate(n).isEmpty, "\(c.rule) stays quiet on its neighbour")
        }
        #expect(RiskRules.standard.evaluate(Self.quiet()).isEmpty)
        // Missing values never fire a rule.
        #expect(RiskRules.standard.evaluate(RiskFeatureVector()).isEmpty)
    }

    @Test("assess: level is the highest floor, facts fill in the values, probability adds the weights")
    func assess() {
        var v = Self.quiet()
        v[.cardOrders1h] = 4
        v[.avsMismatch] = 1
        v[.cvvMismatch] = 1
        let a = RiskRules.standard.assess(v)
        // AVS + CVV lift to HIGH; the BIN velocity adds its fact and weight but no floor.
        #expect(a.level == .high)
        #expect(a.scorer == "rules")
        #expect(a.facts.map(\.source) == ["avsAndCvvMismatch", "cardVelocity1h"])
        #expect(a.facts[1].description == "4 earlier orders paid with this card in the last hour")
        #expect(a.facts.allSatisfy { $0.sentiment == .negative })
        // σ(logit(0.005) + 3.5 + 1.5): odds 0.005/0.995 · e^5 = 0.7458, p = 0.7458/1.7458 = 0.4272 (hand calculation).
        #expect(abs(a.probability - 0.4272) < 1e-3)
        var bin = Self.quiet()
        bin[.cardOrders1h] = 4
        #expect(RiskRules.standard.assess(bin).level == .low)
        let none = RiskRules.standard.assess(Self.quiet())
        #expect(none.level == .low && none.facts.isEmpty && abs(none.probability - 0.005) < 1e-12)
    }

    @Test("values are written without String(format:)")
    func format() {
        #expect(RiskRule.format(3) == "3")
        #expect(RiskRule.format(0.5) == "0.50")
        #expect(RiskRule.format(12.345) == "12.35" || RiskRule.format(12.345) == "12.34")
        #expect(RiskRule.format(-1.05) == "-1.05")
        #expect(RiskRule.format(.nan) == "unknown")
    }
}
