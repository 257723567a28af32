@testable import Commerce
import Foundation
import Testing
import TestSupport

/// The order, refund and dispute fields a risk score reads: staff (`user_id`), shipping lines,
/// discount applications, payment transactions with their card checks, refund locations, and the
/// disputes/* body. Expected values were read by hand from Shopify's samples and docs.
@Suite struct ShopifyJSONRiskFieldsTests {
    static func usd(_ cents: Int64) -> Money { Money(minorUnits: cents, currency: "USD") }

    /// Both readers on `body`: the same wire value, and the same domain order.
    static func bothPaths(_ body: String) throws -> Order {
        let data = Data(body.utf8)
        let fast = try ShopifyJSON.readWire(OrderWire.self, data)
        let reference = try ShopifyJSON.wire(OrderWire.self, data)
        #expect(fast == reference)
        let context = DecodeContext(currency: "USD")
        let order = try fast.model(context)
        #expect(try reference.model(context) == order)
        #expect(try ShopifyJSON.decode(topic: .ordersCreate, body: data) == .order(order))
        return order
    }

    /// A minimal order with `extra` spliced in before its closing brace.
    static func order(_ extra: String) -> String {
        ##"{"id":1,"name":"#1","created_at":"2024-01-01T10:00:00Z","updated_at":"2024-01-01T10:00:00Z","total_price":"12.00","line_items":[]"##
            + (extra.isEmpty ? "" : "," + extra) + "}"
    }

    @Test func orderSampleShippingLineAndStaff() throws {
        guard let body = ShopifyJSONSampleTests.sample("orders_create") else { return }
        guard case .order(let order) = try ShopifyJSON.decode(topic: .ordersCreate, body: body) else {
            Issue.record("not an order"); return
        }
        // The sample: one shipping line "Generic Shipping", price "10.00" (price_set USD), source
        // "shopify", code null; `user_id` null (an online order); `discount_applications` [].
        #expect(order.shippingLines == [ShippingLine(title: "Generic Shipping", code: nil, source: "shopify", price: Self.usd(1_000))])
        #expect(order.userID == nil)
        #expect(order.discountApplications.isEmpty)
        #expect(order.payments.isEmpty)
    }

    @Test func refundSampleStaffAndLocation() throws {
        guard let body = ShopifyJSONSampleTests.sample("refunds_create") else { return }
        guard case .refund(let refund) = try ShopifyJSON.decode(topic: .refundsCreate, body: body) else {
            Issue.record("not a refund"); return
        }
        // The sample: "user_id": 548380009; both transactions have "location_id": null (online).
        #expect(refund.userID == 548_380_009)
        #expect(refund.locationID == nil)
        #expect(refund.amount == Self.usd(8_500))  // 75.00 + 10.00

        // The same refund rung up at a POS location: the first transaction's location_id.
        var text = String(decoding: body, as: UTF8.self)
        let transactions = try #require(text.range(of: "\"transactions\""))
        let location = try #require(text.range(of: "\"location_id\": null", range: transactions.upperBound..<text.endIndex))
        text.replaceSubrange(location, with: "\"location_id\": 24826418")
        guard case .refund(let pos) = try ShopifyJSON.decode(topic: .refundsCreate, body: Data(text.utf8)) else {
            Issue.record("not a refund"); return
        }
        #expect(pos.locationID == 24_826_418)
        #expect(pos.userID == 548_380_009)
        let fast = try ShopifyJSON.readWire(RefundWire.self, Data(text.utf8))
        #expect(fast == (try ShopifyJSON.wire(RefundWire.self, Data(text.utf8))))
    }

