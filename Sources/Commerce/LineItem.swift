/// One line of an order: a variant, a quantity and a price.
public struct LineItem: Hashable, Sendable, Codable {
    /// Shopify's line item id; nil for rows imported from a CSV export, which carries none.
    public var id: Int64?
    public var productID: Int64?
    public var variantID: Int64?
    public var title: String
    public var variantTitle: String?
    public var sku: String?
    public var vendor: String?
    public var quantity: Int
    /// Unit price before discounts, in shop currency.
    public var price: Money
    /// Discounts allocated to this line (sum of `discount_allocations`, else `total_discount`).
    public var totalDiscount: Money
    /// True for a gift card: money, not merchandise, so it is kept out of demand.
    public var isGiftCard: Bool

    public init(
        id: Int64?, productID: Int64?, variantID: Int64?, title: String, variantTitle: String? = nil,
        sku: String? = nil, vendor: String? = nil, quantity: Int, price: Money, totalDiscount: Money,
        isGiftCard: Bool = false
    ) {
        self.id = id; self.productID = productID; self.variantID = variantID; self.title = title
        self.variantTitle = variantTitle; self.sku = sku; self.vendor = vendor; self.quantity = quantity
        self.price = price; self.totalDiscount = totalDiscount; self.isGiftCard = isGiftCard
    }

    /// Revenue of the line: quantity × price − discounts.
    public var netRevenue: Money {
        Money(minorUnits: Int64(quantity) * price.minorUnits - totalDiscount.minorUnits, currency: price.currency)
    }
}
