import Foundation
import Hummingbird
import Storage
import Synchronization

/// Resolves `Authorization: Bearer <token>` to a shop, or answers 401.
///
/// A token's shop is remembered for `cacheSeconds` (2 s): a POS screen or a storefront calls
/// many times a second, and each lookup is a hash and a database round trip. A rotated or
/// revoked token therefore keeps working for at most that long.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let shops: any ShopStore
    let cache = TokenCache()

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized("missing Authorization: Bearer <token> header")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        let shop: ShopRecord
        if let cached = cache.shop(for: token) {
            shop = cached
        } else {
            guard let found = try await shops.shop(apiTokenHash: APIToken.hash(token)) else {
                throw APIError.unauthorized("the bearer token matches no shop")
            }
            cache.remember(found, for: token)
            shop = found
        }
        var context = context
        context.shop = shop
        return try await next(request, context)
    }
}

/// Recently verified tokens and their shops, each for `ttl`; bounded, cleared when full.
final class TokenCache: Sendable {
    let ttl: Duration
    let capacity: Int
    private let entries = Mutex<[String: (shop: ShopRecord, until: ContinuousClock.Instant)]>([:])

    init(ttl: Duration = .seconds(2), capacity: Int = 4096) {
        self.ttl = ttl
        self.capacity = capacity
    }

    func shop(for token: String) -> ShopRecord? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[token] else { return nil }
            guard entry.until > now else { entries[token] = nil; return nil }
            return entry.shop
        }
    }

    func remember(_ shop: ShopRecord, for token: String) {
        let until = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[token] = (shop, until)
        }
    }
}
