/// The headers of a Shopify webhook delivery, by their canonical names.
///
/// Shopify sends `X-Shopify-*` names for classic webhooks and un-prefixed `shopify-*` names for
/// event deliveries; both are accepted.
public struct WebhookHeaders: Sendable, Hashable {
    public var hmac: String
    public var topic: String
    public var shopDomain: String
    public var webhookID: String
    public var apiVersion: String?
    public var triggeredAt: String?
    public var eventID: String?

    public init(hmac: String, topic: String, shopDomain: String, webhookID: String, apiVersion: String? = nil, triggeredAt: String? = nil, eventID: String? = nil) {
        self.hmac = hmac; self.topic = topic; self.shopDomain = shopDomain; self.webhookID = webhookID
        self.apiVersion = apiVersion; self.triggeredAt = triggeredAt; self.eventID = eventID
    }

    /// Reads the headers through `lookup` (a case-insensitive header accessor).
    /// Throws `WebhookHeaderError.missing` naming the first required header that is absent or empty.
    public init(lookup: (String) -> String?) throws(WebhookHeaderError) {
        func value(_ name: String) -> String? {
            for candidate in ["X-Shopify-\(name)", "shopify-\(name.lowercased())"] {
                if let v = lookup(candidate), !v.isEmpty { return v }
            }
            return nil
        }
        func required(_ name: String) throws(WebhookHeaderError) -> String {
            guard let v = value(name) else { throw .missing("X-Shopify-\(name)") }
            return v
        }
        self.hmac = try required("Hmac-Sha256")
        self.topic = try required("Topic")
        self.shopDomain = try required("Shop-Domain").lowercased()
        self.webhookID = try required("Webhook-Id")
        self.apiVersion = value("API-Version")
        self.triggeredAt = value("Triggered-At")
        self.eventID = value("Event-Id")
    }
}

/// A required webhook header is missing.
public enum WebhookHeaderError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(String)

    public var description: String {
        switch self {
        case .missing(let name): "missing required header \(name)"
        }
    }
}
