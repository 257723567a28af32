import Commerce
import Foundation
import Hummingbird
import Storage

/// The JSON read API under `/api/v1`, scoped to the shop of the bearer token.
struct ReadAPIController {
    let shops: any ShopStore
    let reader: any ProjectionReader

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get("shop", use: shop)
        api.get("orders", use: orders)
        api.get("orders/:id", use: order)
        api.get("products", use: products)
        api.get("demand", use: demand)
        api.get("sales", use: sales)
        api.get("sales/locations", use: salesByLocation)
    }

    struct ShopStatus: Encodable, Sendable {
        var shop: Shop
        var installedAt: Date
        var uninstalledAt: Date?
        var stats: ShopStats
    }

    @Sendable func shop(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let stats = try await reader.stats(shopID: record.id)
        return try JSONResponse.make(ShopStatus(shop: record.shop, installedAt: record.createdAt, uninstalledAt: record.uninstalledAt, stats: stats))
    }

    @Sendable func orders(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let zone = TimeZone(identifier: record.shop.timeZone) ?? .gmt
        let limit = try query.int("limit", default: 100, range: 1...1000)
        let offset = try query.int("offset", default: 0, range: 0...10_000_000)
        let items = try await reader.orders(
            shopID: record.id, from: query.instant("from", timeZone: zone), to: query.instant("to", timeZone: zone),
            limit: limit, offset: offset
        )
        return try JSONResponse.make(Page(items: items, limit: limit, offset: offset))
    }

    @Sendable func order(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        guard let raw = context.parameters.get("id"), let id = Int64(raw) else {
            throw APIError.badRequest("path parameter id must be an integer order id", code: "invalid_parameter")
        }
        guard let order = try await reader.order(shopID: record.id, id: id) else {
            throw APIError.notFound("no order \(id) in shop \(record.shop.domain)")
        }
        return try JSONResponse.make(order)
    }

    @Sendable func products(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let limit = try query.int("limit", default: 100, range: 1...1000)
        let offset = try query.int("offset", default: 0, range: 0...10_000_000)
        let items = try await reader.products(shopID: record.id, limit: limit, offset: offset)
        return try JSONResponse.make(Page(items: items, limit: limit, offset: offset))
    }

    struct DemandResponse: Encodable, Sendable {
        var timeZone: String
        var rows: [DemandDay]
        var limit: Int
    }

    /// Daily demand per variant × location (sparse: days with a sale, refund or stock change).
    @Sendable func demand(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let limit = try query.int("limit", default: 10_000, range: 1...200_000)
        let rows = try await reader.demand(
            shopID: record.id, variantID: query.int64("variant_id"), locationID: query.int64("location_id"),
            fromDay: query.day("from"), toDay: query.day("to"), limit: limit
        )
        return try JSONResponse.make(DemandResponse(timeZone: record.shop.timeZone, rows: rows, limit: limit))
    }

    @Sendable func salesByLocation(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        return try JSONResponse.make(try await reader.salesByLocation(shopID: record.id, fromDay: query.day("from"), toDay: query.day("to")))
    }

    @Sendable func sales(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let days = try await reader.salesByDay(shopID: record.id, fromDay: query.day("from"), toDay: query.day("to"))
        return try JSONResponse.make(days)
    }
}
