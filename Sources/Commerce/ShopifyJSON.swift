import Foundation

/// Shopify's webhook JSON ⇄ Storewise's domain values.
///
/// Decoding reads only what Storewise models and names the JSON path of anything it rejects;
/// encoding writes compact JSON in the shape Shopify delivers (snake_case keys, money as strings
/// with `*_set` bags, `admin_graphql_api_id`, timestamps with offsets), so that
/// `decode(topic:body:)` of `encode(_:)` gives back the same payload.
///
/// ```swift
/// let payload = try ShopifyJSON.decode(topic: WebhookTopic("orders/create"), body: body, shopCurrency: "EUR")
/// if case .order(let order) = payload { print(order.name, order.totalPrice.decimalString) }
/// ```
public enum ShopifyJSON {
    /// Decodes a webhook body for `topic`.
    ///
    /// - Parameter shopCurrency: the shop's currency, used where Shopify omits it: products and
    ///   variants (products webhooks carry prices without a currency), refunds without
    ///   `*_set` bags, and orders without `currency`.
    /// - Returns: `.unknown(topic:)` for a topic Storewise does not interpret; its body is not
    ///   read at all, so it is never an error.
    /// - Throws: `PayloadError` when the body is not JSON or a required field is missing or
    ///   has the wrong type.
    public static func decode(
        topic: WebhookTopic, body: Data, shopCurrency: String = "USD"
    ) throws(PayloadError) -> WebhookPayload {
        let context = DecodeContext(currency: shopCurrency)
        switch topic {
        case .ordersCreate, .ordersUpdated, .ordersPaid, .ordersCancelled:
            return .order(try fastWire(OrderWire.self, body).model(context))
        case .refundsCreate:
            return .refund(try fastWire(RefundWire.self, body).model(context))
        case .productsCreate, .productsUpdate:
            return .product(try wire(ProductWire.self, body).model(context))
        case .productsDelete:
            return .productDeleted(id: try wire(DeletedWire.self, body).id.value)
        case .customersCreate, .customersUpdate:
            return .customer(try wire(CustomerWire.self, body).model(context))
        case .inventoryLevelsUpdate:
            return .inventoryLevel(try fastWire(InventoryLevelWire.self, body).model(context))
        case .locationsCreate, .locationsUpdate:
            return .location(try wire(LocationWire.self, body).model)
        case .appUninstalled:
            let shop = try wire(ShopWire.self, body)
            return .appUninstalled(shopID: shop.id?.value, domain: shop.bestDomain)
        case .customersDataRequest:
            return .customersDataRequest(try wire(PrivacyRequestWire.self, body).model)
        case .customersRedact:
            return .customersRedact(try wire(PrivacyRequestWire.self, body).model)
        case .shopRedact:
            let shop = try wire(ShopRedactWire.self, body)
            return .shopRedact(shopID: shop.shop_id?.value, domain: shop.shop_domain)
        case .disputesCreate, .disputesUpdate:
            return .dispute(try wire(DisputeWire.self, body).model(context))
        case .unknown(let raw):
            return .unknown(topic: raw)
        }
    }

    /// Compact JSON in Shopify's webhook shape for `payload`; `.unknown` encodes as `{}`.
    ///
    /// - Parameter timeZone: the shop's time zone; timestamps are written with its offset, as
    ///   Shopify does. Whole-second dates read back identically; sub-second parts keep milliseconds.
    public static func encode(_ payload: WebhookPayload, timeZone: TimeZone = .gmt) -> Data {
        let context = EncodeContext(timeZone: timeZone)
        switch payload {
        case .order(let order): return write(OrderWire(order, context: context))
        case .refund(let refund): return write(RefundWire(refund, context: context))
        case .product(let product): return write(ProductWire(product, context: context))
        case .productDeleted(let id): return write(DeletedWire(id: WireID(id)))
        case .customer(let customer): return write(CustomerWire(customer, context: context))
        case .inventoryLevel(let level): return write(InventoryLevelWire(level, context: context))
        case .location(let location): return write(LocationWire(location))
        case .appUninstalled(let shopID, let domain):
            return write(ShopWire(id: shopID.map(WireID.init), domain: domain, myshopify_domain: domain))
        case .customersDataRequest(let request): return write(PrivacyRequestWire(request, isRedact: false))
        case .customersRedact(let request): return write(PrivacyRequestWire(request, isRedact: true))
        case .shopRedact(let shopID, let domain):
            return write(ShopRedactWire(shop_id: shopID.map(WireID.init), shop_domain: domain))
        case .dispute(let dispute): return write(DisputeWire(dispute, context: context))
        case .unknown: return Data("{}".utf8)
        }
    }

    /// An order as Shopify's orders/* webhook body.
    public static func encode(_ order: Order, timeZone: TimeZone = .gmt) -> Data {
        write(OrderWire(order, context: EncodeContext(timeZone: timeZone)))
    }

    /// An order as one line of JSONL (the encoded order plus `\n`).
    public static func jsonLine(_ order: Order, timeZone: TimeZone = .gmt) -> Data {
        var writer = JSONWriter()
        OrderWire(order, context: EncodeContext(timeZone: timeZone)).write(to: &writer)
        return Data(writer.bytes + [UInt8(ascii: "\n")])
    }

    // JSONDecoder is Sendable and keeps no per-call state, so one serves every caller.
    private static let decoder = JSONDecoder()

    /// The frequent topics' path: `JSONReader` reads the wire value; if it rejects the body for
    /// any reason, Foundation's decoder reads it again and decides.
    ///
    /// `JSONReader` is stricter than `JSONDecoder` (which accepts `[1,]` or a bad escape inside a
    /// value it skips, and `2.0` as an integer), and it reports the first problem in document
    /// order rather than in declaration order. Letting the reference decoder settle every
    /// rejected body keeps results and error messages exactly what they were; a body the reader
    /// accepts yields the same wire value as `JSONDecoder` (checked by the differential tests).
    static func fastWire<T: JSONReadable & Decodable>(_ type: T.Type, _ body: Data) throws(PayloadError) -> T {
        if let wire = try? readWire(type, body) { return wire }
        return try wire(type, body)
    }

    /// `JSONReader` alone, with its own errors.
    static func readWire<T: JSONReadable>(_ type: T.Type, _ body: Data) throws(PayloadError) -> T {
        do {
            return try JSONReader.read(body) { (reader) throws(JSONReadError) in try T(reading: &reader) }
        } catch {
            throw error.payloadError
        }
    }

    /// Foundation's `JSONDecoder` alone: the path of the rare topics, and the reference for the others.
    static func wire<T: Decodable>(_ type: T.Type, _ body: Data) throws(PayloadError) -> T {
        do {
            return try decoder.decode(type, from: body)
        } catch let error as DecodingError {
            throw PayloadError(error)
        } catch {
            throw PayloadError(field: "", reason: "body is not valid JSON: \(error)")
        }
    }

    private static func write<T: JSONWritable>(_ value: T) -> Data {
        var writer = JSONWriter()
        value.write(to: &writer)
        return Data(writer.bytes)
    }
}
