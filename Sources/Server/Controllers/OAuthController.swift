import Commerce
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ShopifyAdmin
import Storage

/// The app install: `GET /shopify/install` (from the Shopify admin, signed) and `GET /shopify/callback`
/// (Shopify's redirect with the authorization code).
///
/// Every refusal is 400 (or 401 for a bad signature) naming what is wrong, and writes nothing: the HMAC, the
/// timestamp, the shop domain and the state nonce are all checked before the code is exchanged.
struct OAuthController {
    let setup: ShopifyAppSetup

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/shopify/install", use: install)
        router.get("/shopify/callback", use: callback)
    }

    /// Verifies the signed install query, remembers a state nonce (10 min) and redirects to Shopify's consent page.
    @Sendable func install(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = InstallRequest(query: request.uri.query ?? "")
        let now = setup.now()
        let shop = try verify(query, now: now)
        let state = OAuthFlow.newState()
        try await setup.store.saveOAuthState(nonce: state, shopDomain: shop.value, expiresAt: now.addingTimeInterval(setup.stateLifetime))
        return redirect(to: setup.flow.authorizeURL(shop: shop, state: state).absoluteString)
    }

    /// Verifies the callback, consumes the state, exchanges the code, stores the sealed token, creates or updates
    /// the shop, registers webhooks, appends "shop.installed" to the audit trail and opens the dashboard.
    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let query = InstallRequest(query: request.uri.query ?? "")
        let now = setup.now()
        let shop = try verify(query, now: now)
        guard let state = query["state"], !state.isEmpty else { throw APIError.badRequest("state: missing", code: "invalid_state") }
        guard let code = query["code"], !code.isEmpty else { throw APIError.badRequest("code: missing", code: "missing_parameter") }
        guard try await setup.store.consumeOAuthState(nonce: state, shopDomain: shop.value, now: now) else {
            throw APIError.badRequest(OAuthError.invalidState.description + "; start again from the Shopify admin", code: "invalid_state")
        }
        let token: OAuthFlow.Token
        do {
            token = try await setup.flow.exchange(code: code, shop: shop)
        } catch {
            context.logger.warning("oauth token exchange failed", metadata: ["shop": "\(shop)", "error": "\(error)"])
            throw APIError(status: .badGateway, code: "token_exchange_failed", message: "\(error)")
        }
        let endpoint = AdminEndpoint(shopDomain: shop.value, accessToken: token.accessToken, apiVersion: setup.apiVersion, baseURL: setup.adminBaseURL)
        let client = AdminClient(endpoint: endpoint, httpClient: setup.httpClient, logger: context.logger)
        let details: Shop
        do {
            details = try await Self.shopDetails(client: client, domain: shop.value)
        } catch {
            throw APIError(status: .badGateway, code: "shop_query_failed", message: "reading the shop from the Admin API failed: \(error)")
        }
        var dashboard = "/dashboard/\(shop.value)"
        let record: ShopRecord
        if let existing = try await setup.store.shop(domain: shop.value) {
            record = existing
        } else {
            // A new shop gets a Storewise API token; the redirect signs the merchant in to the dashboard with it.
            let apiToken = APIToken.generate()
            record = try await setup.store.createShop(details, webhookSecret: setup.flow.clientSecret, apiTokenHash: APIToken.hash(apiToken), at: now)
            dashboard += "?token=\(apiToken)"
        }
        let sealed = try setup.cipher.seal(token.accessToken)
        try await setup.store.saveCredential(ShopCredential(shopID: record.id, sealedToken: sealed, scopes: token.scope, installedAt: now))
        var outcome = "ok"
        do {
            let created = try await setup.registerWebhooks(client, setup.webhookCallbackURL)
            outcome = "ok; \(created) webhook subscriptions created at \(setup.webhookCallbackURL.absoluteString)"
        } catch {
            // The token is stored; installing again retries the registration.
            context.logger.error("webhook registration failed", metadata: ["shop": "\(shop)", "error": "\(error)"])
            outcome = "error: webhook registration failed: \(error)"
        }
        try await setup.store.appendAudit(AuditEntryDraft(
            shopID: record.id, at: now, actorType: .system, actorID: "oauth", action: "shop.installed", targetType: "shop",
            targetID: shop.value, newValue: "{\"scopes\":\"\(token.scope)\"}", outcome: outcome, source: "oauth"))
        context.logger.notice("shop installed", metadata: ["shop": "\(shop)", "scopes": "\(token.scope)"])
        return redirect(to: dashboard)
    }

    /// HMAC (401), timestamp and shop (400).
    private func verify(_ query: InstallRequest, now: Date) throws -> ShopDomain {
        do {
            return try query.verify(secret: setup.flow.clientSecret, now: now)
        } catch let error as OAuthError {
            switch error {
            case .invalidHMAC, .missingParameter(name: "hmac"): throw APIError.unauthorized(error.description)
            default: throw APIError.badRequest(error.description, code: "invalid_install_request")
            }
        }
    }

    private func redirect(to location: String) -> Response {
        var headers = HTTPFields()
        headers[.location] = location
        return Response(status: .found, headers: headers)
    }

    /// The shop's name, currency and time zone from `AdminDocuments.shopInfo`.
    static func shopDetails(client: AdminClient, domain: String) async throws -> Shop {
        let response = try await client.execute(AdminDocuments.shopInfo)
        let shop = response.data["shop"]
        guard let name = shop["name"].string, let currency = shop["currencyCode"].string, let zone = shop["ianaTimezone"].string else {
            throw AdminError.invalidResponse(operation: "ShopInfo", field: "shop", reason: "name, currencyCode and ianaTimezone are required")
        }
        let id = shop["id"].string.flatMap { $0.split(separator: "/").last.flatMap { Int64($0) } }
        return Shop(id: id, domain: domain, name: name, currency: currency, timeZone: zone)
    }
}
