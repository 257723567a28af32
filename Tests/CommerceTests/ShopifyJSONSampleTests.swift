import Commerce
import Foundation
import Testing
import TestSupport

/// Shopify's documented sample payloads in `../shared/shopify/webhooks/`.
///
/// Expected values were read by hand from the JSON files. Ids ≥ 2^53 in those files were rounded
/// by a JavaScript scraper, so such ids are checked against their `admin_graphql_api_id` number
/// rounded the same way (to the nearest Double), never as exact integers.
@Suite struct ShopifyJSONSampleTests {
    /// 2021-12-31T19:00:00-05:00, the timestamp used throughout the samples.
    static let sampleInstant = Date(timeIntervalSince1970: 1_640_995_200)

    static func sample(_ name: String, skipping test: String = #function) -> Data? {
        SharedData.data("shopify/webhooks/\(name).json", skipping: test)
    }

    /// True when `id` is what a float64 round trip makes of the gid's exact number.
    static func matchesRoundedGID(_ id: Int64, _ gidNumber: Int64) -> Bool {
        Double(id) == Double(gidNumber)
    }

    @Test(arguments: [
        ("orders_create", "orders/create"), ("orders_paid", "orders/paid"), ("orders_updated", "orders/updated"),
        ("refunds_create", "refunds/create"), ("products_create", "products/create"),
        ("products_update", "products/update"), ("customers_create", "customers/create"),
        ("customers_update", "customers/update"), ("inventory_levels_update", "inventory_levels/update"),
        ("app_uninstalled", "app/uninstalled"), ("customers_data_request", "customers/data_request"),
        ("customers_redact", "customers/redact"), ("shop_redact", "shop/redact"),
    ])
    func everySampleDecodesAndRoundTrips(file: String, topic: String) throws {
        guard let body = Self.sample(file) else { return }
        let payload = try ShopifyJSON.decode(topic: WebhookTopic(topic), body: body)
        if case .unknown = payload { Issue.record("\(topic) decoded as unknown") }
        let again = try ShopifyJSON.decode(topic: WebhookTopic(topic), body: ShopifyJSON.encode(payload))
        #expect(again == payload)
    }

    @Test func orderSample() throws {
        guard let body = Self.sample("orders_create") else { return }
        guard case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: body) else {
            Issue.record("not an order"); return
        }
        #expect(Self.matchesRoundedGID(order.id, 820_982_911_946_154_508))
        #expect(order.name == "#9999")
        #expect(order.orderNumber == 1234)
        #expect(order.email == "jon@example.com")
        #expect(order.currency == "USD")
        #expect(order.presentmentCurrency == "USD")
        #expect(order.channel == .web)
        #expect(order.locationID == nil)
        #expect(order.browserIP == nil)
        #expect(order.test)
        #expect(order.tags == ["tag1", "tag2"])
        #expect(order.financialStatus == "voided")
        #expect(order.fulfillmentStatus == nil)
        #expect(order.cancelReason == "customer")
        #expect(order.createdAt == Self.sampleInstant)
        #expect(order.updatedAt == Self.sampleInstant)
        #expect(order.cancelledAt == Self.sampleInstant)  // "2021-12-31T19:00:00-05:00" = 2022-01-01T00:00:00Z
        // "subtotal_price_set.shop_money.amount": "404.95", total "404.95", discounts "20.00", tax "0.00".
        #expect(order.subtotalPrice == Money(minorUnits: 40495, currency: "USD"))
        #expect(order.totalPrice == Money(minorUnits: 40495, currency: "USD"))
        #expect(order.totalDiscounts == Money(minorUnits: 2000, currency: "USD"))
        #expect(order.totalTax == Money(minorUnits: 0, currency: "USD"))
        #expect(order.refunds.isEmpty)
        #expect(order.discountCodes.isEmpty)

