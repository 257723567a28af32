/// One customer's value and activity scores from a ``CustomerValueModel``.
public struct CustomerScore: Sendable, Hashable {
    public var customerID: String
    /// P(alive | history): the chance the customer still buys.
    public var probabilityAlive: Double
    /// 1 − P(alive), the churn risk shown to merchants.
    public var churnRisk: Double { 1 - probabilityAlive }
    /// Expected purchases in the scorer's horizon (90 days by default).
    public var expectedPurchases: Double
    /// Expected value of each future order (Gamma-Gamma E[Z | x, m̄], or the base's mean order value).
    public var expectedOrderValue: Double
    /// Predicted lifetime value over the scorer's months, discounted (in the transactions' currency units).
    public var lifetimeValue: Double
    /// RFM quintile scores and the named segment.
    public var rfm: RFMScorer.Score

    public init(customerID: String, probabilityAlive: Double, expectedPurchases: Double, expectedOrderValue: Double,
                lifetimeValue: Double, rfm: RFMScorer.Score) {
        self.customerID = customerID; self.probabilityAlive = probabilityAlive; self.expectedPurchases = expectedPurchases
        self.expectedOrderValue = expectedOrderValue; self.lifetimeValue = lifetimeValue; self.rfm = rfm
    }
}
