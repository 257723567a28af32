import Foundation

/// What replenishment needs to know about one variant at one location right now: the catalog
/// facts (SKU, titles, vendor, price) and the stock (Shopify's `available`, and the units
/// committed to unfulfilled orders).
///
/// Shopify's `available` already excludes committed units, so on hand = available + committed
/// and the inventory position (on hand + on order − committed) = available + on order.
public struct InventoryRow: Hashable, Sendable, Codable {
    public var variantID: Int64
    public var locationID: Int64
    public var productID: Int64
    public var productTitle: String
    public var variantTitle: String
    public var sku: String?
    public var vendor: String?
    public var productType: String?
    public var priceMinor: Int64
    public var currency: String
    /// The location's name, nil when no locations/* event named it.
    public var locationName: String?
    /// Units available (Shopify's `available`), nil when the item is not tracked there.
    public var available: Int?
    /// Units on open, unfulfilled, non-cancelled orders at this location.
    public var committed: Int
    /// When the variant (else its product) was created in Shopify: tells a new listing that has
    /// not sold yet from dead stock. Nil when unknown.
    public var listedAt: Date?

    public init(
        variantID: Int64, locationID: Int64, productID: Int64, productTitle: String, variantTitle: String, sku: String?,
        vendor: String?, productType: String?, priceMinor: Int64, currency: String, locationName: String?,
        available: Int?, committed: Int, listedAt: Date? = nil
    ) {
        self.variantID = variantID; self.locationID = locationID; self.productID = productID
        self.productTitle = productTitle; self.variantTitle = variantTitle; self.sku = sku; self.vendor = vendor
        self.productType = productType; self.priceMinor = priceMinor; self.currency = currency
        self.locationName = locationName; self.available = available; self.committed = committed
        self.listedAt = listedAt
    }
}
