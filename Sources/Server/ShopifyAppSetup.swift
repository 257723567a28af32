import AsyncHTTPClient
import Foundation
import ShopifyAdmin
import Storage

/// What the OAuth install routes need: the app's OAuth flow, the token cipher, where Shopify reaches this
/// deployment, and the stores an install writes (shop, sealed token, audit row).
public struct ShopifyAppSetup: Sendable {
    public typealias Store = ShopStore & ShopCredentialStore & AuditLog

    public var store: any Store
    public var flow: OAuthFlow
    public var cipher: TokenCipher
    /// `shopify.appURL`: webhooks are registered at `{appURL}/webhooks/shopify`.
    public var appURL: URL
    public var apiVersion: String
    /// `shopify.adminBaseURL` (the fake Shopify) for the Admin calls made during install.
    public var adminBaseURL: URL?
    public var httpClient: HTTPClient
    /// How long an install's `state` nonce stays valid.
    public var stateLifetime: TimeInterval
    /// Registers the webhook subscriptions with a shop's new client; returns how many were created.
    public var registerWebhooks: @Sendable (AdminClient, URL) async throws -> Int
    public var now: @Sendable () -> Date

    public init(store: any Store, flow: OAuthFlow, cipher: TokenCipher, appURL: URL, apiVersion: String = AdminEndpoint.defaultAPIVersion,
                adminBaseURL: URL? = nil, httpClient: HTTPClient, stateLifetime: TimeInterval = 600,
                registerWebhooks: @escaping @Sendable (AdminClient, URL) async throws -> Int,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store; self.flow = flow; self.cipher = cipher; self.appURL = appURL; self.apiVersion = apiVersion
        self.adminBaseURL = adminBaseURL; self.httpClient = httpClient; self.stateLifetime = stateLifetime
        self.registerWebhooks = registerWebhooks; self.now = now
    }

    /// `{appURL}/webhooks/shopify`, the route of `WebhookController`.
    public var webhookCallbackURL: URL { appURL.appendingPathComponent("webhooks/shopify") }
    /// `{appURL}/shopify/callback`, the OAuth redirect.
    public static func redirectURL(appURL: URL) -> URL { appURL.appendingPathComponent("shopify/callback") }
}
