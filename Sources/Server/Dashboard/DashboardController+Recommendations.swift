import Foundation
import Hummingbird
import Pipeline
import Storage

/// The recommendations pages of the dashboard, `/dashboard/<domain>/recommendations` and a
/// product's view, and the form that pins, blocks and removes (signed in by cookie).
extension DashboardController {
    func addRecommendationRoutes(to router: Router<AppRequestContext>, engine: RecommendationEngine) {
        router.get("/dashboard/:domain/recommendations") { request, context in
            try await recommendationsPage(request, context: context, engine: engine)
        }
        router.get("/dashboard/:domain/recommendations/products/:id") { request, context in
            try await productRecommendationsPage(request, context: context, engine: engine)
        }
        router.post("/dashboard/:domain/recommendations/products/:id/rules") { request, context in
            try await recommendationRuleForm(request, context: context, engine: engine)
        }
    }

    /// The latest version and a page of 50 products (`search`, `offset` from the query string).
    func recommendationsPage(_ request: Request, context: AppRequestContext, engine: RecommendationEngine) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let query = QueryParameters(request)
        let search = query.string("search")?.trimmingCharacters(in: .whitespaces)
        let offset = try query.int("offset", default: 0, range: 0...10_000_000)
        let limit = 50
        let overview = try await engine.overview(shopID: record.id, search: search, limit: limit, offset: offset)
        return html(RecommendationsDashboardPage(record: record, overview: overview, search: search?.isEmpty == true ? nil : search,
                                                 limit: limit, offset: offset).render())
    }

    func productRecommendationsPage(_ request: Request, context: AppRequestContext, engine: RecommendationEngine) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "product")
        guard let detail = try await engine.productDetail(shopID: record.id, productID: id) else {
            throw APIError.notFound("no product \(id) in this shop")
        }
        return html(ProductRecommendationsPage(record: record, detail: detail).render())
    }

    /// `action` pin | block | remove, `target_id`, `scope` product (default) | all, `position`
    /// (1 = first, pins only) and `note`. Success goes back to the product's page (303); a refused
    /// rule shows the page again with the reason (400 or 404).
    func recommendationRuleForm(_ request: Request, context: AppRequestContext, engine: RecommendationEngine) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let id = try RecommendationAPIController.pathID(context.parameters.get("id"), name: "id", what: "product")
        let form = try await Self.formFields(request)
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        do {
            guard let target = Int64(field("target_id")), target > 0 else {
                throw APIError.badRequest("form field target_id must be a product id, got '\(field("target_id"))'", code: "invalid_field")
            }
            let scope = field("scope").isEmpty ? "product" : field("scope")
            guard scope == "product" || scope == "all" else {
                throw APIError.badRequest("form field scope must be product or all, got '\(scope)'", code: "invalid_field")
            }
            let productID = scope == "all" ? 0 : id
            switch field("action") {
            case "remove":
                guard try await engine.deleteRule(shopID: record.id, productID: productID, targetID: target) else {
                    throw APIError.notFound("no rule on \(scope == "all" ? "every page" : "product \(id)") for product \(target)")
                }
            case let raw:
                guard let action = RecommendationRuleAction(rawValue: raw) else {
                    throw APIError.badRequest("form field action must be pin, block or remove, got '\(raw)'", code: "invalid_field")
                }
                var position = 0
                if action == .pin, !field("position").isEmpty {
                    guard let p = Int(field("position")), (1...50).contains(p) else {
                        throw APIError.badRequest("form field position must be 1…50, got '\(field("position"))'", code: "invalid_field")
                    }
                    position = p - 1
                }
                let note = field("note")
                let rule = RecommendationRule(shopID: record.id, productID: productID, targetID: target, action: action, position: position,
                                              note: note.isEmpty ? nil : String(note.prefix(500)), createdAt: Int64(Date().timeIntervalSince1970))
                do {
                    try rule.validate()
                    try await engine.setRule(rule)
                } catch let error as RecommendationRuleError {
                    throw RecommendationAPIController.apiError(error)
                } catch let error as RecommendationError {
                    throw RecommendationAPIController.apiError(error)
                }
            }
        } catch let error as APIError {
            // The page again, with the reason above the forms; a vanished product is a plain 404.
            guard let detail = try await engine.productDetail(shopID: record.id, productID: id) else { throw error }
            var response = html(ProductRecommendationsPage(record: record, detail: detail, message: "Not changed: \(error.message)").render())
            response.status = error.status
            return response
        }
        var headers = HTTPFields()
        headers[.location] = "/dashboard/\(record.shop.domain)/recommendations/products/\(id)"
        return Response(status: .seeOther, headers: headers)
    }
}
