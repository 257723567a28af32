import Foundation
import GRDB

/// Sharded training's partial results in `training_shards` (v10).
extension SQLiteStore: TrainingShardStore {
    public func saveTrainingShard(_ shard: TrainingShardResult) async throws -> Int {
        try await writer.write { db in
            try db.execute(sql: """
                INSERT INTO training_shards (shop_id, parent_job_id, shard_index, shard_count, job_id, result, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, parent_job_id, shard_index) DO NOTHING
                """, arguments: [shard.shopID, shard.parentJobID, shard.index, shard.count, shard.jobID, shard.result,
                                 shard.createdAt.storageMilliseconds])
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM training_shards WHERE shop_id = ? AND parent_job_id = ?",
                                    arguments: [shard.shopID, shard.parentJobID]) ?? 0
        }
    }

    public func trainingShards(shopID: Int64, parentJobID: Int64) async throws -> [TrainingShardResult] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT shard_index, shard_count, job_id, result, created_at FROM training_shards
                WHERE shop_id = ? AND parent_job_id = ? ORDER BY shard_index
                """, arguments: [shopID, parentJobID]).map { row in
                TrainingShardResult(shopID: shopID, parentJobID: parentJobID, index: row[0], count: row[1], jobID: row[2],
                                    result: row[3], createdAt: Date(storageMilliseconds: row[4]))
            }
        }
    }

    public func deleteTrainingShards(shopID: Int64, parentJobID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM training_shards WHERE shop_id = ? AND parent_job_id = ?", arguments: [shopID, parentJobID])
        }
    }
}
