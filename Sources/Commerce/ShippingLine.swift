/// One shipping method on an order (`shipping_lines[]`): what the buyer chose at checkout.
public struct ShippingLine: Hashable, Sendable, Codable {
    /// "Standard", "Express", "Overnight", … as the shop named the rate.
    public var title: String
    /// The carrier's or the shop's rate code, when there is one.
    public var code: String?
    /// "shopify", a carrier name, or an app.
    public var source: String?
    /// Price before discounts, in shop currency.
    public var price: Money

    public init(title: String, code: String? = nil, source: String? = nil, price: Money) {
        self.title = title; self.code = code; self.source = source; self.price = price
    }
}
