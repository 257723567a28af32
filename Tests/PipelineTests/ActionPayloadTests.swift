import Foundation
import Pipeline
import ShopifyAdmin
import Testing

/// Payload validation per action type: field paths in errors, normalised output, hashes.
@Suite struct ActionPayloadTests {
    func field(_ payload: JSONValue, _ type: ActionType) -> String? {
        do {
            _ = try ActionPayload.normalise(payload, type: type)
            return nil
        } catch let ActionError.invalidPayload(field, _) {
            return field
        } catch {
            return "unexpected \(error)"
        }
    }

    func message(_ payload: JSONValue, _ type: ActionType) -> String {
        do {
            _ = try ActionPayload.normalise(payload, type: type)
            return ""
        } catch {
            return "\(error)"
        }
    }

    let assessment: JSONValue = [
        "orderId": "gid://shopify/Order/1001", "riskLevel": "HIGH",
        "facts": [["description": "Billing and shipping countries differ", "sentiment": "NEGATIVE"],
                  ["description": "Returning customer", "sentiment": "POSITIVE"]],
    ]

    @Test func riskAssessment() throws {
        #expect(try ActionPayload.normalise(assessment, type: .orderRiskAssessment) == assessment)
        var bad = assessment
        bad = ["orderId": "gid://shopify/Order/1001", "riskLevel": "HIGH",
               "facts": [["description": "ok", "sentiment": "NEGATIVE"], ["description": "ok", "sentiment": "BAD"]]]
        #expect(message(bad, .orderRiskAssessment) == "payload.facts[1].sentiment: must be NEGATIVE, NEUTRAL or POSITIVE")
        #expect(field(["orderId": "gid://shopify/Customer/1", "riskLevel": "LOW", "facts": [["description": "d", "sentiment": "NEUTRAL"]]],
                      .orderRiskAssessment) == "payload.orderId")
        #expect(field(["orderId": "gid://shopify/Order/1", "riskLevel": "SEVERE", "facts": [["description": "d", "sentiment": "NEUTRAL"]]],
                      .orderRiskAssessment) == "payload.riskLevel")
        // 256 characters pass (Shopify's limit), 257 do not.
        let ok = String(repeating: "a", count: 256)
        #expect(field(["orderId": "gid://shopify/Order/1", "riskLevel": "LOW", "facts": [["description": .string(ok), "sentiment": "NEUTRAL"]]],
                      .orderRiskAssessment) == nil)
        #expect(field(["orderId": "gid://shopify/Order/1", "riskLevel": "LOW",
                       "facts": [["description": .string(ok + "a"), "sentiment": "NEUTRAL"]]], .orderRiskAssessment) == "payload.facts[0].description")
        #expect(field(["orderId": "gid://shopify/Order/1", "riskLevel": "LOW", "facts": [], "note": "x"], .orderRiskAssessment) == "payload.note")
    }

    @Test func metafields() {
        let one: JSONValue = ["ownerId": "gid://shopify/Customer/7", "namespace": "storewise", "key": "clv", "type": "number_decimal",
                              "value": "123.40"]
        #expect(field(["metafields": [one]], .metafields) == nil)
        #expect(field(["metafields": .array(Array(repeating: one, count: 25))], .metafields) == nil)
        #expect(field(["metafields": .array(Array(repeating: one, count: 26))], .metafields) == "payload.metafields")
        #expect(field(["metafields": [one, ["ownerId": "gid://shopify/Customer/7", "namespace": "s", "key": "k", "value": "v"]]],
                      .metafields) == "payload.metafields[1].type")
        #expect(field(["metafields": []], .metafields) == "payload.metafields")
    }

    @Test func customerTagsTrimmedAndDeduplicated() throws {
        let out = try ActionPayload.normalise(["id": "gid://shopify/Customer/9", "tags": [" vip ", "vip", "win-back"]], type: .customerTags)
        #expect(out == ["id": "gid://shopify/Customer/9", "tags": ["vip", "win-back"]])
        #expect(field(["id": "gid://shopify/Customer/9", "tags": ["a,b"]], .customerTags) == "payload.tags[0]")
        #expect(field(["id": "gid://shopify/Customer/9", "tags": []], .customerTags) == "payload.tags")
        #expect(field(["id": "42", "tags": ["a"]], .customerTags) == "payload.id")
    }

    @Test func draftOrder() {
        let ok: JSONValue = ["customerId": "gid://shopify/Customer/1", "email": "a@example.com",
                             "lineItems": [["variantId": "gid://shopify/ProductVariant/5", "quantity": 2]], "note": "n", "tags": ["x"]]
        #expect(field(ok, .draftOrder) == nil)
        #expect(field(["lineItems": [["variantId": "gid://shopify/ProductVariant/5", "quantity": 0]]], .draftOrder) == "payload.lineItems[0].quantity")
        #expect(field(["lineItems": []], .draftOrder) == "payload.lineItems")
        #expect(field(["email": "nobody", "lineItems": [["variantId": "gid://shopify/ProductVariant/5", "quantity": 1]]], .draftOrder) == "payload.email")
    }

    @Test func discountCode() throws {
        let percent: JSONValue = ["title": "Welcome back", "code": "BACK15", "percentage": 0.15, "startsAt": "2026-05-01T00:00:00Z",
                                  "customerIds": ["gid://shopify/Customer/3"], "appliesOncePerCustomer": true, "usageLimit": 1]
        #expect(try ActionPayload.normalise(percent, type: .discountCode) == percent)
        let amount = try ActionPayload.normalise(["title": "t", "code": "TEN", "amount": "10", "currency": "USD", "startsAt": "2026-05-01T00:00:00Z",
                                                  "all": true, "appliesOncePerCustomer": false], type: .discountCode)
        #expect(amount["amount"] == "10.00")
        // 10.00 USD is 1,000 cents.
        #expect(ActionPayload.amountMinor(amount, type: .discountCode)?.amount == 1000)
        #expect(field(["title": "t", "code": "X", "percentage": 15, "startsAt": "2026-05-01T00:00:00Z", "all": true,
                       "appliesOncePerCustomer": false], .discountCode) == "payload.percentage")
        #expect(field(["title": "t", "code": "X", "percentage": 0.1, "startsAt": "2026-05-01T00:00:00Z",
                       "appliesOncePerCustomer": false], .discountCode) == "payload.customerIds")
        #expect(field(["title": "t", "code": "X", "percentage": 0.1, "startsAt": "2026-05-01T00:00:00Z", "endsAt": "2026-04-01T00:00:00Z",
                       "all": true, "appliesOncePerCustomer": false], .discountCode) == "payload.endsAt")
        #expect(field(["title": "t", "code": "X", "percentage": 0.1, "startsAt": "May 1", "all": true,
                       "appliesOncePerCustomer": false], .discountCode) == "payload.startsAt")
    }

    @Test func purchaseOrderTotalsMustAdd() throws {
        // 3 × 4.50 + 2 × 12.00 = 13.50 + 24.00 = 37.50 → 3,750 cents.
        let po: JSONValue = ["vendor": "Acme", "currency": "USD", "totalMinor": 3750, "lines": [
            ["sku": "A-1", "variantId": "gid://shopify/ProductVariant/11", "title": "Mug", "quantity": 3, "unitCostMinor": 450],
            ["sku": "B-2", "variantId": "gid://shopify/ProductVariant/12", "title": "Plate", "quantity": 2, "unitCostMinor": 1200],
        ]]
        #expect(try ActionPayload.normalise(po, type: .purchaseOrder) == po)
        #expect(ActionPayload.amountMinor(po, type: .purchaseOrder)?.amount == 3750)
        var wrong = po
        if case .object(var m) = wrong { m["totalMinor"] = 3700; wrong = .object(m) }
        #expect(message(wrong, .purchaseOrder) == "payload.totalMinor: must be the sum of the lines (3750), not 3700")
        if case .object(var m) = wrong { m["currency"] = "usd"; m["totalMinor"] = 3750; wrong = .object(m) }
        #expect(field(wrong, .purchaseOrder) == "payload.currency")
    }

    @Test func messagePayload() {
        #expect(field(["to": "ops@example.com", "subject": "s", "body": "b", "channel": "webhook"], .message) == nil)
        #expect(message(["to": "ops@example.com", "subject": "s", "body": "b", "channel": "sms"], .message)
            == "payload.channel: must be \"webhook\"")
    }

    @Test func hashIsSHA256OfCanonicalText() {
        // SHA-256("{}") per `printf '{}' | sha256sum`.
        #expect(ActionPayload.hash([:]) == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        // Key order does not change the canonical text, so not the hash.
        let a: JSONValue = ["b": 1, "a": 2]
        #expect(a.canonicalString() == #"{"a":2,"b":1}"#)
    }
}
