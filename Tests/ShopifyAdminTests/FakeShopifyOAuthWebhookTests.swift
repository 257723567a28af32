import Commerce
import FakeShopify
import Foundation
import ShopifyAdmin
import Simulation
import TestSupport
import Testing

/// The fake's OAuth endpoints and webhook delivery, checked with the app's own verifiers.
@Suite("Fake Shopify OAuth and webhooks")
struct FakeShopifyOAuthWebhookTests {
    @Test("queryHMAC reproduces Shopify's documented install HMAC (hmac_vectors.json, python-docs-example)")
    func documentedVector() throws {
        guard let data = SharedData.data("shopify/hmac_vectors.json") else { return }
        let vectors = try JSONValue.parse(data)
        let vector = vectors["oauth_query_hmac"].array?.first { $0["id"].string == "python-docs-example" } ?? .null
        let parameters = (vector["params"].object ?? [:]).map { ($0.key, $0.value.string ?? "") }
        #expect(!parameters.isEmpty)
        #expect(FakeShopify.queryHMAC(parameters, secret: vector["secret"].string ?? "") == vector["expected_hmac_hex"].string)
    }

    @Test("authorize redirects with a code and a query the app's InstallRequest accepts; the code works once")
    func authorizeAndExchange() async throws {
        let fake = try await FakeShopify.start()
        let configuration = fake.configuration
        var components = URLComponents(url: fake.baseURL.appendingPathComponent("admin/oauth/authorize"), resolvingAgainstBaseURL: false)!
        components.queryItems = [URLQueryItem(name: "client_id", value: configuration.clientID),
                                 URLQueryItem(name: "scope", value: "read_orders,write_orders"),
                                 URLQueryItem(name: "redirect_uri", value: "http://127.0.0.1:1/auth/callback"),
                                 URLQueryItem(name: "state", value: "nonce-123")]
        let redirect = try await fake.get(components.url!)
        #expect(redirect.status == 302)
        let location = URLComponents(string: redirect.header("Location") ?? "")
        #expect(location?.path == "/auth/callback")
        let query = location?.percentEncodedQuery ?? ""
        let install = InstallRequest(query: query)
        #expect(install.hasValidHMAC(secret: configuration.clientSecret))
        #expect(!install.hasValidHMAC(secret: "another-secret"))
        let items = location?.queryItems ?? []
        #expect(items.first { $0.name == "state" }?.value == "nonce-123")
        #expect(items.first { $0.name == "shop" }?.value == configuration.shopDomain)
        let code = items.first { $0.name == "code" }?.value ?? ""

        let tokenURL = fake.baseURL.appendingPathComponent("admin/oauth/access_token")
        let wrongSecret = try await fake.post(tokenURL, body: Data("client_id=\(configuration.clientID)&client_secret=nope&code=\(code)".utf8),
                                              contentType: "application/x-www-form-urlencoded")
        #expect(wrongSecret.status == 400)
        let body: JSONValue = ["client_id": .string(configuration.clientID), "client_secret": .string(configuration.clientSecret), "code": .string(code)]
        let token = try await fake.post(tokenURL, body: body.canonicalData(), contentType: "application/json")
        #expect(token.status == 200)
        #expect(token.json["access_token"].string == configuration.accessToken)
        #expect(token.json["scope"].string == "read_orders,write_orders")
        let again = try await fake.post(tokenURL, body: body.canonicalData(), contentType: "application/json")
        #expect(again.status == 400)
        await fake.stop()
    }

    @Test("installURL carries an HMAC the app's InstallRequest verifies")
    func installURL() async throws {
        let fake = try await FakeShopify.start()
        let url = fake.installURL(appURL: URL(string: "http://127.0.0.1:8080/auth/install")!)
        let install = InstallRequest(query: URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? "")
        #expect(install.hasValidHMAC(secret: fake.configuration.clientSecret))
        #expect(try install.verify(secret: fake.configuration.clientSecret, now: Date()).description.contains(fake.configuration.shopDomain))
        await fake.stop()
    }