    @Test func transactionsWithPaymentDetails() throws {
        // Field names from Shopify's REST Transaction resource (`payment_details.credit_card_bin`,
        // `avs_result_code`, `cvv_result_code`, `credit_card_company`; `error_code` on a failure).
        let body = Self.order(#"""
            "user_id":548380009,"transactions":[
            {"id":389404469,"admin_graphql_api_id":"gid://shopify/OrderTransaction/389404469","kind":"authorization",
             "status":"failure","gateway":"bogus","amount":"12.00","currency":"USD","created_at":"2024-01-01T09:59:00-05:00",
             "error_code":"incorrect_cvc","test":false,"receipt":{"testcase":true},"location_id":null,
             "payment_details":{"credit_card_bin":"424242","avs_result_code":"N","cvv_result_code":"N",
              "credit_card_number":"•••• •••• •••• 4242","credit_card_company":"Visa","credit_card_name":"Jon Doe"}},
            {"id":389404470,"kind":"sale","status":"success","gateway":"bogus","amount":"12.00",
             "created_at":"2024-01-01T10:00:00-05:00","error_code":null,
             "payment_details":{"credit_card_bin":"424242","avs_result_code":"Y","cvv_result_code":"M",
              "credit_card_company":"Visa"}}]
            """#)
        let order = try Self.bothPaths(body)
        #expect(order.userID == 548_380_009)
        // 09:59 at -05:00 is 14:59 UTC: 2024-01-01T14:59:00Z = 1_704_121_140.
        #expect(order.payments == [
            PaymentAttempt(id: 389_404_469, kind: "authorization", status: "failure", gateway: "bogus",
                           amount: Self.usd(1_200), createdAt: Date(timeIntervalSince1970: 1_704_121_140),
                           cardBIN: "424242", cardCompany: "Visa", avsResultCode: "N", cvvResultCode: "N",
                           errorCode: "incorrect_cvc", cardLast4: "4242"),  // from the masked credit_card_number
            PaymentAttempt(id: 389_404_470, kind: "sale", status: "success", gateway: "bogus",
                           amount: Self.usd(1_200), createdAt: Date(timeIntervalSince1970: 1_704_121_200),
                           cardBIN: "424242", cardCompany: "Visa", avsResultCode: "Y", cvvResultCode: "M"),
        ])
    }

    @Test func maskedCardNumberGivesLastFour() {
        #expect(PaymentAttempt.last4(fromMasked: "•••• •••• •••• 4242") == "4242")
        #expect(PaymentAttempt.last4(fromMasked: "XXXX-XXXX-XXXX-0005") == "0005")
        #expect(PaymentAttempt.last4(fromMasked: "•••• 42") == nil)
        #expect(PaymentAttempt.last4(fromMasked: nil) == nil)
    }

    @Test func legacyPaymentDetailsIsOneAttempt() throws {
        let legacy = #""payment_details":{"credit_card_bin":"411111","avs_result_code":"A","cvv_result_code":"P","credit_card_company":"Visa"}"#
        let order = try Self.bothPaths(Self.order(legacy))
        #expect(order.payments == [PaymentAttempt(id: 0, kind: "sale", status: "success", cardBIN: "411111",
                                                  cardCompany: "Visa", avsResultCode: "A", cvvResultCode: "P")])
        // Transactions, when present, win over the legacy field.
        let both = try Self.bothPaths(Self.order(legacy + #","transactions":[{"id":5,"kind":"sale","status":"success"}]"#))
        #expect(both.payments == [PaymentAttempt(id: 5, kind: "sale", status: "success")])
        // An empty legacy object says nothing.
        #expect(try Self.bothPaths(Self.order(#""payment_details":{}"#)).payments.isEmpty)
    }

    @Test func discountApplicationsOfEveryKind() throws {
        // Shapes from Shopify's REST Order docs: a code names itself by `code`, the others by
        // `title` and `description`; `value` is a decimal string.
        let order = try Self.bothPaths(Self.order(#"""
            "discount_applications":[
            {"type":"discount_code","value":"10.0","value_type":"percentage","allocation_method":"across",
             "target_selection":"all","target_type":"line_item","code":"SPRING"},
            {"type":"manual","value":"5.00","value_type":"fixed_amount","allocation_method":"one",
             "target_selection":"explicit","target_type":"line_item","title":"Staff override","description":"Price match"},
            {"type":"automatic","value":"100.0","value_type":"percentage","allocation_method":"each",
             "target_selection":"all","target_type":"shipping_line","title":"Free shipping"},
            {"type":"script","value":2.5,"value_type":"fixed_amount","target_type":"line_item","description":"Bundle"}]
            """#))
        #expect(order.discountApplications == [
            DiscountApplication(type: "discount_code", title: "SPRING", valueType: "percentage", value: 10, targetType: "line_item"),
            DiscountApplication(type: "manual", title: "Staff override", valueType: "fixed_amount", value: 5, targetType: "line_item"),
            DiscountApplication(type: "automatic", title: "Free shipping", valueType: "percentage", value: 100,
                                targetType: "shipping_line"),
            DiscountApplication(type: "script", title: "Bundle", valueType: "fixed_amount", value: 2.5, targetType: "line_item"),
        ])
        #expect(order.discountApplications.map(\.isManual) == [false, true, false, false])
    }

    @Test func errorsNameTheFieldPath() throws {
        let badValue = Self.order(#""discount_applications":[{"type":"manual","value":"ten","value_type":"percentage"}]"#)
        #expect(throws: PayloadError(field: "discount_applications[0].value", reason: "\"ten\" is not a decimal number")) {
            try ShopifyJSON.decode(topic: .ordersCreate, body: Data(badValue.utf8))
        }
        let noPrice = Self.order(#""shipping_lines":[{"title":"Standard"},{"title":"Express"}]"#)
        #expect(throws: PayloadError(field: "shipping_lines[0].price", reason: "is missing")) {
            try ShopifyJSON.decode(topic: .ordersCreate, body: Data(noPrice.utf8))
        }
        let badPrice = Self.order(#""shipping_lines":[{"title":"Standard","price":"1.00"},{"title":"Express","price":"x"}]"#)
        let error = try #require(throws: PayloadError.self) {
            try ShopifyJSON.decode(topic: .ordersCreate, body: Data(badPrice.utf8))
        }
        #expect(error.field == "shipping_lines[1].price")
        let noID = Self.order(#""transactions":[{"kind":"sale","status":"success"}]"#)
        #expect(throws: PayloadError(field: "transactions[0].id", reason: "is missing")) {
            try ShopifyJSON.decode(topic: .ordersCreate, body: Data(noID.utf8))
        }
        // A missing required key: both readers name the same path.
        let noType = Self.order(#""discount_applications":[{"value":"1.0","value_type":"percentage"}]"#)
        let fast = try #require(throws: PayloadError.self) { try ShopifyJSON.readWire(OrderWire.self, Data(noType.utf8)) }
        let reference = try #require(throws: PayloadError.self) { try ShopifyJSON.wire(OrderWire.self, Data(noType.utf8)) }
        #expect(fast.field == "discount_applications[0].type")
        #expect(reference.field == "discount_applications[0].type")
    }

    @Test func disputeBody() throws {
        // The shape of Shopify's REST Dispute resource (as in its documented list response).
        let body = #"""
            {"id":815713555,"order_id":625362839,"type":"chargeback","amount":"11.50","currency":"USD",
             "reason":"fraudulent","network_reason_code":"4827","status":"needs_response",
             "evidence_due_by":"2024-01-14T19:00:00-05:00","evidence_sent_on":null,"finalized_on":null,
             "initiated_at":"2013-05-03T20:00:00-04:00"}
            """#
        for topic in [WebhookTopic("disputes/create"), WebhookTopic("disputes/update")] {
            let payload = try ShopifyJSON.decode(topic: topic, body: Data(body.utf8), shopCurrency: "EUR")
            // 2013-05-03T20:00:00-04:00 = 2013-05-04T00:00:00Z = 1_367_625_600.
            let expected = Dispute(id: 815_713_555, orderID: 625_362_839, type: "chargeback", amount: Self.usd(1_150),
                                   reason: "fraudulent", status: "needs_response",
                                   initiatedAt: Date(timeIntervalSince1970: 1_367_625_600))
            #expect(payload == .dispute(expected))
            #expect(expected.isFraudChargeback)
        }
        // An inquiry without an order or currency, finalized on a bare day.
        let inquiry = #"{"id":1,"order_id":null,"type":"inquiry","amount":"3.00","reason":"unrecognized","status":"won","finalized_on":"2013-07-03","initiated_at":"2013-05-03T20:00:00-04:00"}"#
        guard case .dispute(let dispute) = try ShopifyJSON.decode(topic: .disputesUpdate, body: Data(inquiry.utf8), shopCurrency: "CAD")
        else { Issue.record("not a dispute"); return }
        #expect(dispute.orderID == nil)
        #expect(dispute.amount == Money(minorUnits: 300, currency: "CAD"))
        // 2013-07-03T00:00:00Z = 1_372_809_600.
        #expect(dispute.finalizedAt == Date(timeIntervalSince1970: 1_372_809_600))
        #expect(!dispute.isFraudChargeback)
        let missing = #"{"id":1,"type":"chargeback","amount":"3.00"}"#
        #expect(throws: PayloadError(field: "initiated_at", reason: "is missing")) {
            try ShopifyJSON.decode(topic: .disputesCreate, body: Data(missing.utf8))
        }
    }

    @Test func disputeTopicsAreKnown() {
        #expect(WebhookTopic("disputes/create") == .disputesCreate)
        #expect(WebhookTopic("DISPUTES/UPDATE") == .disputesUpdate)
        #expect(WebhookTopic.known.contains(.disputesCreate))
        #expect(WebhookTopic.known.contains(.disputesUpdate))
        #expect(WebhookTopic.disputesUpdate.rawValue == "disputes/update")
    }

    @Test func newFieldsAreWrittenInShopifysShape() throws {
        let body = ShopifyJSON.encode(ShopifyJSONRoundTripTests.order)
        let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        #expect((json["user_id"] as? NSNumber)?.int64Value == 81_001)
        let shipping = try #require((json["shipping_lines"] as? [[String: Any]])?.first)
        #expect(shipping["title"] as? String == "Express")
        #expect(shipping["price"] as? String == "12.50")
        let discounts = try #require(json["discount_applications"] as? [[String: Any]])
        #expect(discounts.first?["code"] as? String == "SPRING")
        #expect(discounts.first?["value"] as? String == "5.0")
        #expect(discounts[1]["title"] as? String == "Price match")
        let transactions = try #require(json["transactions"] as? [[String: Any]])
        let details = try #require(transactions.first?["payment_details"] as? [String: Any])
        #expect(details["credit_card_bin"] as? String == "411111")
        #expect(details["cvv_result_code"] as? String == "N")
        #expect(transactions.first?["error_code"] as? String == "incorrect_cvc")
        let refund = try #require((json["refunds"] as? [[String: Any]])?.first)
        #expect((refund["user_id"] as? NSNumber)?.int64Value == 548_380_009)
        let refundTransaction = try #require((refund["transactions"] as? [[String: Any]])?.first)
        #expect((refundTransaction["location_id"] as? NSNumber)?.int64Value == 70_001)
        // Orders without payments write no `transactions` key, as Shopify's orders webhooks.
        let plain = ShopifyJSONRoundTripTests.payloads[1]
        let plainJSON = try #require(try JSONSerialization.jsonObject(with: ShopifyJSON.encode(plain)) as? [String: Any])
        #expect(plainJSON["transactions"] == nil)
        #expect((plainJSON["shipping_lines"] as? [Any])?.isEmpty == true)
    }
}
