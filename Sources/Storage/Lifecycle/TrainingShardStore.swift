import Foundation

/// One shard's partial result of a sharded training job: the shard job that computed it and
/// its result bytes (the kind's encoding, opaque here).
public struct TrainingShardResult: Sendable, Hashable {
    public var shopID: Int64
    /// The "train" job that was split into shards.
    public var parentJobID: Int64
    public var index: Int
    public var count: Int
    /// The "train-shard" job that wrote it.
    public var jobID: Int64
    public var result: Data
    public var createdAt: Date

    public init(shopID: Int64, parentJobID: Int64, index: Int, count: Int, jobID: Int64, result: Data, createdAt: Date) {
        self.shopID = shopID; self.parentJobID = parentJobID; self.index = index; self.count = count
        self.jobID = jobID; self.result = result; self.createdAt = createdAt
    }
}

/// Partial results of sharded training, keyed by parent job × shard index. Writes are
/// idempotent: a shard that runs again (its worker lost the lease) finds its result stored and
/// writes nothing, so the merge sees each shard once.
public protocol TrainingShardStore: Sendable {
    /// Stores the shard's result unless that parent × index already has one (the first write
    /// wins), then returns how many distinct shards of the parent are stored. The count is read
    /// after the write committed, so of shards finishing together the last one sees them all.
    func saveTrainingShard(_ shard: TrainingShardResult) async throws -> Int
    /// The parent's stored shards in index order.
    func trainingShards(shopID: Int64, parentJobID: Int64) async throws -> [TrainingShardResult]
    /// Drops the parent's shards (after the merge registered its version).
    func deleteTrainingShards(shopID: Int64, parentJobID: Int64) async throws
}