    @Test("webhookSubscriptionCreate, then orders/create is delivered signed, retried after a 500")
    func delivery() async throws {
        let sink = try await FakeWebhookSink.start(statuses: [500])
        let fake = try await FakeShopify.start()
        let uri = sink.baseURL.appendingPathComponent("webhooks/shopify").absoluteString
        let created = try await fake.post(query: """
            mutation Sub($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
              webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) { webhookSubscription { id topic uri format } userErrors { field message } }
            }
            """, variables: ["topic": "ORDERS_CREATE", "sub": ["uri": .string(uri), "format": "JSON"]])
        let subscription = created.json["data"]["webhookSubscriptionCreate"]["webhookSubscription"]
        #expect(subscription["topic"].string == "ORDERS_CREATE")
        #expect(subscription["uri"].string == uri)
        #expect(await fake.webhookSubscriptions.first?.topic == .ordersCreate)

        let order = FakeShopifyGraphQLTests.order(id: 4242)
        try await fake.createOrder(order)
        let deliveries = sink.deliveries
        #expect(deliveries.count == 2) // 500, then the retry answered 200
        let delivery = try #require(deliveries.last)
        #expect(delivery.path == "/webhooks/shopify")
        #expect(delivery.header("X-Shopify-Topic") == "orders/create")
        #expect(delivery.header("X-Shopify-Shop-Domain") == fake.configuration.shopDomain)
        #expect(delivery.header("X-Shopify-API-Version") == "2026-04")
        #expect(UUID(uuidString: delivery.header("X-Shopify-Webhook-Id") ?? "") != nil)
        #expect(deliveries[0].header("X-Shopify-Webhook-Id") == delivery.header("X-Shopify-Webhook-Id")) // a retry keeps its id
        #expect(delivery.header("X-Shopify-Triggered-At") != nil)
        #expect(delivery.header("X-Shopify-Event-Id") != nil)
        #expect(WebhookSignature.isValid(body: delivery.body, header: delivery.header("X-Shopify-Hmac-Sha256") ?? "", secret: fake.configuration.clientSecret))
        #expect(!WebhookSignature.isValid(body: delivery.body, header: delivery.header("X-Shopify-Hmac-Sha256") ?? "", secret: "other"))
        let decoded = try ShopifyJSON.decode(topic: .ordersCreate, body: delivery.body)
        if case .order(let received) = decoded { #expect(received.id == 4242) } else { Issue.record("not an order: \(decoded)") }
        #expect(await fake.order(id: 4242) != nil)

        let statuses = try await fake.deliver(topic: .productsUpdate, body: Data("{}".utf8))
        #expect(statuses.isEmpty) // nobody subscribed
        await fake.stop()
        await sink.stop()
    }

    @Test("with deliverUpdateWebhooks, tagsAdd on an order is followed by a signed orders/updated carrying the tag")
    func updateWebhook() async throws {
        let sink = try await FakeWebhookSink.start()
        let fake = try await FakeShopify.start(FakeShopifyConfiguration(deliverUpdateWebhooks: true))
        await fake.seed(orders: [FakeShopifyGraphQLTests.order()])
        let uri = sink.baseURL.appendingPathComponent("webhooks").absoluteString
        _ = try await fake.post(query: #"mutation($uri: String!) { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: {uri: $uri}) { userErrors { message } } }"#,
                                variables: ["uri": .string(uri)])
        _ = try await fake.post(query: #"mutation { tagsAdd(id: "gid://shopify/Order/1001", tags: ["risk:low"]) { userErrors { message } } }"#)
        for _ in 0..<200 where sink.deliveries.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
        let delivery = try #require(sink.deliveries.first)
        #expect(delivery.header("X-Shopify-Topic") == "orders/updated")
        #expect(WebhookSignature.isValid(body: delivery.body, header: delivery.header("X-Shopify-Hmac-Sha256") ?? "", secret: fake.configuration.clientSecret))
        let payload = try ShopifyJSON.decode(topic: .ordersUpdated, body: delivery.body)
        if case .order(let order) = payload { #expect(order.tags.contains("risk:low")) } else { Issue.record("not an order") }
        await fake.stop()
        await sink.stop()
    }

    @Test("seeding from the simulator folds its events; later updates win")
    func simulatorSeed() async throws {
        let fake = try await FakeShopify.start()
        let simulator = StoreSimulator(configuration: .small)
        let held = await fake.seed(from: simulator, orderLimit: 60)
        #expect(held == 60)
        let shop = try await fake.post(query: "{ shop { name currencyCode myshopifyDomain } products(first: 5) { nodes { id variants(first: 3) { nodes { sku price } } } } locations(first: 10) { nodes { name } } }")
        #expect(shop.json["data"]["shop"]["name"].string == simulator.shop.name)
        #expect(shop.json["data"]["products"]["nodes"].array?.isEmpty == false)
        #expect(shop.json["data"]["locations"]["nodes"].array?.count == simulator.locations.count)
        await fake.stop()
    }
}
