extension AddressWire: JSONReadable {
    enum Key: String, JSONKey {
        case first_name, last_name, name, company, address1, address2, city, province, province_code, zip
        case country, country_code, phone
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .first_name: first_name = try reader.read()
            case .last_name: last_name = try reader.read()
            case .name: name = try reader.read()
            case .company: company = try reader.read()
            case .address1: address1 = try reader.read()
            case .address2: address2 = try reader.read()
            case .city: city = try reader.read()
            case .province: province = try reader.read()
            case .province_code: province_code = try reader.read()
            case .zip: zip = try reader.read()
            case .country: country = try reader.read()
            case .country_code: country_code = try reader.read()
            case .phone: phone = try reader.read()
            }
        }
    }
}
