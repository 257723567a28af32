import Commerce
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import ShopifyAdmin
import Storage
import Testing
import TestSupport

@Suite("POST /webhooks/shopify")
struct WebhookRouteTests {
    let orderBody = ShopifyJSON.encode(.order(SampleOrders.order()))

    @Test("A correctly signed order is stored and projected")
    func signedOrderIsStored() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, text) = try await client.deliver(topic: "orders/create", body: orderBody)
            #expect(status == .ok)
            #expect(text.contains("stored"))
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 1)
        let order = try #require(try await app.store.order(shopID: app.shop.id, id: 5001))
        #expect(order.totalPrice == SampleOrders.usd(2500))  // 2 × $12.50
    }

    @Test("A wrong signature is 401 and stores nothing")
    func badSignature() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            // 32 zero bytes: well-formed, wrong.
            let forged = Data(count: 32).base64EncodedString()
            let (status, text) = try await client.deliver(topic: "orders/create", body: orderBody, hmac: forged)
            #expect(status == .unauthorized)
            #expect(text.contains("invalid_signature"))
            // Signed with another secret.
            let other = WebhookSignature.sign(body: orderBody, secret: "someone-else")
            #expect(try await client.deliver(topic: "orders/create", body: orderBody, hmac: other).0 == .unauthorized)
            // The body changed after signing.
            let signed = WebhookSignature.sign(body: orderBody, secret: TestApp.secret)
            #expect(try await client.deliver(topic: "orders/create", body: orderBody + Data(" ".utf8), hmac: signed).0 == .unauthorized)
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 0)
    }

    @Test("Missing headers are 400 and name the header")
    func missingHeaders() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            var headers = TestApp.webhookHeaders(topic: "orders/create", body: orderBody)
            headers[HTTPField.Name("X-Shopify-Webhook-Id")!] = nil
            let (status, text) = try await client.execute(uri: "/webhooks/shopify", method: .post, headers: headers, body: ByteBuffer(bytes: orderBody)) {
                ($0.status, String(buffer: $0.body))
            }
            #expect(status == .badRequest)
            #expect(text.contains("X-Shopify-Webhook-Id"))
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 0)
    }

    @Test("A malformed body is 400, names the problem, and stores nothing", arguments: [
        ("{\"id\": 1, \"created_at\": ", ""),  // not JSON at all
        ("[1, 2, 3]", ""),  // JSON, but not an order object
    ])
    func malformedBody(body: String, _: String) async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, text) = try await client.deliver(topic: "orders/create", body: Data(body.utf8))
            #expect(status == .badRequest)
            #expect(text.contains("malformed_payload"))
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 0)
        #expect(try await app.store.orders(shopID: app.shop.id, from: nil, to: nil, limit: 10, offset: 0).isEmpty)
    }

    @Test("A body missing a required field names that field")
    func missingField() async throws {
        let app = try await TestApp()
        var object = try #require(try JSONSerialization.jsonObject(with: orderBody) as? [String: Any])
        object["updated_at"] = nil
        let body = try JSONSerialization.data(withJSONObject: object)
        try await app.run { client async throws in
            let (status, text) = try await client.deliver(topic: "orders/updated", body: body)
            #expect(status == .badRequest)
            #expect(text.contains("updated_at"))
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 0)
    }

    @Test("An unknown shop is 404")
    func unknownShop() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, text) = try await client.deliver(topic: "orders/create", body: orderBody, domain: "nobody.myshopify.com")
            #expect(status == .notFound)
            #expect(text.contains("nobody.myshopify.com"))
        }
    }

    @Test("A redelivery with the same webhook id is a no-op")
    func redeliveryIsNoOp() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let first = try await client.deliver(topic: "orders/create", body: orderBody, webhookID: "same-id")
            let digest = try await app.store.projectionDigest(shopID: app.shop.id)
            let second = try await client.deliver(topic: "orders/create", body: orderBody, webhookID: "same-id")
            #expect(first.0 == .ok && second.0 == .ok)
            #expect(second.1.contains("duplicate"))
            #expect(try await app.store.projectionDigest(shopID: app.shop.id) == digest)
        }
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 1)
    }

    @Test("An older update arriving late never overwrites a newer one")
    func outOfOrderUpdate() async throws {
        let app = try await TestApp()
        let newer = SampleOrders.order(updatedAt: "2024-03-12T10:00:00Z", financialStatus: "refunded")
        let older = SampleOrders.order(updatedAt: "2024-03-11T10:00:00Z", financialStatus: "paid")
        try await app.run { client async throws in
            #expect(try await client.deliver(topic: "orders/updated", body: ShopifyJSON.encode(.order(newer))).0 == .ok)
            #expect(try await client.deliver(topic: "orders/updated", body: ShopifyJSON.encode(.order(older))).0 == .ok)
        }
        // Both deliveries are in the log; the projection holds the newer state.
        #expect(try await app.store.eventCount(shopID: app.shop.id) == 2)
        let order = try #require(try await app.store.order(shopID: app.shop.id, id: newer.id))
        #expect(order.financialStatus == "refunded")
        #expect(order.updatedAt == SampleOrders.date("2024-03-12T10:00:00Z"))
    }

    @Test("An unknown topic is kept and acknowledged")
    func unknownTopic() async throws {
        let app = try await TestApp()
        try await app.run { client async throws in
            let (status, _) = try await client.deliver(topic: "fulfillment_events/create", body: Data("{\"id\": 1}".utf8))
            #expect(status == .ok)
        }
        let events = try await app.store.events(shopID: app.shop.id, after: 0, limit: 10)
        #expect(events.map(\.topic) == ["fulfillment_events/create"])
    }
}
