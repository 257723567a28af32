import Commerce

/// One sellable variant with what the simulator knows beyond Shopify's `Variant`: its cost,
/// vendor, lead time and how popular it is.
///
/// Commerce's `Variant` carries no cost (Shopify keeps it on the inventory item), so margins and
/// reorder economics read it from here.
public struct CatalogItem: Sendable, Hashable {
    /// The Shopify variant (price, SKU, inventory item id).
    public var variant: Variant
    public var productTitle: String
    /// "Coffee", "Tea", "Mugs", "Brewing", "Filters", "Chocolate" or "Gift Cards".
    public var productType: String
    public var vendor: String
    /// Unit cost in shop currency (zero for gift cards).
    public var cost: Money
    /// Days from placing a purchase order with the vendor to the goods being on the shelf.
    public var leadTimeDays: Int
    /// Units per case: reorders are rounded up to it.
    public var packSize: Int
    /// True for gift cards: not stocked, never discounted, kept out of demand by consumers.
    public var isGiftCard: Bool
    /// Relative share of online line-item draws (sums to 1 over non-gift-card items).
    public var onlinePopularity: Double
    /// Relative share of POS line-item draws (sums to 1 over non-gift-card items).
    public var posPopularity: Double

    public var variantID: Int64 { variant.id }
    public var productID: Int64 { variant.productID }
    public var price: Money { variant.price }
}
