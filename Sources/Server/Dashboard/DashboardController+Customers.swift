import Commerce
import Foundation
import Hummingbird
import Storage

/// The customers page of the dashboard, `/dashboard/<domain>/customers`, a customer's profile
/// view and the segment export downloads its links point at (signed in by cookie).
extension DashboardController {
    func addCustomerRoutes(to router: Router<AppRequestContext>, customers: any CustomerValueStore) {
        router.get("/dashboard/:domain/customers") { request, context in
            try await customersPage(request, context: context, customers: customers)
        }
        router.get("/dashboard/:domain/customers/export") { request, context in
            let record = try await signedInShop(request, context: context)
            return try await CustomerAPIController.exportResponse(QueryParameters(request), shop: record, customers: customers)
        }
        router.get("/dashboard/:domain/customers/:id") { request, context in
            try await customerProfilePage(request, context: context, customers: customers)
        }
    }

    /// Segments, the CLV histogram, the run and the high-value customers at risk (top 25, named from their profiles).
    func customersPage(_ request: Request, context: AppRequestContext, customers: any CustomerValueStore) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        guard let run = try await customers.latestCustomerValueRun(shopID: record.id) else {
            return html(CustomersDashboardPage(record: record, run: nil, segments: [], bounds: [], distribution: [], atRisk: [], atRiskTotal: 0).render())
        }
        let currency = run.currency.isEmpty ? record.shop.currency : run.currency
        let bounds = CustomersDashboardPage.bounds(currency: currency)
        let segments = CustomerAPIController.allSegments(try await customers.segmentSummaries(shopID: record.id))
        let distribution = try await customers.valueDistribution(shopID: record.id, bounds: bounds)
        let risky = try await customers.customerScores(shopID: record.id, query: CustomerScoreQuery(minimumChurnRisk: 0.5, sort: .value, limit: 25))
        var atRisk: [CustomersDashboardPage.AtRisk] = []
        for score in risky.rows {
            let profile = try await customers.customerProfile(shopID: record.id, customerID: score.customerID)
            atRisk.append(.init(score: score, name: profile.map(CustomerProfilePage.name) ?? "Customer \(score.customerID)"))
        }
        return html(CustomersDashboardPage(record: record, run: run, segments: segments, bounds: bounds, distribution: distribution,
                                           atRisk: atRisk, atRiskTotal: risky.total).render())
    }

    func customerProfilePage(_ request: Request, context: AppRequestContext, customers: any CustomerValueStore) async throws -> Response {
        let record = try await signedInShop(request, context: context)
        let id = try CustomerAPIController.customerID(context.parameters.get("id") ?? "")
        guard let profile = try await customers.customerProfile(shopID: record.id, customerID: id) else {
            throw APIError.notFound("no customer \(id) in shop \(record.shop.domain)")
        }
        return html(CustomerProfilePage(record: record, profile: profile).render())
    }
}
