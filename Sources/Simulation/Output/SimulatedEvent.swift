import Commerce
import Foundation

/// One webhook delivery of the simulated store: what Shopify would POST, and when.
public struct SimulatedEvent: Sendable, Hashable {
    public var topic: WebhookTopic
    /// The Commerce value the webhook body carries.
    public var payload: WebhookPayload
    /// When it happened (and would be delivered): non-decreasing along a stream.
    public var occurredAt: Date
    /// Deterministic, unique, UUID-shaped, as in `X-Shopify-Webhook-Id`.
    public var webhookID: String

    public init(topic: WebhookTopic, payload: WebhookPayload, occurredAt: Date, webhookID: String) {
        self.topic = topic; self.payload = payload; self.occurredAt = occurredAt; self.webhookID = webhookID
    }
}
