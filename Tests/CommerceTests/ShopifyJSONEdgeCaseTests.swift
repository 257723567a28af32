import Commerce
import Foundation
import Testing

/// Hand-written bodies for the cases Shopify's samples do not cover.
@Suite struct ShopifyJSONEdgeCaseTests {
    /// A minimal valid order body; `extra` adds or overrides top-level keys.
    static func orderBody(_ extra: [String: Any] = [:], removing: [String] = []) throws -> Data {
        var order: [String: Any] = [
            "id": 5_550_001,
            "name": "#1001",
            "created_at": "2024-01-01T10:00:00Z",
            "updated_at": "2024-01-01T10:05:00Z",
            "currency": "USD",
            "total_price": "10.00",
            "line_items": [["id": 1, "title": "Wax", "quantity": 1, "price": "10.00"]],
        ]
        for (key, value) in extra { order[key] = value }
        for key in removing { order[key] = nil }
        return try JSONSerialization.data(withJSONObject: order)
    }

    static func order(_ body: Data, shopCurrency: String = "USD") throws -> Order {
        guard case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: body, shopCurrency: shopCurrency)
        else { throw PayloadError(field: "", reason: "not an order") }
        return order
    }

    static func error(_ body: Data, topic: WebhookTopic = .ordersCreate) -> PayloadError? {
        #expect(throws: PayloadError.self) { try ShopifyJSON.decode(topic: topic, body: body) }
    }

    @Test func guestCheckoutWithNullCustomer() throws {
        #expect(try Self.order(Self.orderBody(["customer": NSNull()])).customer == nil)
    }

    @Test func guestCheckoutWithoutCustomerKey() throws {
        let order = try Self.order(Self.orderBody())
        #expect(order.customer == nil)
        #expect(order.channel == .web)  // no source_name
        #expect(order.totalPrice == Money(minorUnits: 1000, currency: "USD"))
        #expect(order.subtotalPrice == .zero("USD"))
    }

    @Test func posOrder() throws {
        let order = try Self.order(Self.orderBody(["source_name": "pos", "location_id": 48_752_903]))
        #expect(order.channel == .pos)
        #expect(order.locationID == 48_752_903)
    }

    @Test func giftCardLine() throws {
        let body = Data("""
            {"id": 7, "name": "#7", "created_at": "2024-01-01T10:00:00Z", "updated_at": "2024-01-01T10:00:00Z",
             "currency": "USD", "total_price": "35.00",
             "line_items": [
               {"id": 1, "title": "Gift Card", "quantity": 1, "price": "25.00", "gift_card": true},
               {"id": 2, "title": "Wax", "quantity": 1, "price": "10.00", "gift_card": false}]}
            """.utf8)
        let order = try Self.order(body)
        #expect(order.lineItems.map(\.isGiftCard) == [true, false])
    }

    @Test func multiCurrencyOrderUsesShopMoney() throws {
        // Shop in EUR, buyer paid in USD: every amount must come from shop_money.
        let body = Data("""
            {"id": 8, "name": "#8", "created_at": "2024-01-01T10:00:00Z", "updated_at": "2024-01-01T10:00:00Z",
             "currency": "EUR", "presentment_currency": "USD",
             "total_price": "92.00",
             "total_price_set": {"shop_money": {"amount": "92.00", "currency_code": "EUR"},
                                 "presentment_money": {"amount": "100.00", "currency_code": "USD"}},
             "subtotal_price_set": {"shop_money": {"amount": "92.00", "currency_code": "EUR"},
                                    "presentment_money": {"amount": "100.00", "currency_code": "USD"}},
             "line_items": [{"id": 1, "title": "Board", "quantity": 2, "price": "50.00",
               "price_set": {"shop_money": {"amount": "46.00", "currency_code": "EUR"},
                             "presentment_money": {"amount": "50.00", "currency_code": "USD"}},
               "discount_allocations": [
                 {"amount": "5.00", "amount_set": {"shop_money": {"amount": "4.60", "currency_code": "EUR"},
                                                    "presentment_money": {"amount": "5.00", "currency_code": "USD"}}}]}]}
            """.utf8)
        let order = try Self.order(body, shopCurrency: "EUR")
        #expect(order.currency == "EUR")
        #expect(order.presentmentCurrency == "USD")
        #expect(order.totalPrice == Money(minorUnits: 9200, currency: "EUR"))
        #expect(order.subtotalPrice == Money(minorUnits: 9200, currency: "EUR"))
        #expect(order.lineItems[0].price == Money(minorUnits: 4600, currency: "EUR"))
        #expect(order.lineItems[0].totalDiscount == Money(minorUnits: 460, currency: "EUR"))
        // 2 × 46.00 − 4.60 = 87.40
        #expect(order.lineItems[0].netRevenue == Money(minorUnits: 8740, currency: "EUR"))
    }

    @Test func yenHasNoMinorUnit() throws {
        let order = try Self.order(Self.orderBody([
            "currency": "JPY", "total_price": "1500",
            "line_items": [["id": 1, "title": "Tea", "quantity": 2, "price": "750"]],
        ]))
        #expect(order.totalPrice == Money(minorUnits: 1500, currency: "JPY"))
        #expect(order.lineItems[0].price == Money(minorUnits: 750, currency: "JPY"))
        let error = Self.error(try Self.orderBody(["currency": "JPY", "total_price": "1500.50"]))
        #expect(error?.field == "total_price")
        #expect(error?.reason.contains("1500.50") == true)
    }

    @Test func discountIsTheSumOfAllocationsElseTotalDiscount() throws {
        let order = try Self.order(Self.orderBody(["line_items": [
            ["id": 1, "title": "A", "quantity": 1, "price": "20.00", "total_discount": "9.99",
             "discount_allocations": [["amount": "3.00"], ["amount": "2.00"]]],
            ["id": 2, "title": "B", "quantity": 1, "price": "20.00", "total_discount": "1.50",
             "discount_allocations": [Any]()],
        ]]))
        #expect(order.lineItems.map(\.totalDiscount.minorUnits) == [500, 150])
    }

    @Test func browserIPFromClientDetailsOrTopLevel() throws {
        #expect(try Self.order(Self.orderBody(["client_details": ["browser_ip": "203.0.113.7"]])).browserIP
            == "203.0.113.7")
        #expect(try Self.order(Self.orderBody(["browser_ip": "198.51.100.2"])).browserIP == "198.51.100.2")
    }

    @Test func customerMarketingConsent() throws {
        let modern = try Self.order(Self.orderBody(["customer": [
            "id": 1, "email_marketing_consent": ["state": "subscribed"], "sms_marketing_consent": ["state": "subscribed"],
            "accepts_marketing": false,
        ]])).customer
        #expect(modern?.acceptsEmailMarketing == true)  // the consent object wins over the legacy flag
        #expect(modern?.acceptsSMSMarketing == true)
        let legacy = try Self.order(Self.orderBody(["customer": ["id": 2, "accepts_marketing": true]])).customer
        #expect(legacy?.acceptsEmailMarketing == true)
        #expect(legacy?.acceptsSMSMarketing == false)
        let unsubscribed = try Self.order(Self.orderBody(["customer": [
            "id": 3, "email_marketing_consent": ["state": "unsubscribed"], "accepts_marketing": true,
        ]])).customer
        #expect(unsubscribed?.acceptsEmailMarketing == false)
    }

    @Test func idsGivenAsStrings() throws {
        let order = try Self.order(Self.orderBody([
            "id": "5550001", "location_id": "42",
            "line_items": [["id": "11", "variant_id": "9007199254740993", "product_id": "5", "title": "A",
                            "quantity": 1, "price": "1.00"]],
        ]))
        #expect(order.id == 5_550_001)
        #expect(order.locationID == 42)
        #expect(order.lineItems[0].id == 11)
        #expect(order.lineItems[0].variantID == 9_007_199_254_740_993)  // 2^53 + 1: exact, not a Double
        #expect(order.lineItems[0].productID == 5)
    }

    @Test func largeIntegerIdsStayExact() throws {
        let order = try Self.order(Self.orderBody(["id": 9_007_199_254_740_993 as Int64]))
        #expect(order.id == 9_007_199_254_740_993)
    }

    @Test func missingUpdatedAtIsNamed() throws {
        let error = Self.error(try Self.orderBody(removing: ["updated_at"]))
        #expect(error?.field == "updated_at")
        #expect(error?.reason == "is missing")
        #expect(error?.description == "updated_at: is missing")
    }

    @Test func wrongTypeInsideLineItemsIsNamedByPath() throws {
        let error = Self.error(try Self.orderBody(["line_items": [
            ["id": 1, "title": "A", "quantity": 1, "price": "1.00"],
            ["id": 2, "title": "B", "quantity": "two", "price": "1.00"],
        ]]))
        #expect(error?.field == "line_items[1].quantity")
        #expect(error?.reason.hasPrefix("must be an integer") == true)
    }

    @Test func badAmountAndDateAreNamed() throws {
        let price = Self.error(try Self.orderBody(["line_items": [
            ["id": 1, "title": "A", "quantity": 1, "price": "1.00"],
            ["id": 2, "title": "B", "quantity": 1, "price": "12,50"],
        ]]))
        #expect(price?.field == "line_items[1].price")
        #expect(price?.reason.contains("\"12,50\"") == true)
        let date = Self.error(try Self.orderBody(["created_at": "yesterday"]))
        #expect(date?.field == "created_at")
        let nullName = Self.error(try Self.orderBody(["name": NSNull()]))
        #expect(nullName?.field == "name")
        let badID = Self.error(try Self.orderBody(["id": "12ab"]))
        #expect(badID?.field == "id")
        let refundLine = Self.error(try Self.orderBody(["refunds": [[
            "id": 1, "order_id": 5_550_001, "created_at": "2024-01-02T00:00:00Z",
            "refund_line_items": [["id": 1, "line_item_id": 1, "quantity": 1, "subtotal": "x"]],
        ]]]))
        #expect(refundLine?.field == "refunds[0].refund_line_items[0].subtotal")
    }

    @Test func bodyThatIsNotJSON() {
        let error = Self.error(Data("<html>oops</html>".utf8))
        #expect(error?.field == "")
        #expect(error?.reason.hasPrefix("body is not valid JSON: ") == true)
        let array = Self.error(Data("[1, 2]".utf8))
        #expect(array?.field == "")
    }

    @Test func unknownTopicIsKeptNotRead() throws {
        let payload = try ShopifyJSON.decode(topic: WebhookTopic("carts/create"), body: Data("not even json".utf8))
        #expect(payload == .unknown(topic: "carts/create"))
    }

    @Test func orderRefundsAreDecoded() throws {
        let order = try Self.order(Self.orderBody(["refunds": [[
            "id": 77, "order_id": 5_550_001, "created_at": "2024-01-02T00:00:00Z",
            "refund_line_items": [[
                "id": 1, "line_item_id": 1, "quantity": 1, "restock_type": "return", "location_id": 3,
                "subtotal": 10.00, "line_item": ["id": 1, "variant_id": 99],
            ]],
            "transactions": [
                ["kind": "refund", "status": "success", "amount": "10.00"],
                ["kind": "refund", "status": "failure", "amount": "10.00"],
                ["kind": "sale", "status": "success", "amount": "10.00"],
            ],
        ]]]))
        let refund = try #require(order.refunds.first)
        #expect(refund.id == 77)
        #expect(refund.amount == Money(minorUnits: 1000, currency: "USD"))  // only the successful refund
        #expect(refund.lineItems[0].restockType == "return")
        #expect(refund.lineItems[0].variantID == 99)
        #expect(refund.lineItems[0].locationID == 3)
        #expect(refund.lineItems[0].subtotal == Money(minorUnits: 1000, currency: "USD"))  // a JSON number
    }

    @Test func productsDeleteAndLocations() throws {
        #expect(try ShopifyJSON.decode(topic: .productsDelete, body: Data(#"{"id": 788032119674292922}"#.utf8))
            == .productDeleted(id: 788_032_119_674_292_922))
        let location = Data("""
            {"id": 655441491, "name": "Ottawa Store", "address1": "126 York St", "address2": "",
             "city": "Ottawa", "zip": "K1N 5T5", "province": "Ontario", "country": "CA", "phone": "555-555-5555",
             "created_at": "2024-01-01T10:00:00-05:00", "updated_at": "2024-01-01T10:00:00-05:00",
             "country_code": "CA", "country_name": "Canada", "province_code": "ON", "legacy": false,
             "active": true, "admin_graphql_api_id": "gid://shopify/Location/655441491"}
            """.utf8)
        #expect(try ShopifyJSON.decode(topic: .locationsCreate, body: location)
            == .location(Location(id: 655_441_491, name: "Ottawa Store", isPOS: false)))
        let missingName = Self.error(Data(#"{"id": 1}"#.utf8), topic: .locationsUpdate)
        #expect(missingName?.field == "name")
    }

    @Test func privacyRequestWithoutCustomerIsNamed() {
        let error = Self.error(Data(#"{"shop_id": 1, "shop_domain": "a.myshopify.com"}"#.utf8), topic: .customersRedact)
        #expect(error?.field == "customer")
        let noID = Self.error(Data(#"{"customer": {"email": "a@b.c"}}"#.utf8), topic: .customersDataRequest)
        #expect(noID?.field == "customer.id")
    }
}
