import Foundation
import HTTPTypes
import Hummingbird
import Pipeline
import ShopifyAdmin
import Storage

/// Recommendations for the storefront through Shopify's App Proxy: a theme fetches
/// `/apps/<prefix>/recommendations?product_id=902` on the shop's own domain, Shopify forwards it
/// to the proxy URL configured for the app (`https://<host>/apps/storewise`) with `shop`,
/// `timestamp`, `logged_in_customer_id`, `path_prefix` and a `signature`, and this answers JSON.
///
/// ```
/// GET /apps/storewise/recommendations?product_id=902&limit=4&shop=…&timestamp=…&signature=…
/// GET /apps/storewise/recommendations?cart=902,903&viewed=905&…
/// GET /apps/storewise/recommendations?viewed=905&…      (a logged-in customer's picks; for a guest, from what
///                                                        they viewed, else trending products and best sellers)
/// ```
/// The shop is found by `shop` and the signature checked with its client secret; an unknown shop
/// and a bad or missing signature get the same 401, so the route does not tell which shops exist.
/// Guests' answers may be cached by the browser for a minute; a logged-in customer's never.
struct AppProxyController {
    let shops: any ShopStore
    let engine: RecommendationEngine
    /// The clock signatures are checked against (tests move it).
    let now: @Sendable () -> Date
    /// Shops by domain, as `BearerAuthMiddleware` keeps tokens: a storefront calls on every page view.
    let cache = TokenCache()

    static let path = "/apps/storewise/recommendations"
    static let refused = "the app proxy request could not be verified"
    static let guestCache = "private, max-age=60"
    static let customerCache = "no-store"

    init(shops: any ShopStore, engine: RecommendationEngine, now: @escaping @Sendable () -> Date = { Date() }) {
        self.shops = shops; self.engine = engine; self.now = now
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(Self.path), use: recommendations)
    }

    @Sendable func recommendations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (record, proxy) = try await verified(request)
        let query = try Self.query(proxy, shopID: record.id, requestID: try RecommendationAPIController.requestID(request))
        let response: RecommendationResponse
        do {
            response = try await engine.recommend(query)
        } catch let error as RecommendationError {
            throw RecommendationAPIController.apiError(error)
        }
        return try RecommendationAPIController.response(
            response, cacheControl: proxy.loggedInCustomerID == nil ? Self.guestCache : Self.customerCache)
    }

    /// The installed shop named by `shop` and the request verified with its secret; 401 otherwise.
    func verified(_ request: Request) async throws -> (ShopRecord, AppProxyRequest) {
        let raw = request.uri.query ?? ""
        guard let domain = AppProxyRequest.shopDomain(inQuery: raw), !domain.isEmpty else {
            throw APIError.unauthorized(Self.refused)
        }
        let record: ShopRecord
        if let cached = cache.shop(for: domain) {
            record = cached
        } else {
            guard let found = try await shops.shop(domain: domain), found.uninstalledAt == nil else {
                throw APIError.unauthorized(Self.refused)
            }
            cache.remember(found, for: domain)
            record = found
        }
        do {
            return (record, try AppProxyRequest(query: raw, secret: record.webhookSecret, now: now()))
        } catch .stale {
            throw APIError.unauthorized("the app proxy request is too old (timestamp more than 15 minutes from now)")
        } catch .invalid(let name, let value) where name == "logged_in_customer_id" {
            throw RecommendationAPIController.invalid(name, "must be a customer id, got '\(value)'")
        } catch {
            throw APIError.unauthorized(Self.refused)
        }
    }

    /// `product_id`, else `cart`, else the logged-in customer's picks, else best sellers; `viewed`
    /// and `limit` as the API reads them.
    static func query(_ proxy: AppProxyRequest, shopID: Int64, requestID: String?) throws -> RecommendationQuery {
        func value(_ name: String) -> String? { proxy.value(name).flatMap { $0.isEmpty ? nil : $0 } }
        var limit = 8
        if let raw = value("limit") {
            guard let parsed = Int(raw), RecommendationAPIController.limits.contains(parsed) else {
                throw RecommendationAPIController.invalid("limit", "must be an integer in 1...50, got '\(raw)'")
            }
            limit = parsed
        }
        let viewed = try RecommendationAPIController.ids(value("viewed"), parameter: "viewed")
        let customer = proxy.loggedInCustomerID
        let surface: RecommendationQuery.Surface
        if let raw = value("product_id") {
            guard let id = Int64(raw), id > 0 else {
                throw RecommendationAPIController.invalid("product_id", "must be a positive integer product id, got '\(raw)'")
            }
            surface = .product(id)
        } else if let raw = value("cart") {
            let items = try RecommendationAPIController.ids(raw, parameter: "cart")
            surface = items.isEmpty ? (customer.map { .customer($0, viewed: viewed) } ?? guest(viewed)) : .cart(items: items, viewed: viewed)
        } else if let customer {
            surface = .customer(customer, viewed: viewed)
        } else {
            surface = guest(viewed)
        }
        return RecommendationQuery(shopID: shopID, surface: surface, limit: limit, customerID: customer,
                                   requestID: requestID, channel: "app_proxy")
    }

    /// A guest with nothing in the cart: what they viewed as seeds, or, with nothing viewed either,
    /// trending products and best sellers (no database read).
    static func guest(_ viewed: [Int64]) -> RecommendationQuery.Surface {
        .home(viewed: viewed)
    }
}
