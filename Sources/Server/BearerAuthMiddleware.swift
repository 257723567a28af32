import Foundation
import Hummingbird
import Storage

/// Resolves `Authorization: Bearer <token>` to a shop, or answers 401.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let shops: any ShopStore

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw APIError.unauthorized("missing Authorization: Bearer <token> header")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let shop = try await shops.shop(apiTokenHash: APIToken.hash(token)) else {
            throw APIError.unauthorized("the bearer token matches no shop")
        }
        var context = context
        context.shop = shop
        return try await next(request, context)
    }
}
