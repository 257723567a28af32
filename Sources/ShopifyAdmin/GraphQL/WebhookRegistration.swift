import Commerce

/// A webhook subscription Storewise created (or found) for one topic.
public struct WebhookRegistration: Sendable, Hashable {
    public var topic: WebhookTopic
    /// Shopify's `WebhookSubscriptionTopic` value ("ORDERS_CREATE").
    public var subscriptionTopic: String
    /// `gid://shopify/WebhookSubscription/…`.
    public var id: String

    public init(topic: WebhookTopic, subscriptionTopic: String, id: String) {
        self.topic = topic; self.subscriptionTopic = subscriptionTopic; self.id = id
    }

    /// The `WebhookSubscriptionTopic` enum value of `topic`, or nil when it cannot be subscribed by API.
    ///
    /// The GDPR topics (`customers/data_request`, `customers/redact`, `shop/redact`) are mandatory
    /// compliance webhooks: they are configured in the app's settings (`shopify.app.toml`
    /// `compliance_topics`), not through `webhookSubscriptionCreate`, and are not in the enum.
    public static func subscriptionTopic(for topic: WebhookTopic) -> String? {
        switch topic {
        case .customersDataRequest, .customersRedact, .shopRedact, .unknown: nil
        default: topic.rawValue.uppercased().replacingOccurrences(of: "/", with: "_")
        }
    }
}
