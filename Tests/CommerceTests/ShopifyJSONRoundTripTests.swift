import Commerce
import Foundation
import Testing

/// `decode(topic, encode(payload)) == payload` for every payload kind, and the wire shape itself.
@Suite struct ShopifyJSONRoundTripTests {
    static let t0 = Date(timeIntervalSince1970: 1_715_000_000)

    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    static let customer = Customer(
        id: 6_000_000_001, email: "ada@example.com", phone: "+16135550101", firstName: "Ada", lastName: "L",
        state: "enabled", tags: ["vip", "wholesale"], currency: "USD", acceptsEmailMarketing: true,
        acceptsSMSMarketing: false,
        defaultAddress: Address(firstName: "Ada", lastName: "L", name: "Ada L", address1: "1 Main St", city: "Ottawa",
                                province: "Ontario", provinceCode: "ON", zip: "K1A 0A1", country: "Canada",
                                countryCode: "CA", phone: "+16135550101"),
        createdAt: t0, updatedAt: t0.addingTimeInterval(60))

    static let refund = Refund(
        id: 900_001, orderID: 5_000_000_001, createdAt: t0.addingTimeInterval(86_400),
        processedAt: t0.addingTimeInterval(86_460), note: "Too small",
        lineItems: [
            RefundLineItem(id: 1, lineItemID: 11, variantID: 4_000_000_001, quantity: 1, restockType: "return",
                           locationID: 70_001, subtotal: usd(2_500)),
            RefundLineItem(id: 2, lineItemID: 12, variantID: nil, quantity: 2, restockType: "no_restock",
                           locationID: nil, subtotal: usd(1_000)),
        ],
        amount: usd(3_500), userID: 548_380_009, locationID: 70_001)

    static let order = Order(
        id: 5_000_000_001, name: "#1042", orderNumber: 1042, email: "ada@example.com", phone: "+16135550101",
        createdAt: t0, processedAt: t0, updatedAt: t0.addingTimeInterval(3_600),
        cancelledAt: t0.addingTimeInterval(7_200), cancelReason: "customer", currency: "USD",
        presentmentCurrency: "USD", channel: .pos, locationID: 70_001, customer: customer, browserIP: "203.0.113.9",
        billingAddress: Address(name: "Ada L", address1: "1 Main St", city: "Ottawa", countryCode: "CA"),
        shippingAddress: Address(name: "Ada L", address1: "2 Side St", address2: "Unit 3", city: "Ottawa",
                                 zip: "K1A 0A2", countryCode: "CA"),
        financialStatus: "partially_refunded", fulfillmentStatus: "fulfilled",
        subtotalPrice: usd(7_000), totalPrice: usd(7_910), totalDiscounts: usd(500), totalTax: usd(910),
        lineItems: [
            LineItem(id: 11, productID: 3_000_000_001, variantID: 4_000_000_001, title: "Snowboard",
                     variantTitle: "Blue / 150", sku: "SB-150-B", vendor: "Hydrogen", quantity: 1,
                     price: usd(5_000), totalDiscount: usd(500)),
            LineItem(id: 12, productID: nil, variantID: nil, title: "Wax", quantity: 2, price: usd(500),
                     totalDiscount: .zero("USD")),
            LineItem(id: 13, productID: 3_000_000_002, variantID: 4_000_000_002, title: "Gift Card", quantity: 1,
                     price: usd(1_000), totalDiscount: .zero("USD"), isGiftCard: true),
        ],
        discountCodes: [DiscountCode(code: "SPRING", amount: usd(500), type: "fixed_amount")],
        tags: ["first order", "pos"], test: false, refunds: [refund], userID: 81_001,
        shippingLines: [ShippingLine(title: "Express", code: "EXP-1", source: "shopify", price: usd(1_250))],
        discountApplications: [
            DiscountApplication(type: "discount_code", title: "SPRING", valueType: "fixed_amount", value: 5,
                                targetType: "line_item"),
            DiscountApplication(type: "manual", title: "Price match", valueType: "percentage", value: 12.5,
                                targetType: "line_item"),
            DiscountApplication(type: "automatic", valueType: "percentage", value: 0.1),
        ],
        payments: [
            PaymentAttempt(id: 31, kind: "authorization", status: "failure", gateway: "shopify_payments",
                           amount: usd(7_910), createdAt: t0, cardBIN: "411111", cardCompany: "Visa",
                           avsResultCode: "N", cvvResultCode: "N", errorCode: "incorrect_cvc"),
            PaymentAttempt(id: 32, kind: "sale", status: "success", gateway: "shopify_payments",
                           amount: usd(7_910), createdAt: t0.addingTimeInterval(30), cardBIN: "411111",
                           avsResultCode: "Y", cvvResultCode: "M"),
            PaymentAttempt(id: 33, kind: "sale", status: "pending"),
        ])

