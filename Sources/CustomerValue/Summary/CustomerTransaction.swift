/// One purchase of one customer as the summaries read it: who, which day, how much.
///
/// Days are day numbers (days since 1970-01-01 in the shop's calendar), so the core never touches
/// time zones; amounts are in the shop's currency (any unit, consistently).
public struct CustomerTransaction: Sendable, Hashable {
    public var customerID: String
    public var day: Int
    public var amount: Double

    public init(customerID: String, day: Int, amount: Double) {
        self.customerID = customerID; self.day = day; self.amount = amount
    }
}
