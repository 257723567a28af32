/// BG/NBD drives ``LifetimeValue`` with its E[Y(t) | x, t_x, T] (FHL 2005, eq. 10).
extension BGNBDModel: PurchaseModel {
    /// ``BGNBDModel/conditionalExpectedPurchases(in:for:)`` under the ``PurchaseModel`` name.
    public func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double {
        try conditionalExpectedPurchases(in: t, for: customer)
    }
}
