import Foundation
import ShopifyAdmin

/// How the local fake Shopify behaves: which shop it is, its app credentials and its limits.
public struct FakeShopifyConfiguration: Sendable, Hashable {
    public var shopDomain: String
    /// The offline token the fake accepts in `X-Shopify-Access-Token` (and hands out at OAuth).
    public var accessToken: String
    public var apiVersion: String
    /// The app's client id and secret: OAuth, and the HMAC key of webhooks it delivers.
    public var clientID: String
    public var clientSecret: String
    /// Leaky bucket: size in points and points restored per second (Shopify standard: 2,000 and 100).
    public var bucketSize: Double
    public var restoreRate: Double
    /// How fast a bulk operation "runs" (objects per second) before it completes.
    public var bulkObjectsPerSecond: Double
    public var host: String
    /// 0 picks a free port.
    public var port: Int
    /// When true, a change made through the API (`tagsAdd` on an order, customer or product) is followed by
    /// its orders/updated, customers/update or products/update webhook, as on Shopify. Off by default so
    /// tests that count deliveries see only what they caused.
    public var deliverUpdateWebhooks: Bool
    /// Fields the app's token may not read, as `Type.field` ("Order.staffMember") or a bare field name
    /// ("staffMember", any type): what a shop without the scope sees (`StaffMember` needs `read_users`,
    /// granted only on Plus/Advanced stores). A normal query gets Shopify's top-level ACCESS_DENIED error
    /// for each such field (the field null); a bulk query selecting one is accepted and its operation ends
    /// FAILED with errorCode ACCESS_DENIED (see `FakeShopState.bulkOperationRunQuery`). Empty by default.
    public var deniedFields: Set<String>

    public init(shopDomain: String = "storewise-demo.myshopify.com", accessToken: String = "shpat_fake0000000000000000000000000000",
                apiVersion: String = AdminEndpoint.defaultAPIVersion, clientID: String = "fake-client-id",
                clientSecret: String = "fake-client-secret", bucketSize: Double = 2000, restoreRate: Double = 100,
                bulkObjectsPerSecond: Double = 50_000, host: String = "127.0.0.1", port: Int = 0,
                deliverUpdateWebhooks: Bool = false, deniedFields: Set<String> = []) {
        self.shopDomain = shopDomain; self.accessToken = accessToken; self.apiVersion = apiVersion; self.clientID = clientID
        self.clientSecret = clientSecret; self.bucketSize = bucketSize; self.restoreRate = restoreRate
        self.bulkObjectsPerSecond = bulkObjectsPerSecond; self.host = host; self.port = port
        self.deliverUpdateWebhooks = deliverUpdateWebhooks; self.deniedFields = deniedFields
    }
}
