import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Risk
@testable import Server
import Storage
import Testing

/// Stored assessments written straight to the store, as the scoring service writes them.
enum RiskFixture {
    /// Facts JSON as `RiskCoding` stores it (`RiskFact`'s synthesized keys).
    static let highFacts = """
        [{"description":"7 orders from this card in the last hour","sentiment":"NEGATIVE","source":"cardOrders1h","contribution":1.9},\
        {"description":"<script>alert(1)</script> & billing country differs","sentiment":"NEGATIVE","source":"billingShippingCountryDiffer","contribution":0.8},\
        {"description":"Returning customer with 12 earlier orders","sentiment":"POSITIVE","source":"customerPriorOrders","contribution":-0.4}]
        """

    static func record(shopID: Int64, orderID: Int64, level: String, probability: Double, facts: String = highFacts,
                       at: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> RiskAssessmentRecord {
        var features = [String](repeating: "null", count: RiskFeature.allCases.count)
        features[RiskFeature.cardOrders1h.index] = "7"
        features[RiskFeature.orderAmount.index] = "420.5"
        return RiskAssessmentRecord(shopID: shopID, subjectKind: .order, subjectID: orderID, at: at, probability: probability, level: level,
                                    factsJSON: facts, scorer: "model", modelVersion: 3, featuresJSON: "[" + features.joined(separator: ",") + "]",
                                    scoredAt: at.addingTimeInterval(0.2))
    }

    /// Orders 101 (HIGH), 102 (MEDIUM), 103 (LOW), 104 (NONE), one second apart (104 newest).
    static func seed(_ app: TestApp) async throws {
        let levels = [("HIGH", 0.91), ("MEDIUM", 0.32), ("LOW", 0.04), ("NONE", 0.001)]
        for (i, (level, p)) in levels.enumerated() {
            try await app.store.saveRiskAssessment(record(shopID: app.shop.id, orderID: 101 + Int64(i), level: level, probability: p,
                                                          at: Date(timeIntervalSince1970: 1_795_000_000 + Double(i))))
        }
    }
}

@Suite("Risk API")
struct RiskAPITests {
    static let shopBase = "/api/v1/shops/\(TestApp.domain)/risk"

    func json(_ app: TestApp) -> HTTPFields {
        var fields = app.bearer
        fields[.contentType] = "application/json"
        return fields
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
    }

