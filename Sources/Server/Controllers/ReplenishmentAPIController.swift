import Foundation
import Hummingbird
import Storage

/// The latest replenishment plan under `/api/v1/replenishment`, scoped to the shop of the bearer token.
///
/// ```
/// GET /api/v1/replenishment?status=out_of_stock,reorder&to_order=true&sort=days_of_cover&order=asc&limit=50
/// GET /api/v1/replenishment/plans?limit=10
/// GET /api/v1/replenishment/transfers
/// ```
struct ReplenishmentAPIController {
    let shops: any ShopStore
    let replenishment: any ReplenishmentStore

    func addRoutes(to router: Router<AppRequestContext>) {
        let api = router.group("api/v1/replenishment").add(middleware: BearerAuthMiddleware(shops: shops))
        api.get(use: lines)
        api.get("plans", use: plans)
        api.get("transfers", use: transfers)
    }

    /// The latest plan's lines, filtered, sorted and paged, with the count before paging.
    @Sendable func lines(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let query = try Self.lineQuery(QueryParameters(request))
        let plan = try await latestPlan(shopID: record.id, domain: record.shop.domain)
        let page = try await replenishment.replenishmentLines(shopID: record.id, planID: plan.id, query: query)
        return try JSONResponse.make(LinePage(plan: plan, total: page.total, limit: query.limit, offset: query.offset, lines: page.lines))
    }

    /// The shop's recent plans, newest first.
    @Sendable func plans(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let limit = try QueryParameters(request).int("limit", default: 20, range: 1...100)
        return try JSONResponse.make(PlanList(items: try await replenishment.replenishmentPlans(shopID: record.id, limit: limit), limit: limit))
    }

    /// The latest plan's suggested transfers between locations.
    @Sendable func transfers(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try context.requireShop()
        let plan = try await latestPlan(shopID: record.id, domain: record.shop.domain)
        return try JSONResponse.make(TransferList(plan: plan, items: try await replenishment.transferSuggestions(shopID: record.id, planID: plan.id)))
    }

    private func latestPlan(shopID: Int64, domain: String) async throws -> ReplenishmentPlanRun {
        guard let plan = try await replenishment.latestReplenishmentPlan(shopID: shopID) else {
            throw APIError.notFound("no replenishment plan yet: run `storewise replenish plan --shop \(domain)` (after a forecast run)")
        }
        return plan
    }

    /// Reads the table's filter, sort and page from the query string; every error names its parameter.
    ///
    /// `status` (comma list of stock statuses), `vendor`, `location_id`, `abc` (A, B or C), `q`,
    /// `to_order` (true/false), `sort` (a column), `order` (asc/desc), `limit` (1…1000), `offset`.
    static func lineQuery(_ query: QueryParameters, defaultLimit: Int = 100) throws -> ReplenishmentLineQuery {
        var result = ReplenishmentLineQuery()
        if let raw = query.string("status") {
            result.statuses = try raw.split(separator: ",").map { part in
                let name = part.trimmingCharacters(in: .whitespaces)
                guard let status = StockStatus(rawValue: name) else {
                    throw invalid("status", "must be a comma list of \(StockStatus.allCases.map(\.rawValue).joined(separator: ", ")), got '\(name)'")
                }
                return status
            }
        }
        result.vendor = formText(query, "vendor")
        result.locationID = try query.int64("location_id")
        if let raw = query.string("abc") {
            guard ["A", "B", "C"].contains(raw.uppercased()) else { throw invalid("abc", "must be A, B or C, got '\(raw)'") }
            result.abcClass = raw.uppercased()
        }
        result.search = formText(query, "q").map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        if let raw = query.string("to_order") {
            switch raw.lowercased() {
            case "true", "1", "yes", "on": result.onlyToOrder = true
            case "false", "0", "no", "off": result.onlyToOrder = false
            default: throw invalid("to_order", "must be true or false, got '\(raw)'")
            }
        }
        if let raw = query.string("sort") {
            guard let key = ReplenishmentLineQuery.SortKey(rawValue: raw) else {
                throw invalid("sort", "must be one of \(ReplenishmentLineQuery.SortKey.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'")
            }
            result.sort = key
        }
        if let raw = query.string("order") {
            switch raw.lowercased() {
            case "asc": result.descending = false
            case "desc": result.descending = true
            default: throw invalid("order", "must be asc or desc, got '\(raw)'")
            }
        }
        result.limit = try query.int("limit", default: defaultLimit, range: 1...1000)
        result.offset = try query.int("offset", default: 0, range: 0...10_000_000)
        return result
    }

    /// A free-text parameter decoded as HTML forms and most HTTP clients encode it: `+` is a
    /// space (`QueryParameters` only undoes percent-encoding, so "Bean+Co" would stay as sent).
    static func formText(_ query: QueryParameters, _ name: String) -> String? {
        guard let raw = query.request.uri.query else { return nil }
        var value: String?
        for pair in raw.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name else { continue }
            let text = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            value = text.removingPercentEncoding ?? text
        }
        return value.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func invalid(_ parameter: String, _ reason: String) -> APIError {
        APIError.badRequest("query parameter \(parameter) \(reason)", code: "invalid_parameter")
    }
}

/// Response bodies of the replenishment API (snake_case keys through `JSONResponse`).
extension ReplenishmentAPIController {
    struct LinePage: Encodable, Sendable {
        var plan: ReplenishmentPlanRun
        /// Lines matching the filter before `limit` and `offset`.
        var total: Int
        var limit: Int
        var offset: Int
        var lines: [ReplenishmentLine]
    }

    struct PlanList: Encodable, Sendable {
        var items: [ReplenishmentPlanRun]
        var limit: Int
    }

    struct TransferList: Encodable, Sendable {
        var plan: ReplenishmentPlanRun
        var items: [TransferSuggestion]
    }
}
