import Foundation

/// Where and as whom the Admin API is called.
public struct AdminEndpoint: Sendable, Hashable {
    /// The pinned Admin API version (configuration `shopify.apiVersion`).
    public static let defaultAPIVersion = "2026-04"

    /// "example.myshopify.com".
    public var shopDomain: String
    /// The offline access token (`X-Shopify-Access-Token`).
    public var accessToken: String
    public var apiVersion: String
    /// Overrides `https://{shopDomain}` (the local fake Shopify: `http://127.0.0.1:PORT`).
    public var baseURL: URL?

    public init(shopDomain: String, accessToken: String, apiVersion: String = AdminEndpoint.defaultAPIVersion, baseURL: URL? = nil) {
        self.shopDomain = shopDomain; self.accessToken = accessToken; self.apiVersion = apiVersion; self.baseURL = baseURL
    }

    /// `https://{shop}` or the override.
    public var origin: URL { baseURL ?? URL(string: "https://\(shopDomain)")! }
    /// `{origin}/admin/api/{version}/graphql.json`.
    public var graphQLURL: URL { origin.appendingPathComponent("admin/api/\(apiVersion)/graphql.json") }
}