    static let dispute = Dispute(
        id: 815_713_555, orderID: 5_000_000_001, type: "chargeback", amount: usd(7_910), reason: "fraudulent",
        status: "lost", initiatedAt: t0.addingTimeInterval(30 * 86_400), finalizedAt: t0.addingTimeInterval(60 * 86_400))

    static let payloads: [WebhookPayload] = [
        .order(order),
        .order(Order(id: 1, name: "#1", createdAt: t0, updatedAt: t0, currency: "JPY", channel: .web,
                     subtotalPrice: .zero("JPY"), totalPrice: Money(minorUnits: 1500, currency: "JPY"),
                     totalDiscounts: .zero("JPY"), totalTax: .zero("JPY"), lineItems: [])),
        .order(Order(id: 2, name: "#2", createdAt: t0, updatedAt: t0, currency: "EUR", presentmentCurrency: "USD",
                     channel: .draftOrder, subtotalPrice: Money(minorUnits: 990, currency: "EUR"),
                     totalPrice: Money(minorUnits: 990, currency: "EUR"), totalDiscounts: .zero("EUR"),
                     totalTax: .zero("EUR"),
                     lineItems: [LineItem(id: 1, productID: 2, variantID: 3, title: "A", quantity: 1,
                                          price: Money(minorUnits: 990, currency: "EUR"),
                                          totalDiscount: .zero("EUR"))])),
        .order(Order(id: 3, name: "#3", createdAt: t0, updatedAt: t0, currency: "USD", channel: .mobileApp,
                     subtotalPrice: .zero("USD"), totalPrice: .zero("USD"), totalDiscounts: .zero("USD"),
                     totalTax: .zero("USD"), lineItems: [])),
        .order(Order(id: 4, name: "#4", createdAt: t0, updatedAt: t0, currency: "USD", channel: .other("1424624"),
                     subtotalPrice: .zero("USD"), totalPrice: .zero("USD"), totalDiscounts: .zero("USD"),
                     totalTax: .zero("USD"), lineItems: [])),
        .refund(refund),
        .refund(Refund(id: 2, orderID: 3, createdAt: t0, lineItems: [], amount: nil)),
        // A POS refund of nothing but a location: the transaction still carries `location_id`.
        .refund(Refund(id: 3, orderID: 3, createdAt: t0, lineItems: [], amount: nil, userID: 7, locationID: 70_002)),
        .dispute(dispute),
        .dispute(Dispute(id: 9, orderID: nil, type: "inquiry", amount: Money(minorUnits: 1_000, currency: "EUR"),
                         initiatedAt: t0)),
        .product(Product(
            id: 3_000_000_001, title: "Snowboard", vendor: "Hydrogen", productType: "Boards", handle: "snowboard",
            status: "active", tags: ["winter"], createdAt: t0, updatedAt: t0,
            variants: [
                Variant(id: 4_000_000_001, productID: 3_000_000_001, title: "Blue / 150", sku: "SB-150-B",
                        price: usd(5_000), compareAtPrice: usd(6_000), inventoryItemID: 8_000_001,
                        inventoryQuantity: 12, createdAt: t0, updatedAt: t0),
                Variant(id: 4_000_000_002, productID: 3_000_000_001, title: "Red / 160", price: usd(5_500)),
            ])),
        .productDeleted(id: 3_000_000_001),
        .customer(customer),
        .customer(Customer(id: 7)),
        .inventoryLevel(InventoryLevel(inventoryItemID: 8_000_001, locationID: 70_001, available: -2, updatedAt: t0)),
        .inventoryLevel(InventoryLevel(inventoryItemID: 8_000_002, locationID: 70_001, available: nil, updatedAt: t0)),
        .location(Location(id: 70_001, name: "Ottawa Store", isPOS: false)),
        .appUninstalled(shopID: 548_380_009, domain: "toys.myshopify.com"),
        .appUninstalled(shopID: nil, domain: nil),
        .customersDataRequest(CustomerPrivacyRequest(
            shopID: 954_889, shopDomain: "toys.myshopify.com", customerID: 191_167, customerEmail: "a@b.c",
            customerPhone: nil, orderIDs: [299_938, 280_263], requestID: 9999)),
        .customersRedact(CustomerPrivacyRequest(
            shopID: 954_889, shopDomain: "toys.myshopify.com", customerID: 191_167, customerEmail: nil,
            customerPhone: "555", orderIDs: [], requestID: nil)),
        .shopRedact(shopID: 954_889, domain: "toys.myshopify.com"),
        .unknown(topic: "carts/create"),
    ]

