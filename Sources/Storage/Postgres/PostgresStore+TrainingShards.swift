import Foundation
import PostgresNIO

/// Sharded training's partial results in `training_shards` (v10).
extension PostgresStore: TrainingShardStore {
    /// The insert and the count are two autocommitted statements on purpose, no lock: each shard
    /// counts after its own insert committed, so of two shards finishing together the one that
    /// counts last sees both rows (inside one transaction each could miss the other's row).
    /// `ON CONFLICT DO NOTHING` makes a re-run shard's write a no-op.
    public func saveTrainingShard(_ shard: TrainingShardResult) async throws -> Int {
        try await execute("""
            INSERT INTO training_shards (shop_id, parent_job_id, shard_index, shard_count, job_id, result, created_at)
            VALUES (\(shard.shopID), \(shard.parentJobID), \(shard.index), \(shard.count), \(shard.jobID), \(shard.result),
                \(shard.createdAt.storageMilliseconds))
            ON CONFLICT (shop_id, parent_job_id, shard_index) DO NOTHING
            """)
        return Int(try await scalar("""
            SELECT count(*) FROM training_shards WHERE shop_id = \(shard.shopID) AND parent_job_id = \(shard.parentJobID)
            """) ?? 0)
    }

    public func trainingShards(shopID: Int64, parentJobID: Int64) async throws -> [TrainingShardResult] {
        try await rows("""
            SELECT shard_index, shard_count, job_id, result, created_at FROM training_shards
            WHERE shop_id = \(shopID) AND parent_job_id = \(parentJobID) ORDER BY shard_index
            """).map { row in
            let (index, count, jobID, result, created) = try row.decode((Int64, Int64, Int64, Data, Int64).self)
            return TrainingShardResult(shopID: shopID, parentJobID: parentJobID, index: Int(index), count: Int(count), jobID: jobID,
                                       result: result, createdAt: Date(storageMilliseconds: created))
        }
    }

    public func deleteTrainingShards(shopID: Int64, parentJobID: Int64) async throws {
        try await execute("DELETE FROM training_shards WHERE shop_id = \(shopID) AND parent_job_id = \(parentJobID)")
    }
}
