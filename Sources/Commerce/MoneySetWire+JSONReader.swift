extension MoneySetWire: JSONReadable {
    enum Key: String, JSONKey {
        case shop_money, presentment_money
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .shop_money: shop_money = try reader.read()
            case .presentment_money: presentment_money = try reader.read()
            }
        }
    }
}

extension MoneyWire: JSONReadable {
    enum Key: String, JSONKey {
        case amount, currency_code
        static let table = JSONKeyTable<Key>(required: [.amount])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        amount = WireAmount("")
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .amount: amount = try reader.read()
            case .currency_code: currency_code = try reader.read()
            }
        }
    }
}
