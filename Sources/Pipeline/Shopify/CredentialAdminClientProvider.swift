import AsyncHTTPClient
import Foundation
import Logging
import ShopifyAdmin
import Storage

/// Admin clients built from each shop's stored offline token (sealed by `TokenCipher`), one per shop.
///
/// The client is cached so every caller for a shop (executor, backfill, webhook registration) shares one model
/// of Shopify's cost bucket. Each call re-reads the stored credential; when the sealed token changed (the app was
/// installed again) a new client replaces the cached one.
public actor CredentialAdminClientProvider: AdminClientProvider {
    let shops: any ShopStore
    let credentials: any ShopCredentialStore
    let cipher: TokenCipher
    let httpClient: HTTPClient
    let apiVersion: String
    let baseURL: URL?
    let options: AdminClientOptions
    let logger: Logger
    private var cache: [Int64: (sealed: Data, client: AdminClient)] = [:]

    /// `baseURL` overrides `https://{shop}` (configuration `shopify.adminBaseURL`, the fake Shopify).
    public init(shops: any ShopStore, credentials: any ShopCredentialStore, cipher: TokenCipher, httpClient: HTTPClient,
                apiVersion: String = AdminEndpoint.defaultAPIVersion, baseURL: URL? = nil,
                options: AdminClientOptions = AdminClientOptions(), logger: Logger = Logger(label: "storewise.shopify-admin")) {
        self.shops = shops; self.credentials = credentials; self.cipher = cipher; self.httpClient = httpClient
        self.apiVersion = apiVersion; self.baseURL = baseURL; self.options = options; self.logger = logger
    }

    /// The shop's client; throws `AdminCredentialError` when the shop is unknown, uninstalled, has no token,
    /// or its token does not open with the configured key.
    public func client(shopID: Int64) async throws -> AdminClient {
        guard let record = try await shops.shop(id: shopID) else { throw AdminCredentialError.unknownShop(shopID: shopID) }
        guard let credential = try await credentials.credential(shopID: shopID) else {
            throw AdminCredentialError.noToken(shop: record.shop.domain)
        }
        // A token stored after the uninstall comes from installing again; an older one was revoked by Shopify.
        if let uninstalled = record.uninstalledAt, credential.installedAt <= uninstalled {
            cache[shopID] = nil
            throw AdminCredentialError.uninstalled(shop: record.shop.domain)
        }
        if let cached = cache[shopID], cached.sealed == credential.sealedToken { return cached.client }
        let token: String
        do {
            token = try cipher.open(credential.sealedToken)
        } catch {
            throw AdminCredentialError.unreadableToken(shop: record.shop.domain, reason: "\(error)")
        }
        let endpoint = AdminEndpoint(shopDomain: record.shop.domain, accessToken: token, apiVersion: apiVersion, baseURL: baseURL)
        let client = AdminClient(endpoint: endpoint, httpClient: httpClient, options: options, logger: logger)
        cache[shopID] = (credential.sealedToken, client)
        return client
    }

    /// Forgets a shop's client (after uninstall).
    public func invalidate(shopID: Int64) {
        cache[shopID] = nil
    }
}

/// Why no Admin client could be built for a shop, with what to do about it.
public enum AdminCredentialError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownShop(shopID: Int64)
    case uninstalled(shop: String)
    case noToken(shop: String)
    case unreadableToken(shop: String, reason: String)

    public var description: String {
        switch self {
        case .unknownShop(let id): "shop \(id) does not exist"
        case .uninstalled(let shop): "shop \(shop) uninstalled the app: install it again (GET /shopify/install?shop=\(shop)) to call the Admin API"
        case .noToken(let shop):
            "shop \(shop) has no Admin API token: install the app (GET /shopify/install?shop=\(shop) from the Shopify admin) so Storewise receives an offline token"
        case .unreadableToken(let shop, let reason):
            "shop \(shop): the stored Admin API token cannot be opened (\(reason)); is shopify.tokenKey (or data/token.key) the key it was sealed with? Installing the app again stores a new token"
        }
    }
}
