/// Pareto/NBD drives ``LifetimeValue`` with its E[Y(t) | x, t_x, T] (Schmittlein, Morrison &
/// Colombo 1987), the transaction model the CLV literature started from.
extension ParetoNBDModel: PurchaseModel {
    /// ``ParetoNBDModel/conditionalExpectedPurchases(in:for:)`` under the ``PurchaseModel`` name.
    public func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double {
        try conditionalExpectedPurchases(in: t, for: customer)
    }
}
