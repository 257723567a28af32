import Commerce
import Foundation

/// A webhook subscription created with `webhookSubscriptionCreate`: the fake delivers the topic's events to `uri`.
public struct FakeWebhookSubscription: Sendable, Hashable {
    public var id: Int64
    /// The GraphQL enum (`ORDERS_CREATE`).
    public var topicEnum: String
    /// The REST topic (`orders/create`).
    public var topic: WebhookTopic
    public var uri: String
    public var format: String
    public var createdAt: Date

    /// `ORDERS_CREATE` ↔ `orders/create`, for every topic Storewise knows; otherwise the last `_` becomes `/`.
    static func topic(forEnum value: String) -> WebhookTopic {
        if let known = WebhookTopic.known.first(where: { enumName(of: $0) == value }) { return known }
        let lowered = value.lowercased()
        guard let last = lowered.lastIndex(of: "_") else { return .unknown(lowered) }
        return .unknown(lowered.replacingCharacters(in: last...last, with: "/"))
    }

    static func enumName(of topic: WebhookTopic) -> String {
        topic.rawValue.uppercased().replacingOccurrences(of: "/", with: "_")
    }
}
