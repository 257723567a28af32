import Commerce
import Foundation
import Hummingbird
import Storage

/// The forecast page of the dashboard, `/dashboard/<domain>/forecasts`.
extension DashboardController {
    /// Items with the largest expected demand in the latest run, and the chart of one of them
    /// (`variant_id` and `location_id`, else the first item).
    @Sendable func forecastsPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let domain = context.parameters.get("domain")?.lowercased() else { throw APIError.notFound("no shop") }
        guard let token = cookie(Self.cookieName, in: request),
              let record = try await shops.shop(apiTokenHash: APIToken.hash(token)), record.shop.domain == domain
        else {
            throw APIError.unauthorized("open /dashboard/\(domain)?token=<API token> once to sign in")
        }
        let query = QueryParameters(request)
        let variantID = try query.int64("variant_id")
        let locationID = try query.int64("location_id")
        let limit = try query.int("limit", default: 25, range: 1...500)
        guard let run = try await forecasts.latestForecastRun(shopID: record.id) else {
            return html(ForecastDashboardPage(record: record, run: nil, ranked: [], selected: nil, history: nil,
                                              variantNames: [:], locationNames: [:]).render())
        }
        let ranked = try await forecasts.rankedForecastSeries(shopID: record.id, runID: run.id, limit: limit, offset: 0)
        var selected: ForecastSeries?
        if let variantID, let locationID {
            selected = try await forecasts.forecastSeries(shopID: record.id, runID: run.id, variantID: variantID, locationID: locationID)
            if selected == nil { throw APIError.notFound("run \(run.id) has no forecast for variant \(variantID) at location \(locationID)") }
        } else if let first = ranked.first {
            selected = try await forecasts.forecastSeries(shopID: record.id, runID: run.id, variantID: first.variantID, locationID: first.locationID)
        }
        let history = try await selected.asyncMap {
            try await ForecastAPIController.history(demand, shopID: record.id, variantID: $0.variantID, locationID: $0.locationID, run: run)
        } ?? nil
        var variantNames: [Int64: String] = [:]
        for product in try await reader.products(shopID: record.id, limit: 10_000, offset: 0) {
            for variant in product.variants {
                let plain = variant.title.isEmpty || variant.title == "Default Title"
                variantNames[variant.id] = plain ? product.title : "\(product.title) · \(variant.title)"
            }
        }
        var locationNames = Dictionary(try await reader.locations(shopID: record.id).map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        if locationNames[Location.onlineID] == nil { locationNames[Location.onlineID] = "Online Store" }
        return html(ForecastDashboardPage(record: record, run: run, ranked: ranked, selected: selected, history: history,
                                          variantNames: variantNames, locationNames: locationNames).render())
    }
}

private extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
