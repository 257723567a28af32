import Commerce
import Foundation

/// A shop as Storewise stores it: the Shopify shop plus its secrets and lifecycle.
public struct ShopRecord: Hashable, Sendable, Codable {
    /// Storewise's own key for the shop; every other row carries it as `shop_id`.
    public var id: Int64
    public var shop: Shop
    /// The app's client secret for this shop: the key of `X-Shopify-Hmac-Sha256`.
    public var webhookSecret: String
    /// SHA-256 (hex) of the shop's API bearer token; the token itself is never stored.
    public var apiTokenHash: String
    public var createdAt: Date
    /// Set by app/uninstalled; webhooks are still accepted (GDPR topics arrive after it).
    public var uninstalledAt: Date?

    public init(
        id: Int64, shop: Shop, webhookSecret: String, apiTokenHash: String, createdAt: Date,
        uninstalledAt: Date? = nil
    ) {
        self.id = id; self.shop = shop; self.webhookSecret = webhookSecret; self.apiTokenHash = apiTokenHash
        self.createdAt = createdAt; self.uninstalledAt = uninstalledAt
    }
}
