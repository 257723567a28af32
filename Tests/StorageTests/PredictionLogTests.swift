import Commerce
import Foundation
@testable import Storage
import Testing

/// `PredictionLogStore` on both backends (the conformance suite): batches, newest-first reads, counts per version and arm, pruning.
@Suite struct PredictionLogTests {
    func entry(_ shopID: Int64, kind: String = "customer-value", version: Int = 1, arm: String = "champion", at: Int64,
               request: String = "r") -> PredictionLogEntry {
        PredictionLogEntry(shopID: shopID, kind: kind, requestID: request, version: version, arm: arm, subject: "s-\(at)",
                           output: #"{"clv":12.5}"#, latencyMicros: 250, at: at)
    }

    @Test(arguments: Backend.all) func appendReadCountAndPrune(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let store = database.store
        try await store.appendPredictions([
            entry(shop.id, at: 100), entry(shop.id, at: 300, request: "newest"), entry(shop.id, version: 2, arm: "canary", at: 200),
            entry(shop.id, version: 2, arm: "shadow", at: 200), entry(shop.id, kind: "forecast", at: 250),
            entry(other.id, at: 100),
        ])
        try await store.appendPredictions([])

        let all = try await store.predictions(shopID: shop.id, kind: nil, limit: 10)
        #expect(all.map(\.at) == [300, 250, 200, 200, 100])
        #expect(all[0] == entry(shop.id, at: 300, request: "newest"))
        #expect(try await store.predictions(shopID: shop.id, kind: "customer-value", limit: 2).map(\.at) == [300, 200])

        #expect(try await store.predictionCounts(shopID: shop.id) == [
            PredictionCount(kind: "customer-value", version: 1, arm: "champion", count: 2),
            PredictionCount(kind: "customer-value", version: 2, arm: "canary", count: 1),
            PredictionCount(kind: "customer-value", version: 2, arm: "shadow", count: 1),
            PredictionCount(kind: "forecast", version: 1, arm: "champion", count: 1),
        ])

        // Strictly older than `before`, across shops: the two at 100.
        #expect(try await store.prunePredictions(before: 200) == 2)
        #expect(try await store.predictions(shopID: shop.id, kind: nil, limit: 10).count == 4)
        #expect(try await store.predictions(shopID: other.id, kind: nil, limit: 10).isEmpty)

        try await store.deleteShopData(shopID: shop.id)
        #expect(try await database.count("SELECT count(*) FROM prediction_log") == 0)
    }
}
