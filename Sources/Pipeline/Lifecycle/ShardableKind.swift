import Foundation

/// A model kind whose training can be split into shards that any worker runs in parallel
/// (``TrainingShardRunner``), then merged into the same version one process would train
/// (``TrainingMergeRunner``). The forecast kind shards by series.
public protocol ShardableKind: ModelKind {
    /// What the shards of a training now would share: the as-of day the data is cut at and how
    /// many units (series) there are; nil when the shop has no data to train on (the unsharded
    /// path then reports why).
    func shardSnapshot(shopID: Int64, parameters: [String: String]) async throws -> ShardSnapshot?
    /// Trains shard `index` of `count` on the snapshot; returns its partial result (opaque to the lifecycle).
    func trainShard(shopID: Int64, parameters: [String: String], asOfDay: String, index: Int, count: Int) async throws -> Data
    /// Assembles the shards' results (in index order) into the candidate, stores its artifact and
    /// returns what the registry records, as `train` does.
    func mergeShards(shopID: Int64, parameters: [String: String], asOfDay: String, results: [Data]) async throws -> TrainedModel
}

/// The inputs shards share, fixed when the training job is split.
public struct ShardSnapshot: Sendable, Hashable, Codable {
    /// The last day of data every shard reads ("YYYY-MM-DD").
    public var asOfDay: String
    /// Units of work (series) the training has.
    public var units: Int

    public init(asOfDay: String, units: Int) { self.asOfDay = asOfDay; self.units = units }

    /// Shards of about `perShard` units each: 1 (no sharding) when `perShard` is 0 or the units fit in one.
    public func shardCount(perShard: Int) -> Int {
        guard perShard > 0, units > perShard else { return 1 }
        return (units + perShard - 1) / perShard
    }
}
