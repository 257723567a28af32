extension DiscountCodeWire: JSONReadable {
    enum Key: String, JSONKey {
        case code, amount, type
        static let table = JSONKeyTable<Key>(required: [.code, .amount])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        code = ""
        amount = WireAmount("")
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .code: code = try reader.read()
            case .amount: amount = try reader.read()
            case .type: type = try reader.read()
            }
        }
    }
}
