/// A Shopify customer object, top level in customers/* webhooks or embedded in an order.
///
/// Property names are Shopify's wire keys, so no `CodingKeys` table can drift from them.
struct CustomerWire: Decodable, Hashable, Sendable {
    var id: WireID
    var admin_graphql_api_id: String?
    var email: String?
    var phone: String?
    var first_name: String?
    var last_name: String?
    var state: String?
    var tags: String?
    var currency: String?
    /// Legacy flag, replaced by `email_marketing_consent` in API 2022-04.
    var accepts_marketing: Bool?
    var email_marketing_consent: ConsentWire?
    var sms_marketing_consent: ConsentWire?
    var default_address: AddressWire?
    var created_at: String?
    var updated_at: String?

    /// `{"state": "subscribed", …}`.
    struct ConsentWire: Decodable, Hashable, Sendable {
        var state: String?
    }

    init(_ customer: Customer, context: EncodeContext) {
        id = WireID(customer.id)
        admin_graphql_api_id = EncodeContext.gid("Customer", customer.id)
        email = customer.email; phone = customer.phone
        first_name = customer.firstName; last_name = customer.lastName
        state = customer.state; tags = EncodeContext.tags(customer.tags); currency = customer.currency
        accepts_marketing = customer.acceptsEmailMarketing
        email_marketing_consent = ConsentWire(state: customer.acceptsEmailMarketing ? "subscribed" : "not_subscribed")
        sms_marketing_consent = ConsentWire(state: customer.acceptsSMSMarketing ? "subscribed" : "not_subscribed")
        default_address = customer.defaultAddress.map(AddressWire.init)
        created_at = context.date(customer.createdAt); updated_at = context.date(customer.updatedAt)
    }

    func model(_ context: DecodeContext, path: @autoclosure () -> String = "") throws(PayloadError) -> Customer {
        let emailConsent = email_marketing_consent?.state.map { $0 == "subscribed" } ?? accepts_marketing ?? false
        return Customer(
            id: id.value, email: email, phone: phone, firstName: first_name, lastName: last_name,
            state: state, tags: DecodeContext.tags(tags), currency: currency,
            acceptsEmailMarketing: emailConsent,
            acceptsSMSMarketing: sms_marketing_consent?.state == "subscribed",
            defaultAddress: default_address?.model,
            createdAt: try context.date(created_at, path() + "created_at"),
            updatedAt: try context.date(updated_at, path() + "updated_at"))
    }
}

extension CustomerWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", id)
        writer.field("admin_graphql_api_id", admin_graphql_api_id)
        writer.field("email", email)
        writer.field("phone", phone)
        writer.field("first_name", first_name)
        writer.field("last_name", last_name)
        writer.field("state", state)
        writer.field("tags", tags)
        writer.field("currency", currency)
        writer.field("accepts_marketing", accepts_marketing)
        writer.field("email_marketing_consent", email_marketing_consent)
        writer.field("sms_marketing_consent", sms_marketing_consent)
        writer.field("default_address", default_address)
        writer.field("created_at", created_at)
        writer.field("updated_at", updated_at)
        writer.endObject()
    }
}

extension CustomerWire.ConsentWire: JSONWritable {
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("state", state)
        writer.endObject()
    }
}
