import Hummingbird
import Storage

/// Request context carrying the shop an API token resolved to.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthMiddleware` on `/api` routes.
    public var shop: ShopRecord?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.shop = nil
    }

    /// The authenticated shop; a route behind the auth middleware can rely on it.
    public func requireShop() throws -> ShopRecord {
        guard let shop else { throw APIError.unauthorized("missing or invalid bearer token") }
        return shop
    }
}
