import Foundation
import ShopifyAdmin
import Testing
import TestSupport

/// One vector of `shopify/hmac_vectors.json`.
private struct Vector: Decodable {
    var secret: String
    var raw_body: String
    var header: String?
    var expected_x_shopify_hmac_sha256: String?
    var expected_valid: Bool
}

private struct VectorFile: Decodable {
    var webhook_body_hmac: [Vector]
    var webhook_body_hmac_negative: [Vector]
}

@Suite("Webhook HMAC")
struct WebhookSignatureTests {
    private func vectors() throws -> VectorFile? {
        guard let data = SharedData.data("shopify/hmac_vectors.json") else { return nil }
        return try JSONDecoder().decode(VectorFile.self, from: data)
    }

    @Test("Shopify's published vectors are accepted and signed identically")
    func publishedVectorsAccept() throws {
        guard let file = try vectors() else { return }
        #expect(file.webhook_body_hmac.count >= 2)
        for vector in file.webhook_body_hmac {
            let expected = try #require(vector.expected_x_shopify_hmac_sha256)
            let body = Data(vector.raw_body.utf8)
            #expect(WebhookSignature.sign(body: body, secret: vector.secret) == expected)
            #expect(WebhookSignature.isValid(body: body, header: expected, secret: vector.secret) == vector.expected_valid)
        }
    }

    @Test("Published negative vectors are rejected")
    func publishedVectorsReject() throws {
        guard let file = try vectors() else { return }
        #expect(file.webhook_body_hmac_negative.count >= 5)
        for vector in file.webhook_body_hmac_negative {
            let header = try #require(vector.header)
            #expect(!WebhookSignature.isValid(body: Data(vector.raw_body.utf8), header: header, secret: vector.secret))
        }
    }

    /// Independent of ../shared: RFC 4231 test case 2 (key "Jefe"), whose HMAC-SHA256 is
    /// 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843, here in base64.
    @Test("RFC 4231 case 2 signs and verifies")
    func rfc4231() {
        let body = Data("what do ya want for nothing?".utf8)
        let expected = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
        #expect(WebhookSignature.sign(body: body, secret: "Jefe") == expected)
        #expect(WebhookSignature.isValid(body: body, header: expected, secret: "Jefe"))
        #expect(!WebhookSignature.isValid(body: body, header: expected, secret: "jefe"))
        #expect(!WebhookSignature.isValid(body: body + Data(" ".utf8), header: expected, secret: "Jefe"))
    }

    @Test("Headers: both spellings, and a missing one is named")
    func headers() throws {
        let classic = ["x-shopify-hmac-sha256": "abc", "x-shopify-topic": "orders/create",
                       "x-shopify-shop-domain": "Demo.myshopify.com", "x-shopify-webhook-id": "w1"]
        let parsed = try WebhookHeaders { classic[$0.lowercased()] }
        #expect(parsed.shopDomain == "demo.myshopify.com")
        #expect(parsed.webhookID == "w1")
        let events = ["shopify-hmac-sha256": "abc", "shopify-topic": "orders/create",
                      "shopify-shop-domain": "demo.myshopify.com", "shopify-webhook-id": "w2"]
        #expect(try WebhookHeaders { events[$0.lowercased()] }.webhookID == "w2")
        var missing = classic
        missing["x-shopify-webhook-id"] = nil
        #expect(throws: WebhookHeaderError.missing("X-Shopify-Webhook-Id")) {
            try WebhookHeaders { missing[$0.lowercased()] }
        }
    }
}
