import Foundation

/// A sellable variant of a product (size, colour …): the unit of demand and stock.
public struct Variant: Hashable, Sendable, Codable {
    public var id: Int64
    public var productID: Int64
    public var title: String
    public var sku: String?
    public var price: Money
    public var compareAtPrice: Money?
    /// Links the variant to `inventory_levels/update` events.
    public var inventoryItemID: Int64?
    public var inventoryQuantity: Int?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        id: Int64, productID: Int64, title: String, sku: String? = nil, price: Money,
        compareAtPrice: Money? = nil, inventoryItemID: Int64? = nil, inventoryQuantity: Int? = nil,
        createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id; self.productID = productID; self.title = title; self.sku = sku; self.price = price
        self.compareAtPrice = compareAtPrice; self.inventoryItemID = inventoryItemID
        self.inventoryQuantity = inventoryQuantity; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
