import Foundation

/// Units available of one inventory item at one location, from inventory_levels/update.
public struct InventoryLevel: Hashable, Sendable, Codable {
    public var inventoryItemID: Int64
    public var locationID: Int64
    /// nil when the item is not tracked at that location.
    public var available: Int?
    public var updatedAt: Date

    public init(inventoryItemID: Int64, locationID: Int64, available: Int?, updatedAt: Date) {
        self.inventoryItemID = inventoryItemID; self.locationID = locationID
        self.available = available; self.updatedAt = updatedAt
    }
}