    @Test("a refund, a gift-card sale and a discount override are pre-checked: level, probability, facts, scorer and the policy's decision")
    func precheckGood() async throws {
        let app = try await TestApp()
        try await app.run { client in
            let bodies = [
                ("refund", #"{"kind":"refund","amount":"120.00","currency":"USD","locationId":1,"staffId":"7","orderId":"gid://shopify/Order/4501"}"#),
                ("gift_card", #"{"kind":"gift_card","amount":500,"count":5,"paymentMethod":"card","staffId":7,"customerId":null}"#),
                ("discount_override", #"{"kind":"discount_override","subtotal":"240.00","discount":"120.00","staff_id":7,"location_id":1}"#),
            ]
            for (kind, body) in bodies {
                for base in [Self.shopBase, "/api/v1/risk"] {
                    let (status, text, _) = try await client.send(base + "/precheck", .post, headers: json(app), body: body)
                    #expect(status == .ok, "\(kind): \(text)")
                    let object = try Self.object(text)
                    #expect(object["kind"] as? String == kind)
                    let level = try #require(RiskLevel(rawValue: object["level"] as? String ?? ""), "\(text)")
                    let p = try #require(object["probability"] as? Double)
                    #expect((0...1).contains(p))
                    #expect(object["facts"] is [Any] && object["scorer"] is String)
                    #expect(object["decision"] as? String == RiskPrecheckPolicy().decision(for: level).rawValue)
                }
            }
        }
    }

    @Test("bad pre-check input answers 400 naming the field")
    func precheckBad() async throws {
        let app = try await TestApp()
        try await app.run { client in
            let cases: [(String, String)] = [
                (#"{"amount":"10.00"}"#, "field kind is required"),
                (#"{"kind":"layaway","amount":"10.00"}"#, "field kind must be one of"),
                (#"{"kind":"refund"}"#, "field amount is required"),
                (#"{"kind":"refund","amount":"ten"}"#, "field amount must be a decimal amount"),
                (#"{"kind":"refund","amount":"10.001"}"#, "field amount must be a decimal amount"),
                (#"{"kind":"refund","amount":"-5.00"}"#, "field amount must not be negative"),
                (#"{"kind":"refund","amount":"10.00","staffId":0}"#, "field staffId must be a positive integer id"),
                (#"{"kind":"refund","amount":"10.00","locationId":true}"#, "field locationId must be a string or a number"),
                (#"{"kind":"refund","amount":"10.00","currency":"dollars"}"#, "field currency must be a three-letter"),
                (#"{"kind":"refund","amount":"10.00","count":2}"#, "field count does not apply to a refund"),
                (#"{"kind":"refund","amount":"10.00","staff":7}"#, "field staff is not a pre-check field"),
                (#"{"kind":"gift_card","amount":"50.00","count":0}"#, "field count must be an integer in 1...10000"),
                (#"{"kind":"discount_override","subtotal":"10.00"}"#, "field discount is required"),
                (#"{"kind":"discount_override","subtotal":"10.00","discount":"12.00"}"#, "field discount must not exceed the subtotal 10.00"),
                (#"["refund"]"#, "field body must be a JSON object"),
            ]
            for (body, message) in cases {
                let (status, text, _) = try await client.send(Self.shopBase + "/precheck", .post, headers: json(app), body: body)
                #expect(status == .badRequest, "\(body): \(text)")
                #expect(text.contains(message), "\(body): \(text)")
            }
        }
    }

    @Test("routes need the shop's bearer token, and a path naming another shop is 404")
    func auth() async throws {
        let app = try await TestApp()
        try await app.run { client in
            let (status, _, _) = try await client.get(Self.shopBase + "/flagged")
            #expect(status == .unauthorized)
            let (other, text, _) = try await client.get("/api/v1/shops/other-shop.myshopify.com/risk/flagged", headers: app.bearer)
            #expect(other == .notFound, "\(text)")
            let (short, _, _) = try await client.get("/api/v1/shops/test-shop/risk/flagged", headers: app.bearer)
            #expect(short == .ok)
        }
    }

    @Test("an order's stored assessment: level, facts in order with sentiments, model version, features by name; 404 when unscored")
    func orderLookup() async throws {
        let app = try await TestApp()
        try await RiskFixture.seed(app)
        try await app.run { client in
            let (status, text, _) = try await client.get(Self.shopBase + "/orders/101", headers: app.bearer)
            #expect(status == .ok, "\(text)")
            let object = try Self.object(text)
            #expect(object["order_id"] as? Int == 101 && object["order_gid"] as? String == "gid://shopify/Order/101")
            #expect(object["level"] as? String == "HIGH" && object["probability"] as? Double == 0.91)
            #expect(object["scorer"] as? String == "model" && object["model_version"] as? Int == 3)
            let facts = try #require(object["facts"] as? [[String: Any]])
            #expect(facts.map { $0["sentiment"] as? String } == ["NEGATIVE", "NEGATIVE", "POSITIVE"])
            #expect(facts.first?["description"] as? String == "7 orders from this card in the last hour")
            #expect(facts.first?["source"] as? String == "cardOrders1h")
            let features = try #require(object["features"] as? [String: Any])
            #expect(features.count == RiskFeature.allCases.count)
            #expect(features["cardOrders1h"] as? Double == 7 && features["orderAmount"] as? Double == 420.5)
            #expect(features["ipOrders1h"] is NSNull)

            let (missing, missingText, _) = try await client.get(Self.shopBase + "/orders/999", headers: app.bearer)
            #expect(missing == .notFound && missingText.contains("order 999 has no risk assessment"))
            let (bad, badText, _) = try await client.get(Self.shopBase + "/orders/abc", headers: app.bearer)
            #expect(bad == .badRequest && badText.contains("path parameter order"))
        }
    }

    @Test("flagged lists MEDIUM and above newest first by default; level and limit filter; a bad level names the parameter")
    func flagged() async throws {
        let app = try await TestApp()
        try await RiskFixture.seed(app)
        try await app.run { client in
            func ids(_ query: String) async throws -> [Int] {
                let (status, text, _) = try await client.get(Self.shopBase + "/flagged" + query, headers: app.bearer)
                #expect(status == .ok, "\(text)")
                let items = try #require(try Self.object(text)["items"] as? [[String: Any]])
                #expect(items.allSatisfy { $0["features"] == nil })
                return items.compactMap { $0["order_id"] as? Int }
            }
            #expect(try await ids("") == [102, 101])
            #expect(try await ids("?level=HIGH") == [101])
            #expect(try await ids("?level=low") == [103, 102, 101])
            #expect(try await ids("?level=NONE&limit=2") == [104, 103])
            let (status, text, _) = try await client.get(Self.shopBase + "/flagged?level=SEVERE", headers: app.bearer)
            #expect(status == .badRequest && text.contains("query parameter level must be one of NONE, LOW, MEDIUM, HIGH"))
        }
    }

    @Test("the pre-check policy: NONE/LOW proceed, MEDIUM asks a manager, HIGH refuses unless configured to ask")
    func policy() {
        let standard = RiskPrecheckPolicy()
        #expect(RiskLevel.allCases.map(standard.decision) == [.proceed, .proceed, .askManager, .refuse])
        let lenient = RiskPrecheckPolicy(high: .askManager)
        #expect(lenient.decision(for: .high) == .askManager)
    }

    @Test("a pre-check body reads into the subject: amounts in minor units of the currency, GIDs and numeric strings as ids")
    func subjectValues() throws {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        let refund = try RiskPrecheckRequest(fields: ["kind": "refund", "amount": "120.00", "staffId": "7", "locationId": "gid://shopify/Location/12",
                                                      "orderId": "4501"], shopCurrency: "USD", at: at).subject
        // 120.00 USD = 12,000 cents (ISO 4217: two minor digits).
        #expect(refund == .refund(RefundCheck(at: at, locationID: 12, staffID: 7, orderID: 4501, amount: Money(minorUnits: 12_000, currency: "USD"))))
        let cards = try RiskPrecheckRequest(fields: ["kind": "gift_card", "amount": "5000", "currency": "jpy", "count": "5", "payment_method": "Cash"],
                                            shopCurrency: "USD", at: at).subject
        // JPY has no minor unit: 5000 yen = 5,000.
        #expect(cards == .giftCardSale(GiftCardCheck(at: at, locationID: nil, staffID: nil, count: 5, amount: Money(minorUnits: 5_000, currency: "JPY"),
                                                     paymentMethod: "cash")))
        let override = try RiskPrecheckRequest(fields: ["kind": "discount_override", "subtotal": "240", "discount": "120.5", "staffId": "3"],
                                               shopCurrency: "EUR", at: at).subject
        #expect(override == .discountOverride(DiscountOverrideCheck(at: at, locationID: nil, staffID: 3, subtotal: Money(minorUnits: 24_000, currency: "EUR"),
                                                                    discount: Money(minorUnits: 12_050, currency: "EUR"))))
    }
}
