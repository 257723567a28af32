import Commerce

extension AdminClient {
    /// Subscribes `callbackURL` to each topic (JSON format) that is not subscribed to that address yet, and
    /// returns the subscriptions it created. Idempotent: the existing subscriptions are listed first.
    ///
    /// The GDPR compliance topics in `WebhookTopic.known` are skipped: Shopify takes them from the app's
    /// configuration, not from this API (see `WebhookRegistration.subscriptionTopic(for:)`).
    public func registerWebhooks(callbackURL: String, topics: [WebhookTopic] = WebhookTopic.known) async throws -> [WebhookRegistration] {
        var existing = Set<String>()
        for try await page in pages(AdminDocuments.webhookSubscriptions, connectionPath: ["webhookSubscriptions"], pageSize: 100) {
            for node in page.nodes where node["uri"].string == callbackURL {
                if let topic = node["topic"].string { existing.insert(topic) }
            }
        }
        var created: [WebhookRegistration] = []
        for topic in topics {
            guard let subscriptionTopic = WebhookRegistration.subscriptionTopic(for: topic), !existing.contains(subscriptionTopic) else { continue }
            let payload = try await mutate(AdminDocuments.webhookSubscriptionCreate, variables: [
                "topic": .string(subscriptionTopic),
                "webhookSubscription": ["uri": .string(callbackURL), "format": "JSON"],
            ], field: "webhookSubscriptionCreate")
            guard let id = payload["webhookSubscription"]["id"].string else {
                throw AdminError.invalidResponse(operation: AdminDocuments.webhookSubscriptionCreate.name,
                                                 field: "webhookSubscriptionCreate.webhookSubscription.id", reason: "missing")
            }
            existing.insert(subscriptionTopic)
            created.append(WebhookRegistration(topic: topic, subscriptionTopic: subscriptionTopic, id: id))
        }
        return created
    }
}
