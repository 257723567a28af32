extension OrderWire: JSONReadable {
    enum Key: String, JSONKey {
        case id, admin_graphql_api_id, name, order_number, email, contact_email, phone
        case created_at, processed_at, updated_at, cancelled_at, cancel_reason
        case currency, presentment_currency, source_name, location_id, customer, browser_ip, client_details
        case billing_address, shipping_address, financial_status, fulfillment_status
        case subtotal_price, subtotal_price_set, total_price, total_price_set, total_discounts, total_discounts_set
        case total_tax, total_tax_set, line_items, discount_codes, tags, test, refunds
        case user_id, shipping_lines, discount_applications, transactions, payment_details
        static let table = JSONKeyTable<Key>(required: [.id, .name, .created_at, .updated_at, .line_items])
    }

    /// Reads an orders/* body, or an order embedded elsewhere; see `JSONReader`.
    init(reading reader: inout JSONReader) throws(JSONReadError) {
        id = WireID(0)
        name = ""
        created_at = ""
        updated_at = ""
        line_items = []
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .id: id = try reader.read()
            case .admin_graphql_api_id: admin_graphql_api_id = try reader.read()
            case .name: name = try reader.read()
            case .order_number: order_number = try reader.read()
            case .email: email = try reader.read()
            case .contact_email: contact_email = try reader.read()
            case .phone: phone = try reader.read()
            case .created_at: created_at = try reader.read()
            case .processed_at: processed_at = try reader.read()
            case .updated_at: updated_at = try reader.read()
            case .cancelled_at: cancelled_at = try reader.read()
            case .cancel_reason: cancel_reason = try reader.read()
            case .currency: currency = try reader.read()
            case .presentment_currency: presentment_currency = try reader.read()
            case .source_name: source_name = try reader.read()
            case .location_id: location_id = try reader.read()
            case .customer: customer = try reader.read()
            case .browser_ip: browser_ip = try reader.read()
            case .client_details: client_details = try reader.read()
            case .billing_address: billing_address = try reader.read()
            case .shipping_address: shipping_address = try reader.read()
            case .financial_status: financial_status = try reader.read()
            case .fulfillment_status: fulfillment_status = try reader.read()
            case .subtotal_price: subtotal_price = try reader.read()
            case .subtotal_price_set: subtotal_price_set = try reader.read()
            case .total_price: total_price = try reader.read()
            case .total_price_set: total_price_set = try reader.read()
            case .total_discounts: total_discounts = try reader.read()
            case .total_discounts_set: total_discounts_set = try reader.read()
            case .total_tax: total_tax = try reader.read()
            case .total_tax_set: total_tax_set = try reader.read()
            case .line_items: line_items = try reader.read()
            case .discount_codes: discount_codes = try reader.read()
            case .tags: tags = try reader.read()
            case .test: test = try reader.read()
            case .refunds: refunds = try reader.read()
            case .user_id: user_id = try reader.read()
            case .shipping_lines: shipping_lines = try reader.read()
            case .discount_applications: discount_applications = try reader.read()
            case .transactions: transactions = try reader.read()
            case .payment_details: payment_details = try reader.read()
            }
        }
    }
}

extension OrderWire.ClientDetailsWire: JSONReadable {
    enum Key: String, JSONKey {
        case browser_ip
        static let table = JSONKeyTable<Key>()
    }

    init(reading reader: inout JSONReader) throws(JSONReadError) {
        try reader.readObject(Key.self) { (key, reader) throws(JSONReadError) in
            switch key {
            case .browser_ip: browser_ip = try reader.read()
            }
        }
    }
}
