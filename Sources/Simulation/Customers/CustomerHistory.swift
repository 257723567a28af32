/// Purchase histories of simulated customers as three parallel arrays, one entry per purchase,
/// ordered by customer and then by time (so by day).
///
/// Every customer has at least one purchase, the first on their acquisition day. Customer `i`'s
/// purchases are `purchaseStart[i]..<purchaseStart[i + 1]`.
public struct CustomerHistory: Sendable, Equatable {
    /// Number of customers.
    public var customers: Int
    /// The last day of the period (days are 0…lastDay): the calibration end for summaries.
    public var lastDay: Int
    /// Customer index (0..<customers) of each purchase.
    public var customer: [Int32]
    /// Day of each purchase.
    public var day: [Int32]
    /// Value of each purchase.
    public var amount: [Double]
    /// Index of each customer's first purchase, and the purchase count at the end (customers + 1 entries).
    public var purchaseStart: [Int]

    /// Number of purchases.
    public var count: Int { day.count }
}
