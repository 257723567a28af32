/// A discount code applied to an order.
public struct DiscountCode: Hashable, Sendable, Codable {
    public var code: String
    public var amount: Money
    /// "fixed_amount", "percentage" or "shipping".
    public var type: String

    public init(code: String, amount: Money, type: String) {
        self.code = code; self.amount = amount; self.type = type
    }
}
