import Commerce
import Foundation
import Hummingbird
import NIOCore
import Storage

/// The replenishment page of the dashboard, `/dashboard/<domain>/replenishment`, and the form
/// posts that act on purchase orders from it.
extension DashboardController {
    /// Registers the page, its CSV downloads and the purchase-order forms.
    func addReplenishmentRoutes(to router: Router<AppRequestContext>, replenishment: any ReplenishmentStore) {
        router.get("/dashboard/:domain/replenishment") { request, context in
            try await replenishmentPage(request, context: context, replenishment: replenishment)
        }
        router.get("/dashboard/:domain/purchase-orders/:id") { request, context in
            try await purchaseOrderCSV(request, context: context, replenishment: replenishment)
        }
        router.post("/dashboard/:domain/purchase-orders/:id/status") { request, context in
            try await purchaseOrderForm(request, context: context, replenishment: replenishment, action: .status)
        }
        router.post("/dashboard/:domain/purchase-orders/:id/lines") { request, context in
            try await purchaseOrderForm(request, context: context, replenishment: replenishment, action: .line)
        }
    }

    /// The latest plan's cards and table (filters, sort and page from the query string, as the
    /// API reads them), then open purchase orders and transfer suggestions.
    func replenishmentPage(_ request: Request, context: AppRequestContext, replenishment: any ReplenishmentStore) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let query = try ReplenishmentAPIController.lineQuery(QueryParameters(request), defaultLimit: 50)
        var locationNames = Dictionary(try await reader.locations(shopID: record.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if locationNames[Location.onlineID] == nil { locationNames[Location.onlineID] = "Online Store" }
        var page = ReplenishmentDashboardPage(record: record, plan: nil, query: query, lines: [], total: 0, counts: .init(), orders: [],
                                              transfers: [], locationNames: locationNames, variantNames: [:])
        guard let plan = try await replenishment.latestReplenishmentPlan(shopID: record.id) else {
            return html(page.render())
        }
        page.plan = plan
        (page.lines, page.total) = try await replenishment.replenishmentLines(shopID: record.id, planID: plan.id, query: query)
        func count(_ statuses: [StockStatus]) async throws -> Int {
            var q = ReplenishmentLineQuery()
            q.statuses = statuses
            q.limit = 1
            return try await replenishment.replenishmentLines(shopID: record.id, planID: plan.id, query: q).total
        }
        page.counts = .init(outOfStock: try await count([.outOfStock]), atRisk: try await count([.atRisk]),
                            overstock: try await count([.overstock, .deadStock]))
        page.orders = try await replenishment.purchaseOrders(shopID: record.id, statuses: [.draft, .approved, .ordered])
        page.transfers = try await replenishment.transferSuggestions(shopID: record.id, planID: plan.id)
        if !page.transfers.isEmpty {
            for product in try await reader.products(shopID: record.id, limit: 10_000, offset: 0) {
                for variant in product.variants {
                    let plain = variant.title.isEmpty || variant.title == "Default Title"
                    page.variantNames[variant.id] = plain ? product.title : "\(product.title) · \(variant.title)"
                }
            }
        }
        return html(page.render())
    }

    /// `/dashboard/<domain>/purchase-orders/<id>.csv`: the same download as the API's, signed in by cookie.
    func purchaseOrderCSV(_ request: Request, context: AppRequestContext, replenishment: any ReplenishmentStore) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let raw = context.parameters.get("id") ?? ""
        guard raw.hasSuffix(".csv") else { throw APIError.notFound("purchase orders are downloaded as <id>.csv") }
        let id = try PurchaseOrderAPIController.orderID(String(raw.dropLast(4)))
        guard let order = try await replenishment.purchaseOrder(shopID: record.id, id: id) else {
            throw APIError(PurchaseOrderError.notFound(id: id))
        }
        return try await PurchaseOrderAPIController.csvResponse(order, shop: record, reader: reader)
    }

    enum PurchaseOrderFormAction { case status, line }

    /// A posted form: a status move or a line's new quantity. Success goes back to the page
    /// (303, the order in view); a refused change answers a short page with the reason.
    func purchaseOrderForm(_ request: Request, context: AppRequestContext, replenishment: any ReplenishmentStore,
                           action: PurchaseOrderFormAction) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let id = try PurchaseOrderAPIController.orderID(context.parameters.get("id") ?? "")
        let form = try await Self.formFields(request)
        func integer(_ name: String) throws -> Int64 {
            guard let raw = form[name], let value = Int64(raw.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.badRequest("form field \(name) must be an integer, got '\(form[name] ?? "")'", code: "invalid_field")
            }
            return value
        }
        do {
            switch action {
            case .status:
                let status = try PurchaseOrderAPIController.requestedStatus(form["status"] ?? "", field: "form field status")
                _ = try await replenishment.setPurchaseOrderStatus(shopID: record.id, orderID: id, status: status, expectedArrivalDay: nil)
            case .line:
                let quantity = try integer("quantity")
                guard let units = Int(exactly: quantity) else { throw APIError.badRequest("form field quantity is too large", code: "invalid_field") }
                _ = try await replenishment.updatePurchaseOrderLine(shopID: record.id, orderID: id, variantID: try integer("variant_id"),
                                                                    locationID: try integer("location_id"), quantity: units)
            }
        } catch let error as PurchaseOrderError {
            let api = APIError(error)
            let back = HTML.escape("/dashboard/\(record.shop.domain)/replenishment#po-\(id)")
            let body = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not changed · Storewise</title><style>\(DashboardPage.style)</style></head>
            <body><header><div class="brand">Storewise</div></header><main><section class="panel"><h2>Purchase order \(id) was not changed</h2>
            <p>\(HTML.escape(api.message)).</p><p><a href="\(back)">Back to replenishment</a></p></section></main></body></html>
            """
            var response = html(body)
            response.status = api.status
            return response
        }
        var headers = HTTPFields()
        headers[.location] = "/dashboard/\(record.shop.domain)/replenishment#po-\(id)"
        return Response(status: .seeOther, headers: headers)
    }

    /// The shop whose dashboard cookie came with the request, for the domain in the path.
    func signedInShop(_ request: Request, context: AppRequestContext) async throws -> ShopRecord {
        guard let domain = context.parameters.get("domain")?.lowercased() else { throw APIError.notFound("no shop") }
        guard let token = cookie(Self.cookieName, in: request),
              let record = try await shops.shop(apiTokenHash: APIToken.hash(token)), record.shop.domain == domain
        else {
            throw APIError.unauthorized("open /dashboard/\(domain)?token=<API token> once to sign in")
        }
        return record
    }

    /// An `application/x-www-form-urlencoded` body as name → value (the last one wins).
    static func formFields(_ request: Request) async throws -> [String: String] {
        let data = try await JSONRequestBody.data(request)
        var fields: [String: String] = [:]
        for pair in String(decoding: data, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}
