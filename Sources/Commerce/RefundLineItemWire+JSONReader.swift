extension RefundLineItemWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, line_item_id, quantity, restock_type, location_id, subtotal, subtotal_set, line_item
        static let table = JSONKeyTable<Key>(required: [.id, .line_item_id, .quantity])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        id = WireID(0)
        line_item_id = WireID(0)
        quantity = 0
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .line_item_id: line_item_id = try reader.read()
            case .quantity: quantity = try reader.read()
            case .restock_type: restock_type = try reader.read()
            case .location_id: location_id = try reader.read()
            case .subtotal: subtotal = try reader.read()
            case .subtotal_set: subtotal_set = try reader.read()
            case .line_item: line_item = try reader.read()
            }
        }
    }
}

extension RefundLineItemWire.EmbeddedLineWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, variant_id
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .variant_id: variant_id = try reader.read()
            }
        }
    }
}
