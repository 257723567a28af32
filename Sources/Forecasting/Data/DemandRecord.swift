/// One sparse day of a variant × location's demand, as a shop's daily demand projection keeps it:
/// a day with a sale, a refund or a stock observation. Days between records had none of these.
public struct DemandRecord: Sendable, Hashable {
    /// The shop-local calendar day as a count of days since 1970-01-01.
    public var day: Int
    /// Units sold that day (before refunds: a refund is a return, not negative demand).
    public var units: Double
    /// Whether the item could be bought at some point of the day: it sold, or stock was above
    /// zero at the start of the day or at any observation during it.
    public var inStock: Bool
    /// Stock at the end of the day when an inventory observation fell on it; `nil` when the day
    /// had no observation (stock then carries over from the last one).
    public var stockEnd: Double?

    public init(day: Int, units: Double, inStock: Bool, stockEnd: Double? = nil) {
        self.day = day
        self.units = units
        self.inStock = inStock
        self.stockEnd = stockEnd
    }
}
