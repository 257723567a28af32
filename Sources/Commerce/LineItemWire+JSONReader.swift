extension LineItemWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, admin_graphql_api_id, product_id, variant_id, title, name, variant_title, sku, vendor
        case quantity, price, price_set, total_discount, total_discount_set, discount_allocations, gift_card
        static let table = JSONKeyTable<Key>(required: [.quantity])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        quantity = 0
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            case .product_id: product_id = try reader.read()
            case .variant_id: variant_id = try reader.read()
            case .title: title = try reader.read()
            case .name: name = try reader.read()
            case .variant_title: variant_title = try reader.read()
            case .sku: sku = try reader.read()
            case .vendor: vendor = try reader.read()
            case .quantity: quantity = try reader.read()
            case .price: price = try reader.read()
            case .price_set: price_set = try reader.read()
            case .total_discount: total_discount = try reader.read()
            case .total_discount_set: total_discount_set = try reader.read()
            case .discount_allocations: discount_allocations = try reader.read()
            case .gift_card: gift_card = try reader.read()
            }
        }
    }
}

extension LineItemWire.AllocationWire: JSONReadable {
    enum Key: String, JSONKey {
        case amount, amount_set
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .amount: amount = try reader.read()
            case .amount_set: amount_set = try reader.read()
            }
        }
    }
}
