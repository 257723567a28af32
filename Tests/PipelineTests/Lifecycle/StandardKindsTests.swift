import Foundation
import Monitoring
import Pipeline
import Simulation
import Storage
import Testing

/// The three standard kinds trained through the runner on a simulated shop: each registers a
/// ready version with its primary holdout metric and its artifact, and is promoted first.
@Suite struct StandardKindsTests {
    @Test func everyStandardKindTrainsAndIsPromoted() async throws {
        // Two years, about 2,500 orders and 280 customers (as CustomerScoringJobTests).
        let shop = try await SimulatedShop.ingest(.load(orders: 2500, seed: 11))
        defer { try? FileManager.default.removeItem(at: shop.directory) }
        var forecast = ForecastJob.Options()
        forecast.globalModel = false
        forecast.threads = 2
        var customers = CustomerScoringJob.Options()
        customers.threads = 2
        let kinds = ModelKinds.standard(store: shop.store, forecast: forecast, customers: customers, recommendations: .init())
        #expect(kinds.all.map(\.name) == ["forecast", "customer-value", "recommendations", "risk"])
        let lifecycle = ModelLifecycle(store: shop.store, kinds: kinds)
        let runner = TrainingRunner(store: shop.store, kinds: kinds, options: LifecycleOptions())
        for (kind, uri) in [("forecast", "forecast-run:"), ("customer-value", "customer-value-run:"), ("recommendations", "recommendation-run:")] {
            let job = try await lifecycle.requestTraining(shopID: shop.shopID, kind: kind, trigger: "initial", requestedBy: "test")
            let outcome = try await runner.train(job)
            #expect(outcome.version == 1 && outcome.decision == "promoted", "\(kind)")
            let version = try #require(try await shop.store.resolveAlias(shopID: shop.shopID, kind: kind, alias: "champion"))
            #expect(version.draft.artifactURI.hasPrefix(uri), "\(kind)")
            let primary = try #require(version.primaryValue, "\(kind): \(version.draft.holdoutMetrics)")
            #expect(primary.isFinite && primary >= 0, "\(kind)")
            #expect(version.draft.reference != nil && version.draft.data.eventCount > 0, "\(kind)")
        }
    }
}
