import Foundation
import Hummingbird
import Pipeline
import Risk
import Storage

/// Risk scores under `/api/v1`, scoped to the shop of the bearer token. Each route answers at
/// `/api/v1/risk/…` and at `/api/v1/shops/<domain>/risk/…` (the domain must be the token's shop).
///
/// ```
/// POST /api/v1/shops/<domain>/risk/precheck   {"kind": "refund", "amount": "120.00", "staffId": 7, "locationId": 1}
///      → {"level": "LOW", "probability": 0.012, "facts": [{"description": …, "sentiment": "NEGATIVE", "source": …}],
///         "scorer": "model", "decision": "proceed", "kind": "refund"}
/// GET  /api/v1/shops/<domain>/risk/orders/4501          (404 when the order was not scored)
/// GET  /api/v1/shops/<domain>/risk/flagged?level=MEDIUM&limit=50&since=2026-11-01
/// ```
/// A pre-check is scored against the shop's live state and is neither stored nor proposed.
/// Errors: 400 naming the field or parameter, 404 for an unscored order or another shop.
struct RiskAPIController {
    let shops: any ShopStore
    let risk: RiskService
    let policy: RiskPrecheckPolicy

    func addRoutes(to router: Router<AppRequestContext>) {
        for prefix in ["api/v1/risk", "api/v1/shops/:shop/risk"] {
            let api = router.group(RouterPath(prefix)).add(middleware: BearerAuthMiddleware(shops: shops))
            api.post("precheck", use: precheck)
            api.get("orders/:order", use: order)
            api.get("flagged", use: flagged)
        }
    }

    /// Scores a POS action before the associate completes it.
    @Sendable func precheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try Self.shop(context)
        let data = try await JSONRequestBody.data(request)
        let subject: RiskSubject
        do {
            subject = try RiskPrecheckRequest(fields: try RiskPrecheckRequest.fields(json: data), shopCurrency: record.shop.currency, at: Date()).subject
        } catch {
            throw APIError.badRequest(error.description, code: "invalid_field")
        }
        let assessment = try await risk.precheck(shopID: record.id, subject: subject)
        return try JSONResponse.make(RiskJSON.precheck(assessment, kind: RiskJSON.kindName(subject), decision: policy.decision(for: assessment.level)))
    }

    /// The stored assessment of one order, with the features it saw.
    @Sendable func order(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try Self.shop(context)
        let raw = context.parameters.get("order") ?? ""
        guard let id = try? RiskPrecheckRequest.id(["order": raw], "order") else {
            throw APIError.badRequest("path parameter order must be a positive integer order id, got '\(raw)'", code: "invalid_parameter")
        }
        guard let stored = try await risk.assessment(shopID: record.id, orderID: id) else {
            throw APIError.notFound("order \(id) has no risk assessment in this shop")
        }
        return try JSONResponse.make(RiskJSON.assessment(stored, withFeatures: true))
    }

    /// Assessments at `level` (default MEDIUM) or above, newest first.
    @Sendable func flagged(_ request: Request, context: AppRequestContext) async throws -> Response {
        let record = try Self.shop(context)
        let query = QueryParameters(request)
        let level = try Self.level(query.string("level"))
        let limit = try query.int("limit", default: 50, range: 1...500)
        let since = try query.instant("since", timeZone: TimeZone(identifier: record.shop.timeZone) ?? .gmt)
        let rows = try await risk.flagged(shopID: record.id, minimumLevel: level, since: since, limit: limit)
        return try JSONResponse.make(RiskJSON.FlaggedList(items: rows.map { RiskJSON.assessment($0, withFeatures: false) },
                                                          minimumLevel: level.rawValue, since: since, limit: limit))
    }

    /// The token's shop; a `:shop` path segment must name it (its domain, or the name before `.myshopify.com`).
    static func shop(_ context: AppRequestContext) throws -> ShopRecord {
        let record = try context.requireShop()
        if let named = context.parameters.get("shop")?.lowercased(), named != record.shop.domain, named + ".myshopify.com" != record.shop.domain {
            throw APIError.notFound("no shop \(named) for this token")
        }
        return record
    }

    static func level(_ raw: String?) throws -> RiskLevel {
        guard let raw else { return .medium }
        guard let level = RiskLevel(rawValue: raw.uppercased()) else {
            throw APIError.badRequest("query parameter level must be one of \(RiskLevel.allCases.map(\.rawValue).joined(separator: ", ")), got '\(raw)'",
                                      code: "invalid_parameter")
        }
        return level
    }
}
