extension InventoryLevelWire: JSONReadable {
    enum Key: String, JSONKey {
        case inventory_item_id, location_id, available, updated_at, admin_graphql_api_id
        static let table = JSONKeyTable<Key>(required: [.inventory_item_id, .location_id, .updated_at])
    }

    /// Reads an inventory_levels/update body; see `JSONReader`.
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        inventory_item_id = WireID(0)
        location_id = WireID(0)
        updated_at = ""
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .inventory_item_id: inventory_item_id = try reader.read()
            case .location_id: location_id = try reader.read()
            case .available: available = try reader.read()
            case .updated_at: updated_at = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            }
        }
    }
}
