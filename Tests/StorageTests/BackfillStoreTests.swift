import Foundation
@testable import Storage
import Testing

/// `BackfillStore` on both backends: one checkpoint per shop × resource, replaced on save, listed, cleared.
@Suite struct BackfillStoreTests {
    let t0 = utc("2024-05-01T09:00:00Z")

    @Test(arguments: Backend.all) func upsertListClear(_ backend: Backend) async throws {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        let other = try await database.makeShop(domain: "other.myshopify.com")
        let store = database.store
        #expect(try await store.backfillCheckpoints(shopID: shop.id).isEmpty)

        let products = BackfillCheckpoint(shopID: shop.id, resource: "products", status: .completed,
                                          bulkOperationID: "gid://shopify/BulkOperation/1", linesDone: 120, rootsDone: 40,
                                          objectCount: 120, rootObjectCount: 40, startedAt: t0, updatedAt: t0.addingTimeInterval(30),
                                          completedAt: t0.addingTimeInterval(30))
        var orders = BackfillCheckpoint(shopID: shop.id, resource: "orders", status: .running,
                                        bulkOperationID: "gid://shopify/BulkOperation/2", startedAt: t0.addingTimeInterval(31),
                                        updatedAt: t0.addingTimeInterval(31))
        try await store.saveBackfillCheckpoint(products)
        try await store.saveBackfillCheckpoint(orders)
        try await store.saveBackfillCheckpoint(BackfillCheckpoint(shopID: other.id, resource: "orders", status: .pending,
                                                                  startedAt: t0, updatedAt: t0))
        #expect(try await store.backfillCheckpoints(shopID: shop.id) == [products, orders])

        // Progress replaces the row of that resource.
        orders.status = .ingesting
        orders.linesDone = 25_000
        orders.rootsDone = 10_000
        orders.objectCount = 60_000
        orders.rootObjectCount = 50_000
        orders.lastError = "THROTTLED"
        orders.updatedAt = t0.addingTimeInterval(90)
        try await store.saveBackfillCheckpoint(orders)
        #expect(try await store.backfillCheckpoints(shopID: shop.id) == [products, orders])
        #expect(try await database.count("SELECT count(*) FROM backfill_checkpoints WHERE shop_id = ?", [shop.id]) == 2)

        try await store.clearBackfill(shopID: shop.id)
        #expect(try await store.backfillCheckpoints(shopID: shop.id).isEmpty)
        #expect(try await store.backfillCheckpoints(shopID: other.id).count == 1)

        await #expect(throws: StorageError.unknownShop(id: 999)) {
            try await store.saveBackfillCheckpoint(BackfillCheckpoint(shopID: 999, resource: "orders", status: .pending,
                                                                      startedAt: t0, updatedAt: t0))
        }
    }
}
