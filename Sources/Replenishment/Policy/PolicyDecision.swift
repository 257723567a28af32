/// The policy numbers for one item and why.
public struct PolicyDecision: Sendable, Hashable {
    /// The cycle service level used (for a fill-rate target: the CSL the chosen reorder point implies).
    public var serviceLevel: Double
    /// The law of the protection-interval demand the reorder point was read from.
    public var distribution: DemandDistributionKind
    /// E[D] over the protection interval L + R.
    public var leadTimeDemandMean: Double
    /// Reorder point − E[D over L + R] (negative when a cap or override holds s below the mean).
    public var safetyStock: Double
    /// s: order when the inventory position falls below it.
    public var reorderPoint: Int
    /// S: the level an order brings the position up to.
    public var orderUpTo: Int
    /// Units to order now, after case-pack, MOQ and maximum-stock rounding; 0 when the position is at or above s.
    public var suggestedQuantity: Int
    /// P(D over L > position): the chance of a stockout before an order placed now can arrive.
    public var stockoutRisk: Double
    /// Short phrases for the line's reason, e.g. "rounded 13 → 24 (case pack 12)".
    public var notes: [String]

    public init(serviceLevel: Double, distribution: DemandDistributionKind, leadTimeDemandMean: Double, safetyStock: Double,
                reorderPoint: Int, orderUpTo: Int, suggestedQuantity: Int, stockoutRisk: Double, notes: [String]) {
        self.serviceLevel = serviceLevel
        self.distribution = distribution
        self.leadTimeDemandMean = leadTimeDemandMean
        self.safetyStock = safetyStock
        self.reorderPoint = reorderPoint
        self.orderUpTo = orderUpTo
        self.suggestedQuantity = suggestedQuantity
        self.stockoutRisk = stockoutRisk
        self.notes = notes
    }
}
