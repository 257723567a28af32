/// MBG/NBD drives ``LifetimeValue`` with its E[Y(t) | x, t_x, T] (Batislam, Denizel & Filiztekin 2007).
extension MBGNBDModel: PurchaseModel {
    /// ``MBGNBDModel/conditionalExpectedPurchases(in:for:)`` under the ``PurchaseModel`` name.
    public func expectedPurchases(from customer: RFMSummary, upTo t: Double) throws -> Double {
        try conditionalExpectedPurchases(in: t, for: customer)
    }
}
