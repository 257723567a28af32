extension TransactionWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, admin_graphql_api_id, kind, status, gateway, amount, amount_set, currency, created_at, error_code
        case location_id, payment_details
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            case .kind: kind = try reader.read()
            case .status: status = try reader.read()
            case .gateway: gateway = try reader.read()
            case .amount: amount = try reader.read()
            case .amount_set: amount_set = try reader.read()
            case .currency: currency = try reader.read()
            case .created_at: created_at = try reader.read()
            case .error_code: error_code = try reader.read()
            case .location_id: location_id = try reader.read()
            case .payment_details: payment_details = try reader.read()
            }
        }
    }
}

extension TransactionWire.PaymentDetailsWire: JSONReadable {
    enum Key: String, JSONKey {
        case credit_card_bin, avs_result_code, cvv_result_code, credit_card_company, credit_card_number
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .credit_card_bin: credit_card_bin = try reader.read()
            case .avs_result_code: avs_result_code = try reader.read()
            case .cvv_result_code: cvv_result_code = try reader.read()
            case .credit_card_company: credit_card_company = try reader.read()
            case .credit_card_number: credit_card_number = try reader.read()
            }
        }
    }
}
