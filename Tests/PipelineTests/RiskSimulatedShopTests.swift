import Foundation
import Pipeline
import Risk
import Simulation
import Storage
import Testing

/// The risk kind on the store simulator's shop with fraud (stolen cards, card testing, account
/// takeover, gift-card fraud; labels by chargeback weeks later, fraud cancellations, audit tags)
/// ingested through the real webhook path.
@Suite("Risk kind on a simulated shop with fraud")
struct RiskSimulatedShopTests {
    @Test("labels come from the simulator's disputes, cancellations and tags; the kind trains and ranks frauds above the base rate")
    func trainsOnSimulatedFraud() async throws {
        var configuration = SimulationConfiguration.load(orders: 4_000, seed: 5)
        configuration.fraud = FraudConfiguration.standard.scaled(by: 4)
        let shop = try await SimulatedShop.ingest(configuration)
        defer { try? FileManager.default.removeItem(at: shop.directory) }

        let labels = try await shop.store.riskLabels(shopID: shop.shopID)
        let sources = Set(labels.map(\.source))
        #expect(sources.contains(.chargeback) && sources.contains(.fraudCancellation), "\(sources)")
        #expect(!(try await shop.store.disputes(shopID: shop.shopID)).isEmpty)

        let trained = try await RiskKind(store: shop.store).train(shopID: shop.shopID, parameters: ["holdout_days": "120"]) { _ in }
        let ap = try #require(trained.holdoutMetrics["average_precision"])
        let rows = try #require(trained.holdoutMetrics["holdout_rows"]), frauds = try #require(trained.holdoutMetrics["holdout_frauds"])
        print("risk kind on the simulated shop: labels \(labels.count), \(trained.holdoutMetrics), summary \(trained.summary)")
        // A ranking with no skill has an average precision of about the fraud share.
        #expect(frauds >= 3)
        #expect(ap > 3 * frauds / rows, "AP \(ap) vs base rate \(frauds / rows)")

        // The service's warm-up replays the same log (printed: what a restart costs this shop).
        let service = RiskService(store: shop.store, approvals: nil)
        let started = ContinuousClock.now
        try await service.warmUp(shopID: shop.shopID)
        print("risk warm-up of the simulated shop (\(shop.delivered) events): \(ContinuousClock.now - started)")
    }
}