        try #require(order.lineItems.count == 5)
        // 89.99 + 19.99 + 24.99 + 159.99 + 119.99 = 414.95 = "total_line_items_price".
        #expect(order.lineItems.map(\.price.minorUnits) == [8999, 1999, 2499, 15999, 11999])
        #expect(order.lineItems.map(\.price.minorUnits).reduce(0, +) == 41495)
        #expect(order.lineItems.map(\.title) == [
            "Aviator sunglasses", "Lens Protection Plan (2 Year)", "Premium Leather Case", "Mid-century lounger",
            "Coffee table",
        ])
        #expect(order.lineItems[0].sku == "SKU2006-001")
        #expect(order.lineItems.allSatisfy { $0.quantity == 1 && $0.totalDiscount.minorUnits == 0 && !$0.isGiftCard })
        #expect(order.lineItems.allSatisfy { $0.variantID == nil })
        #expect(order.lineItems[1].productID == nil)
        #expect(Self.matchesRoundedGID(try #require(order.lineItems[0].id), 487_817_672_276_298_554))

        let customer = try #require(order.customer)
        #expect(Self.matchesRoundedGID(customer.id, 115_310_627_314_723_954))
        #expect(customer.email == "john@example.com")
        #expect(customer.firstName == "John")
        #expect(customer.lastName == "Smith")
        #expect(customer.state == "disabled")
        #expect(customer.acceptsEmailMarketing == false)
        #expect(customer.createdAt == nil)
        #expect(customer.defaultAddress?.city == "Ottawa")
        #expect(customer.defaultAddress?.countryCode == "CA")
        #expect(order.billingAddress?.name == "Steve Shipper")
        #expect(order.shippingAddress?.address1 == "123 Shipping Street")
        #expect(order.shippingAddress?.provinceCode == "KY")
    }

    @Test func orderTopicsShareTheSample() throws {
        guard let create = Self.sample("orders_create"), let paid = Self.sample("orders_paid"),
              let updated = Self.sample("orders_updated")
        else { return }
        let a = try ShopifyJSON.decode(topic: .ordersCreate, body: create)
        #expect(try ShopifyJSON.decode(topic: .ordersPaid, body: paid) == a)
        #expect(try ShopifyJSON.decode(topic: .ordersUpdated, body: updated) == a)
        #expect(try ShopifyJSON.decode(topic: .ordersCancelled, body: create) == a)
    }

    @Test func refundSample() throws {
        guard let body = Self.sample("refunds_create") else { return }
        guard case .refund(let refund) = try ShopifyJSON.decode(topic: .refundsCreate, body: body) else {
            Issue.record("not a refund"); return
        }
        #expect(Self.matchesRoundedGID(refund.id, 890_088_186_047_892_319))
        #expect(Self.matchesRoundedGID(refund.orderID, 820_982_911_946_154_508))
        #expect(refund.note == "Things were damaged")
        #expect(refund.createdAt == Self.sampleInstant)
        #expect(refund.processedAt == Self.sampleInstant)
        try #require(refund.lineItems.count == 5)
        #expect(refund.lineItems.map(\.restockType) == Array(repeating: "no_restock", count: 5))
        #expect(refund.lineItems.allSatisfy { $0.quantity == 1 && $0.locationID == nil && $0.variantID == nil })
        // "subtotal_set.shop_money.amount" of the five lines.
        #expect(refund.lineItems.map(\.subtotal.minorUnits) == [8999, 1999, 2499, 15999, 11999])
        #expect(refund.lineItems.allSatisfy { $0.subtotal.currency == "USD" })
        // Two successful "refund" transactions: 75.00 + 10.00 = 85.00.
        #expect(refund.amount == Money(minorUnits: 8500, currency: "USD"))
        // The first refund line points at the order's first line item (gid …298554).
        #expect(Self.matchesRoundedGID(refund.lineItems[0].lineItemID, 487_817_672_276_298_554))
    }

    @Test func productSample() throws {
        guard let body = Self.sample("products_create") else { return }
        guard case .product(let product) = try ShopifyJSON.decode(topic: .productsCreate, body: body, shopCurrency: "CAD")
        else { Issue.record("not a product"); return }
        #expect(Self.matchesRoundedGID(product.id, 788_032_119_674_292_922))
        #expect(product.title == "Example T-Shirt")
        #expect(product.vendor == "Acme")
        #expect(product.productType == "Shirts")
        #expect(product.handle == "example-t-shirt")
        #expect(product.status == "active")
        #expect(product.tags == ["example", "mens", "t-shirt"])
        #expect(product.createdAt == nil)
        #expect(product.updatedAt == Self.sampleInstant)
        try #require(product.variants.count == 2)
        #expect(product.variants.map(\.title) == ["Small", "Medium"])
        // "price": "19.99", "compare_at_price": "24.99", priced in the shop currency passed in.
        #expect(product.variants.allSatisfy { $0.price == Money(minorUnits: 1999, currency: "CAD") })
        #expect(product.variants.allSatisfy { $0.compareAtPrice == Money(minorUnits: 2499, currency: "CAD") })
        #expect(product.variants.map(\.inventoryQuantity) == [75, 50])
        #expect(product.variants.allSatisfy { $0.inventoryItemID == nil && $0.sku == nil })
        #expect(product.variants.allSatisfy { $0.productID == product.id })
        #expect(Self.matchesRoundedGID(product.variants[0].id, 642_667_041_472_713_922))
        // "2021-12-29T19:00:00-05:00" is two days before the sample instant.
        #expect(product.variants[0].createdAt == Self.sampleInstant.addingTimeInterval(-2 * 86_400))
    }

    @Test func customerSample() throws {
        guard let body = Self.sample("customers_create") else { return }
        guard case .customer(let customer) = try ShopifyJSON.decode(topic: .customersCreate, body: body) else {
            Issue.record("not a customer"); return
        }
        #expect(Self.matchesRoundedGID(customer.id, 706_405_506_930_370_084))
        #expect(customer.email == "bob@biller.com")
        #expect(customer.firstName == "Bob")
        #expect(customer.lastName == "Biller")
        #expect(customer.phone == nil)
        #expect(customer.currency == "USD")
        #expect(customer.tags == [])
        #expect(customer.acceptsEmailMarketing == false)
        #expect(customer.acceptsSMSMarketing == false)
        #expect(customer.createdAt == Self.sampleInstant)
        #expect(customer.defaultAddress?.address1 == "151 O'Connor Street")
        #expect(customer.defaultAddress?.zip == "K2P 2L8")
        #expect(customer.defaultAddress?.phone == "555-555-5555")
    }

    @Test func inventoryLevelSample() throws {
        guard let body = Self.sample("inventory_levels_update") else { return }
        guard case .inventoryLevel(let level) = try ShopifyJSON.decode(topic: .inventoryLevelsUpdate, body: body)
        else { Issue.record("not an inventory level"); return }
        #expect(level.locationID == 24_826_418)
        #expect(Self.matchesRoundedGID(level.inventoryItemID, 271_878_346_596_884_015))
        #expect(level.available == nil)
        #expect(level.updatedAt == Self.sampleInstant)
    }

    @Test func appUninstalledSample() throws {
        guard let body = Self.sample("app_uninstalled") else { return }
        let payload = try ShopifyJSON.decode(topic: .appUninstalled, body: body)
        // "myshopify_domain" and "domain" are both null in the docs sample.
        #expect(payload == .appUninstalled(shopID: 548_380_009, domain: nil))
    }

    @Test func privacySamples() throws {
        guard let request = Self.sample("customers_data_request"), let redact = Self.sample("customers_redact"),
              let shop = Self.sample("shop_redact")
        else { return }
        let expected = CustomerPrivacyRequest(
            shopID: 954_889, shopDomain: "{shop}.myshopify.com", customerID: 191_167,
            customerEmail: "john@example.com", customerPhone: "555-625-1199",
            orderIDs: [299_938, 280_263, 220_458], requestID: 9999)
        #expect(try ShopifyJSON.decode(topic: .customersDataRequest, body: request) == .customersDataRequest(expected))
        var redacted = expected
        redacted.requestID = nil
        #expect(try ShopifyJSON.decode(topic: .customersRedact, body: redact) == .customersRedact(redacted))
        #expect(try ShopifyJSON.decode(topic: .shopRedact, body: shop)
            == .shopRedact(shopID: 954_889, domain: "{shop}.myshopify.com"))
    }
}
