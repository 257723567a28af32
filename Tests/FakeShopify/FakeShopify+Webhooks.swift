import AsyncHTTPClient
import Commerce
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ShopifyAdmin

/// Webhook delivery: every subscription of a topic gets the REST-shaped body, signed with the app secret.
extension FakeShopify {
    /// Posts `body` to every subscription of `topic` with Shopify's headers (`X-Shopify-Hmac-Sha256` over
    /// the exact bytes), retrying non-2xx answers up to 3 more times. Returns each subscription's last status
    /// (0 when the address could not be reached).
    @discardableResult
    public func deliver(topic: WebhookTopic, body: Data) async throws -> [Int] {
        let subscriptions = await state.data.subscriptions.filter { $0.topic == topic }
        var statuses: [Int] = []
        for subscription in subscriptions {
            statuses.append(await post(body, topic: topic, to: subscription.uri))
        }
        return statuses
    }

    /// Stores an order (as if a customer placed it) and delivers orders/create.
    public func createOrder(_ order: Order) async throws {
        await state.upsert(order: order)
        try await deliver(topic: .ordersCreate, body: ShopifyJSON.encode(order))
    }

    private func post(_ body: Data, topic: WebhookTopic, to uri: String) async -> Int {
        await Self.post(body, topic: topic, to: uri, configuration: configuration, logger: logger)
    }

    /// One delivery with Shopify's headers; a retry keeps the `X-Shopify-Webhook-Id`.
    static func post(_ body: Data, topic: WebhookTopic, to uri: String, configuration: FakeShopifyConfiguration, logger: Logger) async -> Int {
        let webhookID = UUID().uuidString.lowercased()
        let eventID = UUID().uuidString.lowercased()
        let triggeredAt = FakeFormat.dateTime(Date())
        var status = 0
        for attempt in 0..<4 {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(100 * (1 << attempt))) }
            var request = HTTPClientRequest(url: uri)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-Shopify-Topic", value: topic.rawValue)
            request.headers.add(name: "X-Shopify-Hmac-Sha256", value: WebhookSignature.sign(body: body, secret: configuration.clientSecret))
            request.headers.add(name: "X-Shopify-Shop-Domain", value: configuration.shopDomain)
            request.headers.add(name: "X-Shopify-API-Version", value: configuration.apiVersion)
            request.headers.add(name: "X-Shopify-Webhook-Id", value: webhookID)
            request.headers.add(name: "X-Shopify-Triggered-At", value: triggeredAt)
            request.headers.add(name: "X-Shopify-Event-Id", value: eventID)
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                _ = try? await response.body.collect(upTo: 1 << 20)
                status = Int(response.status.code)
                if (200..<300).contains(status) { return status }
            } catch {
                logger.debug("webhook \(topic.rawValue) to \(uri) failed: \(error)")
                status = 0
            }
        }
        return status
    }
}

extension FakeShopState {
    func upsert(order: Order) { data.upsert(order) }
}
