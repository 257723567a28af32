import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Pipeline
import Storage

/// Recommendations under `/api/v1/recommendations`, scoped to the shop of the bearer token:
/// product page, cart and customer picks (written without `JSONEncoder`), the merchant's pins and
/// blocks, and the model's runs.
///
/// ```
/// GET    /api/v1/recommendations/products/902?limit=8&customer_id=7001&exclude_purchased=true
/// GET    /api/v1/recommendations/cart?items=902,903&viewed=905&limit=4
/// GET    /api/v1/recommendations/customers/7001?viewed=905&limit=8
/// GET    /api/v1/recommendations/rules
/// PUT    /api/v1/recommendations/rules      {"product_id": 902, "target_id": 905, "action": "pin", "position": 0}
/// DELETE /api/v1/recommendations/rules?product_id=902&target_id=905
/// GET    /api/v1/recommendations/runs?limit=10
/// ```
/// A client's `X-Request-Id` is used as the response's request id (and logged); the response
/// always carries the id in the same header.
struct RecommendationAPIController {
    let shops: any ShopStore
    /// For the customer route's 404: the engine serves best sellers to a customer it has no orders for.
    let customers: any ProjectionReader
    let engine: RecommendationEngine

    static let requestIDHeader = HTTPField.Name("X-Request-Id")!
    /// At most this many cart (or viewed) products per request.
    static let maxItems = 50
    static let limits = 1...50

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/recommendations").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get("products/:id", use: product)
        api.get("cart", use: cart)
        api.get("customers/:id", use: customer)
        api.get("rules", use: rules)
        api.put("rules", use: setRule)
        api.delete("rules", use: deleteRule)
        api.get("runs", use: runs)
    }

    // MARK: - Serving

    /// "Frequently bought together" for a product page; `customer_id` leaves out what that customer
    /// bought when `exclude_purchased` (or the shop's default) says so.
    @Sendable func product(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let id = try Self.pathID(context.parameters.get("id"), name: "id", what: "product")
        let recommendation = RecommendationQuery(
            shopID: record.id, surface: .product(id), limit: try Self.limit(query), customerID: try Self.positiveID(query, "customer_id"),
            excludePurchased: try Self.bool(query, "exclude_purchased"), requestID: try Self.requestID(request), channel: "api")
        return try Self.response(try await serve(recommendation))
    }

    /// Add-ons for a cart: `items` (required, comma-separated product ids) and `viewed`.
    @Sendable func cart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let items = try Self.ids(query.string("items"), parameter: "items")
        guard !items.isEmpty else {
            throw APIError.badRequest("query parameter items must list at least one product id, e.g. items=902,903", code: "invalid_parameter")
        }
        let viewed = try Self.ids(query.string("viewed"), parameter: "viewed")
        let recommendation = RecommendationQuery(
            shopID: record.id, surface: .cart(items: items, viewed: viewed), limit: try Self.limit(query),
            customerID: try Self.positiveID(query, "customer_id"), excludePurchased: try Self.bool(query, "exclude_purchased"),
            requestID: try Self.requestID(request), channel: "api")
        return try Self.response(try await serve(recommendation))
    }

    /// "Picked for you": the customer's history (buy again, bought with what they bought) and `viewed`.
    @Sendable func customer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        let id = try Self.pathID(context.parameters.get("id"), name: "id", what: "customer")
        let viewed = try Self.ids(query.string("viewed"), parameter: "viewed")
        let limit = try Self.limit(query)
        let requestID = try Self.requestID(request)
        guard try await customers.customer(shopID: record.id, id: id) != nil else {
            throw APIError.notFound("no customer \(id) in this shop")
        }
        let recommendation = RecommendationQuery(
            shopID: record.id, surface: .customer(id, viewed: viewed), limit: limit, customerID: id,
            excludePurchased: try Self.bool(query, "exclude_purchased"), requestID: requestID, channel: "api")
        return try Self.response(try await serve(recommendation))
    }

    private func serve(_ query: RecommendationQuery) async throws -> RecommendationResponse {
        do {
            return try await engine.recommend(query)
        } catch let error as RecommendationError {
            throw Self.apiError(error)
        }
    }

    /// 200 with the hand-written JSON and the request id echoed.
    static func response(_ recommendation: RecommendationResponse, cacheControl: String? = nil) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[requestIDHeader] = recommendation.requestID
        if let cacheControl { headers[.cacheControl] = cacheControl }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: RecommendationJSON.encode(recommendation)))
    }

    // MARK: - Rules and runs

    /// Every pin and block of the shop, per product page (0 = every page) and position.
    @Sendable func rules(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let rules = try await engine.rules(shopID: record.id)
        return try JSONResponse.make(RuleList(items: rules.map(RuleView.init)))
    }

    /// Stores a pin or block (replacing the one on the same product and target); it is served at once.
    @Sendable func setRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let body = try JSONRequestBody.decode(RuleBody.self, from: try await JSONRequestBody.data(request))
        let rule = try body.rule(shopID: record.id, now: Date())
        do {
            try rule.validate()
            try await engine.setRule(rule)
        } catch let error as RecommendationRuleError {
            throw Self.apiError(error)
        } catch let error as RecommendationError {
            throw Self.apiError(error)
        }
        return try JSONResponse.make(RuleView(rule))
    }

    /// Removes the rule of `product_id` (0 = every page) on `target_id`: 204, or 404 when there was none.
    @Sendable func deleteRule(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = QueryParameters(request)
        guard let product = try query.int64("product_id"), product >= 0 else {
            throw Self.invalid("product_id", "must be a product id, or 0 for a rule on every page, got '\(query.string("product_id") ?? "")'")
        }
        guard let target = try Self.positiveID(query, "target_id") else {
            throw Self.invalid("target_id", "is required")
        }
        guard try await engine.deleteRule(shopID: record.id, productID: product, targetID: target) else {
            throw APIError.notFound("no rule on product \(product) for target \(target)")
        }
        return Response(status: .noContent)
    }

    /// The model's recent precomputes, newest first.
    @Sendable func runs(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let limit = try QueryParameters(request).int("limit", default: 20, range: 1...100)
        let runs = try await engine.runs(shopID: record.id, limit: limit)
        return try JSONResponse.make(RunList(items: runs.map(RunView.init), limit: limit))
    }

    // MARK: - Parameters

    static func invalid(_ parameter: String, _ reason: String) -> APIError {
        APIError.badRequest("query parameter \(parameter) \(reason)", code: "invalid_parameter")
    }

    /// `limit`, 1…50, default 8.
    static func limit(_ query: QueryParameters) throws -> Int {
        try query.int("limit", default: 8, range: limits)
    }

    /// A positive integer id from the path.
    static func pathID(_ raw: String?, name: String, what: String) throws -> Int64 {
        guard let raw, let id = Int64(raw), id > 0 else {
            throw APIError.badRequest("path parameter \(name) must be a positive integer \(what) id, got '\(raw ?? "")'", code: "invalid_parameter")
        }
        return id
    }

    /// An optional positive integer id parameter.
    static func positiveID(_ query: QueryParameters, _ name: String) throws -> Int64? {
        guard let raw = query.string(name) else { return nil }
        guard let id = Int64(raw), id > 0 else { throw invalid(name, "must be a positive integer id, got '\(raw)'") }
        return id
    }

    /// `true` or `false` (also 1/0); nil when absent.
    static func bool(_ query: QueryParameters, _ name: String) throws -> Bool? {
        guard let raw = query.string(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw invalid(name, "must be true or false, got '\(raw)'")
        }
    }

    /// Comma-separated positive product ids, duplicates dropped (first kept); at most `maxItems`.
    static func ids(_ raw: String?, parameter: String) throws -> [Int64] {
        guard let raw else { return [] }
        var ids: [Int64] = []
        for part in raw.split(separator: ",", omittingEmptySubsequences: true) {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let id = Int64(text), id > 0 else {
                throw invalid(parameter, "must be comma-separated positive product ids, got '\(text)'")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        guard ids.count <= maxItems else { throw invalid(parameter, "may list at most \(maxItems) products, got \(ids.count)") }
        return ids
    }

    /// The caller's `X-Request-Id`, at most 128 visible ASCII characters; nil when not sent.
    static func requestID(_ request: Request) throws -> String? {
        guard let raw = request.headers[requestIDHeader], !raw.isEmpty else { return nil }
        guard raw.utf8.count <= 128, raw.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw APIError.badRequest("header X-Request-Id must be 1…128 visible ASCII characters", code: "invalid_header")
        }
        return raw
    }

    /// 404 for an unknown product or customer, 400 naming the field otherwise.
    static func apiError(_ error: RecommendationError) -> APIError {
        switch error {
        case .unknownProduct, .unknownCustomer: APIError.notFound(error.description)
        case .invalid(let field, let reason): APIError.badRequest("\(field) \(reason)", code: "invalid_parameter")
        case .noBaskets: APIError.notFound(error.description)
        }
    }

    static func apiError(_ error: RecommendationRuleError) -> APIError {
        switch error {
        case .invalid(let field, let reason): APIError.badRequest("field \(RuleBody.fieldName(field)) \(reason)", code: "invalid_field")
        }
    }
}
