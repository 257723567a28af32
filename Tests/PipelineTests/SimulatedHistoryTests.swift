import Commerce
import Foundation
import Pipeline
import ServiceLifecycle
import Simulation
import Storage
import Testing
import TestSupport

/// The simulator's webhooks through the real ingest path (signed, verified, decoded, group-committed).
@Suite("Simulated history through the ingest path")
struct SimulatedHistoryTests {
    /// Ingests the `.small` simulated shop into a fresh database; returns the store and shop id.
    private func ingest(seed: UInt64 = 7) async throws -> (SQLiteStore, Int64, URL, Int) {
        var configuration = SimulationConfiguration.small
        configuration.seed = seed
        let shop = try await SimulatedShop.ingest(configuration)
        #expect(shop.stored.duplicates == 0)
        return (shop.store, shop.shopID, shop.directory, shop.delivered)
    }

    @Test("Every simulated webhook is stored once, and a replay rebuilds identical projections")
    func replayIsIdentical() async throws {
        let (store, shopID, directory, delivered) = try await ingest()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await store.eventCount(shopID: shopID) == delivered)
        let stats = try await store.stats(shopID: shopID)
        #expect(stats.orders > 100)
        #expect(stats.demandRows > 100)
        let before = try await store.projectionDigest(shopID: shopID)
        let ordersBefore = try await store.orders(shopID: shopID, from: nil, to: nil, limit: 1000, offset: 0)
        let demandBefore = try await store.demand(shopID: shopID, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 100_000)
        try await store.rebuildProjections(shopID: shopID) { _, _ in }
        #expect(try await store.projectionDigest(shopID: shopID) == before)
        #expect(try await store.orders(shopID: shopID, from: nil, to: nil, limit: 1000, offset: 0) == ordersBefore)
        #expect(try await store.demand(shopID: shopID, variantID: nil, locationID: nil, fromDay: nil, toDay: nil, limit: 100_000) == demandBefore)
    }

    @Test("The same seed gives the same projections in two databases")
    func deterministicEndToEnd() async throws {
        let (first, firstShop, firstDirectory, _) = try await ingest(seed: 11)
        let (second, secondShop, secondDirectory, _) = try await ingest(seed: 11)
        defer {
            try? FileManager.default.removeItem(at: firstDirectory)
            try? FileManager.default.removeItem(at: secondDirectory)
        }
        // Concurrent delivery commits in a different order each run; projections must not care.
        #expect(try await first.projectionDigest(shopID: firstShop) == second.projectionDigest(shopID: secondShop))
    }
}
