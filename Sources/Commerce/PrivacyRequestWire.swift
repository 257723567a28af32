/// The body of customers/data_request and customers/redact (GDPR).
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct PrivacyRequestWire: Decodable, Hashable, Sendable {
    var shop_id: WireID?
    var shop_domain: String?
    var customer: CustomerRefWire
    var orders_requested: [WireID]?
    var orders_to_redact: [WireID]?
    var data_request: DataRequestWire?

    /// `{"id": 191167, "email": …, "phone": …}`.
    struct CustomerRefWire: Decodable, Hashable, Sendable {
        var id: WireID
        var email: String?
        var phone: String?
    }

    /// `{"id": 9999}`.
    struct DataRequestWire: Decodable, Hashable, Sendable {
        var id: WireID
    }

    init(_ request: CustomerPrivacyRequest, isRedact: Bool) {
        shop_id = request.shopID.map(WireID.init); shop_domain = request.shopDomain
        customer = CustomerRefWire(
            id: WireID(request.customerID), email: request.customerEmail, phone: request.customerPhone)
        let orders = request.orderIDs.map(WireID.init)
        if isRedact { orders_to_redact = orders } else { orders_requested = orders }
        data_request = request.requestID.map { DataRequestWire(id: WireID($0)) }
    }

    var model: CustomerPrivacyRequest {
        CustomerPrivacyRequest(
            shopID: shop_id?.value, shopDomain: shop_domain, customerID: customer.id.value,
            customerEmail: customer.email, customerPhone: customer.phone,
            orderIDs: (orders_to_redact ?? orders_requested ?? []).map(\.value),
            requestID: data_request?.id.value)
    }
}

extension PrivacyRequestWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("shop_id", shop_id)
        writer.field("shop_domain", shop_domain)
        writer.field("customer", customer)
        writer.field("orders_requested", orders_requested)
        writer.field("orders_to_redact", orders_to_redact)
        writer.field("data_request", data_request)
        writer.endObject()
    }
}

extension PrivacyRequestWire.CustomerRefWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("email", email)
        writer.field("phone", phone)
        writer.endObject()
    }
}

extension PrivacyRequestWire.DataRequestWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.endObject()
    }
}
