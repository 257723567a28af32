import Foundation

/// A set of transparent rules: the scorer before a shop has enough labelled fraud to train the
/// classifier, and a floor under the classifier's level afterwards (a rule a person wrote is
/// never overruled by a model that has not seen the pattern).
public struct RiskRules: Sendable, Codable, Hashable {
    public var rules: [RiskRule]
    /// The fraud probability with no rule firing (the rules' score starts at its logit).
    public var baseProbability: Double

    public init(rules: [RiskRule], baseProbability: Double = 0.005) {
        self.rules = rules; self.baseProbability = baseProbability
    }

    /// The rules that fire on `v`, heaviest first.
    public func evaluate(_ v: RiskFeatureVector) -> [RiskRuleHit] {
        rules.filter { $0.fires(on: v) }
            .map { RiskRuleHit(rule: $0.name, weight: $0.weight, floor: $0.floor, fact: $0.sentence(for: v)) }
            .sorted { $0.weight > $1.weight }
    }

    /// The rules alone: probability σ(logit(base) + Σ weights), level the highest floor among the
    /// hits (LOW when none fires), one NEGATIVE fact per hit.
    public func assess(_ v: RiskFeatureVector) -> RiskAssessment {
        let hits = evaluate(v)
        return RiskAssessment(probability: probability(hits), level: hits.map(\.floor).max() ?? .low,
                              facts: hits.map(\.riskFact), scorer: "rules")
    }

    func probability(_ hits: [RiskRuleHit]) -> Double {
        let b = min(max(baseProbability, 1e-6), 1 - 1e-6)
        let z = log(b / (1 - b)) + hits.reduce(0) { $0 + $1.weight }
        return 1 / (1 + exp(-z))
    }

    /// Storewise's rules. Weights are log-odds (≈ 2.3 multiplies the odds by 10); thresholds are
    /// the patterns issue 10 and Shopify's fraud analysis name, set where a small shop rarely
    /// reaches them by chance: a floor lifts the level past the review-capacity cut, so a rule
    /// that fires often would crowd out the model's own choices.
    public static let standard = RiskRules(rules: [
        RiskRule(name: "avsAndCvvMismatch",
                 conditions: [.init(.avsMismatch, .atLeast, 1), .init(.cvvMismatch, .atLeast, 1)],
                 weight: 3.5, fact: "Both the billing address check (AVS) and the card security code (CVV) failed", floor: .high),
        RiskRule(name: "failedPaymentAttempts",
                 conditions: [.init(.failedPaymentAttempts, .atLeast, 3)],
                 weight: 2.5, fact: "{failedPaymentAttempts} failed payment attempts before this order", floor: .medium),
        // A card is its BIN + last four digits when the payload has the masked number, but only the
        // BIN (an issuer's range many cardholders share) when it does not: card signals add weight
        // and a fact but no floor, so a busy shop's common BINs cannot fill the review queue alone.
        RiskRule(name: "cardSharedByCustomers",
                 conditions: [.init(.cardDistinctCustomers7d, .atLeast, 3)],
                 weight: 1, fact: "{cardDistinctCustomers7d} different customers paid with this card in the last 7 days", floor: .low),
        RiskRule(name: "cardVelocity1h",
                 conditions: [.init(.cardOrders1h, .atLeast, 3)],
                 weight: 1.5, fact: "{cardOrders1h} earlier orders paid with this card in the last hour", floor: .low),
        RiskRule(name: "ipSharedByCustomers",
                 conditions: [.init(.ipDistinctCustomers24h, .atLeast, 4)],
                 weight: 1.5, fact: "{ipDistinctCustomers24h} different customers ordered from this IP address in the last 24 hours", floor: .medium),
        RiskRule(name: "newCustomerHighValueExpress",
                 conditions: [.init(.newCustomerHighValue, .atLeast, 1), .init(.expressShippingFirstOrder, .atLeast, 1)],
                 weight: 2, fact: "A first order of high value with express shipping", floor: .medium),
        RiskRule(name: "newCustomerHighValueCountryMismatch",
                 conditions: [.init(.newCustomerHighValue, .atLeast, 1), .init(.billingShippingCountryDiffer, .atLeast, 1)],
                 weight: 1.5, fact: "A first order of high value shipped to another country than the billing address", floor: .medium),
        RiskRule(name: "refundWithoutMatchingSale",
                 conditions: [.init(.refundWithoutMatchingSale, .atLeast, 1)],
                 weight: 2.5, fact: "A refund for a sale this shop never recorded", floor: .medium),
        RiskRule(name: "staffRefundVelocity",
                 conditions: [.init(.staffRefunds24h, .atLeast, 10)],
                 weight: 1.5, fact: "This staff member gave {staffRefunds24h} refunds in the last 24 hours", floor: .medium),
        RiskRule(name: "manualDiscountOverride",
                 conditions: [.init(.manualDiscountShare, .atLeast, 0.5)],
                 weight: 1.5, fact: "A manual price override takes off half the price or more", floor: .medium),
        RiskRule(name: "staffOverrideVelocity",
                 conditions: [.init(.staffDiscountOverrides24h, .atLeast, 10)],
                 weight: 1.5, fact: "This staff member keyed {staffDiscountOverrides24h} price overrides in the last 24 hours", floor: .medium),
        RiskRule(name: "giftCardBurst",
                 conditions: [.init(.customerGiftCardPurchases24h, .atLeast, 3)],
                 weight: 1.5, fact: "This customer bought gift cards {customerGiftCardPurchases24h} times in the last 24 hours", floor: .medium),
        RiskRule(name: "staffGiftCardVelocity",
                 conditions: [.init(.staffGiftCardSales24h, .atLeast, 10)],
                 weight: 1.5, fact: "This staff member sold gift cards {staffGiftCardSales24h} times in the last 24 hours", floor: .medium),
    ])
}
