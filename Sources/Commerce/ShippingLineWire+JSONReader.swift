extension ShippingLineWire: JSONReadable {
    enum Key: String, JSONKey {
        case title, code, source, price, price_set
        static let table = JSONKeyTable<Key>(required: [.title])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        title = ""
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .title: title = try reader.read()
            case .code: code = try reader.read()
            case .source: source = try reader.read()
            case .price: price = try reader.read()
            case .price_set: price_set = try reader.read()
            }
        }
    }
}
