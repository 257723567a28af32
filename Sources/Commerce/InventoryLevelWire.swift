/// The body of inventory_levels/update.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct InventoryLevelWire: Decodable, Hashable, Sendable {
    var inventory_item_id: WireID
    var location_id: WireID
    var available: Int?
    var updated_at: String
    var admin_graphql_api_id: String?

    init(_ level: InventoryLevel, context: EncodeContext) {
        inventory_item_id = WireID(level.inventoryItemID); location_id = WireID(level.locationID)
        available = level.available; updated_at = context.date(level.updatedAt)
        admin_graphql_api_id =
            "gid://shopify/InventoryLevel/\(level.locationID)?inventory_item_id=\(level.inventoryItemID)"
    }

    func model(_ context: DecodeContext) throws(PayloadError) -> InventoryLevel {
        InventoryLevel(
            inventoryItemID: inventory_item_id.value, locationID: location_id.value, available: available,
            updatedAt: try context.requiredDate(updated_at, "updated_at"))
    }
}

extension InventoryLevelWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("inventory_item_id", inventory_item_id)
        writer.field("location_id", location_id)
        writer.field("available", available)
        writer.field("updated_at", updated_at)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.endObject()
    }
}