    static func topic(for payload: WebhookPayload) -> [WebhookTopic] {
        switch payload {
        case .order: [.ordersCreate, .ordersUpdated, .ordersPaid, .ordersCancelled]
        case .refund: [.refundsCreate]
        case .product: [.productsCreate, .productsUpdate]
        case .productDeleted: [.productsDelete]
        case .customer: [.customersCreate, .customersUpdate]
        case .inventoryLevel: [.inventoryLevelsUpdate]
        case .location: [.locationsCreate, .locationsUpdate]
        case .appUninstalled: [.appUninstalled]
        case .customersDataRequest: [.customersDataRequest]
        case .customersRedact: [.customersRedact]
        case .shopRedact: [.shopRedact]
        case .dispute: [.disputesCreate, .disputesUpdate]
        case .unknown(let raw): [WebhookTopic(raw)]
        }
    }

    @Test(arguments: payloads)
    func roundTrips(payload: WebhookPayload) throws {
        for timeZone in [TimeZone.gmt, TimeZone(identifier: "America/New_York")!, TimeZone(identifier: "Asia/Kolkata")!] {
            let body = ShopifyJSON.encode(payload, timeZone: timeZone)
            for topic in Self.topic(for: payload) {
                // Variants are priced in the shop currency given to the decoder.
                #expect(try ShopifyJSON.decode(topic: topic, body: body, shopCurrency: "USD") == payload)
            }
        }
    }

    @Test func orderIsWrittenInShopifysShape() throws {
        let body = ShopifyJSON.encode(Self.order, timeZone: TimeZone(identifier: "America/New_York")!)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect(json["admin_graphql_api_id"] as? String == "gid://shopify/Order/5000000001")
        #expect(json["name"] as? String == "#1042")
        #expect(json["tags"] as? String == "first order, pos")
        #expect(json["source_name"] as? String == "pos")
        #expect((json["location_id"] as? NSNumber)?.int64Value == 70_001)
        #expect(json["total_price"] as? String == "79.10")
        // 1_715_000_000 is 2024-05-06T12:53:20Z, 08:53:20 in New York (EDT, -04:00).
        #expect(json["created_at"] as? String == "2024-05-06T08:53:20-04:00")
        let set = try #require(json["total_price_set"] as? [String: Any])
        let shop = try #require(set["shop_money"] as? [String: Any])
        #expect(shop["amount"] as? String == "79.10")
        #expect(shop["currency_code"] as? String == "USD")
        #expect(set["presentment_money"] != nil)
        let lines = try #require(json["line_items"] as? [[String: Any]])
        #expect(lines.count == 3)
        #expect(lines[0]["price"] as? String == "50.00")
        #expect(lines[0]["sku"] as? String == "SB-150-B")
        #expect(lines[0]["name"] as? String == "Snowboard - Blue / 150")
        #expect(lines[2]["gift_card"] as? Bool == true)
        #expect((lines[0]["discount_allocations"] as? [Any])?.count == 1)
        let customer = try #require(json["customer"] as? [String: Any])
        #expect((customer["email_marketing_consent"] as? [String: Any])?["state"] as? String == "subscribed")
        #expect((json["refunds"] as? [Any])?.count == 1)
        #expect(body.first == UInt8(ascii: "{") && !body.contains(UInt8(ascii: "\n")))  // compact
    }

    @Test func foreignPresentmentMoneyIsNotMislabelled() throws {
        guard case .order(let order) = Self.payloads[2] else { return }
        let json = try #require(try JSONSerialization.jsonObject(with: ShopifyJSON.encode(order)) as? [String: Any])
        let set = try #require(json["total_price_set"] as? [String: Any])
        #expect(set["shop_money"] != nil)
        #expect(set["presentment_money"] == nil)  // USD amounts are unknown, so none are claimed
    }

    @Test func jsonLineEndsWithNewline() {
        let line = ShopifyJSON.jsonLine(Self.order)
        #expect(line.last == UInt8(ascii: "\n"))
        #expect(line.filter { $0 == UInt8(ascii: "\n") }.count == 1)
    }

    @Test func stringsNeedingEscapesSurviveTheWriter() throws {
        let awkward = "Ann \"Nan\" O'Neil \\ / tab\t newline\n bell\u{07} é 🎉"
        let customer = Customer(id: 1, email: awkward, firstName: awkward, tags: ["a/b", "ü"])
        let body = ShopifyJSON.encode(.customer(customer))
        #expect(try JSONSerialization.jsonObject(with: body) is [String: Any])
        #expect(try ShopifyJSON.decode(topic: .customersUpdate, body: body) == .customer(customer))
    }

    @Test func timestampsUseTheShopOffset() throws {
        let body = ShopifyJSON.encode(.inventoryLevel(InventoryLevel(
            inventoryItemID: 1, locationID: 2, available: 3, updatedAt: Self.t0)), timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        // 2024-05-06T12:53:20Z is 18:23:20 in India (+05:30).
        #expect(String(decoding: body, as: UTF8.self).contains(#""updated_at":"2024-05-06T18:23:20+05:30""#))
    }
}
