extension DiscountApplicationWire: JSONReadable {
    enum Key: String, JSONKey {
        case type, title, code, description, value, value_type, allocation_method, target_selection, target_type
        static let table = JSONKeyTable<Key>(required: [.type, .value, .value_type])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        type = ""
        value = WireAmount("")
        value_type = ""
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .type: type = try reader.read()
            case .title: title = try reader.read()
            case .code: code = try reader.read()
            case .description: description = try reader.read()
            case .value: value = try reader.read()
            case .value_type: value_type = try reader.read()
            case .allocation_method: allocation_method = try reader.read()
            case .target_selection: target_selection = try reader.read()
            case .target_type: target_type = try reader.read()
            }
        }
    }
}
