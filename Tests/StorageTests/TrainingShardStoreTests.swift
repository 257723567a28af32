import Foundation
@testable import Storage
import Testing
import TestSupport

/// `TrainingShardStore` on both backends (the conformance suite): first write wins, counts, reads in index order, deletes.
@Suite struct TrainingShardStoreTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    @Test(arguments: Backend.all) func firstWriteWinsAndCounts(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let shop = try await db.makeShop()
        func shard(_ index: Int, job: Int64, _ text: String) -> TrainingShardResult {
            TrainingShardResult(shopID: shop.id, parentJobID: 7, index: index, count: 3, jobID: job, result: Data(text.utf8), createdAt: t0)
        }
        #expect(try await db.store.saveTrainingShard(shard(2, job: 12, "two")) == 1)
        #expect(try await db.store.saveTrainingShard(shard(0, job: 10, "zero")) == 2)
        // A re-run of shard 2 (its worker lost the lease) writes nothing.
        #expect(try await db.store.saveTrainingShard(shard(2, job: 12, "two again")) == 2)
        #expect(try await db.store.saveTrainingShard(shard(1, job: 11, "one")) == 3)
        // Another parent's shards are counted apart.
        #expect(try await db.store.saveTrainingShard(TrainingShardResult(
            shopID: shop.id, parentJobID: 8, index: 0, count: 1, jobID: 20, result: Data([0, 255]), createdAt: t0)) == 1)

        let stored = try await db.store.trainingShards(shopID: shop.id, parentJobID: 7)
        #expect(stored.map(\.index) == [0, 1, 2])
        #expect(stored.map { String(decoding: $0.result, as: UTF8.self) } == ["zero", "one", "two"])
        #expect(stored.map(\.jobID) == [10, 11, 12])
        #expect(stored.allSatisfy { $0.count == 3 && $0.createdAt == t0 })
        #expect(try await db.store.trainingShards(shopID: shop.id, parentJobID: 8).first?.result == Data([0, 255]))

        try await db.store.deleteTrainingShards(shopID: shop.id, parentJobID: 7)
        #expect(try await db.store.trainingShards(shopID: shop.id, parentJobID: 7).isEmpty)
        #expect(try await db.store.trainingShards(shopID: shop.id, parentJobID: 8).count == 1)
    }
}
