extension RefundWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, admin_graphql_api_id, order_id, created_at, processed_at, note, user_id, refund_line_items, transactions
        static let table = JSONKeyTable<Key>(required: [.id, .order_id, .created_at])
    }

    /// Reads a refunds/create body, or one entry of an order's `refunds`; see `JSONReader`.
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        id = WireID(0)
        order_id = WireID(0)
        created_at = ""
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            case .order_id: order_id = try reader.read()
            case .created_at: created_at = try reader.read()
            case .processed_at: processed_at = try reader.read()
            case .note: note = try reader.read()
            case .user_id: user_id = try reader.read()
            case .refund_line_items: refund_line_items = try reader.read()
            case .transactions: transactions = try reader.read()
            }
        }
    }
}
