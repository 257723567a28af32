extension CustomerWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, admin_graphql_api_id, email, phone, first_name, last_name, state, tags, currency
        case accepts_marketing, email_marketing_consent, sms_marketing_consent, default_address
        case created_at, updated_at
        static let table = JSONKeyTable<Key>(required: [.id])
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        id = WireID(0)
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            case .email: email = try reader.read()
            case .phone: phone = try reader.read()
            case .first_name: first_name = try reader.read()
            case .last_name: last_name = try reader.read()
            case .state: state = try reader.read()
            case .tags: tags = try reader.read()
            case .currency: currency = try reader.read()
            case .accepts_marketing: accepts_marketing = try reader.read()
            case .email_marketing_consent: email_marketing_consent = try reader.read()
            case .sms_marketing_consent: sms_marketing_consent = try reader.read()
            case .default_address: default_address = try reader.read()
            case .created_at: created_at = try reader.read()
            case .updated_at: updated_at = try reader.read()
            }
        }
    }
}

extension CustomerWire.ConsentWire: JSONReadable {
    enum Key: String, JSONKey {
        case state
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .state: state = try reader.read()
            }
        }
    }
}
