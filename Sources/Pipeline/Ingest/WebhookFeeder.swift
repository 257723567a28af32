import Commerce
import Foundation
import ShopifyAdmin

/// Delivers locally made webhooks (the store simulator's) through the real ingest path:
/// signed with the shop's secret, verified, decoded and stored exactly as Shopify's would be.
public struct WebhookFeeder: Sendable {
    /// One delivery: what Shopify would send.
    public struct Delivery: Sendable {
        public var topic: WebhookTopic
        public var webhookID: String
        public var body: Data

        public init(topic: WebhookTopic, webhookID: String, body: Data) {
            self.topic = topic
            self.webhookID = webhookID
            self.body = body
        }
    }

    let ingestor: WebhookIngestor
    /// Deliveries in flight at once; enough to fill the writer's batches.
    let concurrency: Int

    public init(ingestor: WebhookIngestor, concurrency: Int = 64) {
        self.ingestor = ingestor
        self.concurrency = max(1, concurrency)
    }

    /// Delivers everything `deliveries` yields for the shop; `progress(count)` after each one.
    /// Returns how many were stored and how many were duplicates.
    public func feed<S: Sequence>(
        _ deliveries: S, shopDomain: String, secret: String, progress: @Sendable @escaping (Int) -> Void = { _ in }
    ) async throws -> (stored: Int, duplicates: Int) where S.Element == Delivery {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var inFlight = 0
            var done = 0
            var stored = 0
            var duplicates = 0
            func collect(_ wasStored: Bool) {
                inFlight -= 1
                done += 1
                if wasStored { stored += 1 } else { duplicates += 1 }
                progress(done)
            }
            for delivery in deliveries {
                if inFlight >= concurrency, let result = try await group.next() { collect(result) }
                let headers = WebhookHeaders(
                    hmac: WebhookSignature.sign(body: delivery.body, secret: secret), topic: delivery.topic.rawValue,
                    shopDomain: shopDomain, webhookID: delivery.webhookID, apiVersion: "2026-04"
                )
                group.addTask {
                    let receipt = try await ingestor.receive(headers: headers, body: delivery.body)
                    if case .stored = receipt.outcome { return true }
                    return false
                }
                inFlight += 1
            }
            while let result = try await group.next() { collect(result) }
            return (stored, duplicates)
        }
    }
}
