import Foundation
import Logging
import Storage

/// What a "train-shard" or "train-merge" job carries: its parent "train" job and the snapshot
/// every shard shares (kind, trigger, merged parameters, as-of day, shard count).
public struct TrainingShardPayload: Sendable, Hashable, Codable {
    public var parentJobID: Int64
    public var kind: String
    public var trigger: String
    public var parameters: [String: String]
    public var asOfDay: String
    public var count: Int
    /// The shard's index (nil on the merge job).
    public var index: Int?
    /// Who requested the parent training (recorded as the version's creator).
    public var requestedBy: String

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Reads a payload; a bad one is a permanent failure that says what is wrong.
    static func decode(_ job: JobRecord) throws -> (TrainingShardPayload, shopID: Int64) {
        guard let shopID = job.draft.shopID else { throw JobFailure("a \(job.draft.type) job needs a shop", permanent: true) }
        do {
            return (try JSONDecoder().decode(TrainingShardPayload.self, from: Data(job.draft.payload.utf8)), shopID)
        } catch {
            throw JobFailure("\(job.draft.type) payload: \(error)", permanent: true)
        }
    }
}

extension TrainingRunner {
    /// Splits a training of a ``ShardableKind`` with more than `options.shardSeries` units into
    /// "train-shard" jobs (deduped per parent × index, so a re-run parent queues none twice) and
    /// returns the parent's result; nil when the training runs here unsharded.
    func splitIntoShards(_ job: JobRecord) async throws -> String? {
        guard options.shardSeries > 0, let shopID = job.draft.shopID,
              let payload = try? TrainingPayload.decode(job.draft.payload),
              let kind = kinds.all.first(where: { $0.name == payload.kind }) as? any ShardableKind else { return nil }
        // A version already registered by this job: `train` finishes its promotion decision.
        if try await store.modelVersions(shopID: shopID, kind: kind.name, limit: 50).contains(where: { $0.draft.jobID == job.id }) { return nil }
        let parameters = mergedParameters(kind, payload)
        guard let snapshot = try await kind.shardSnapshot(shopID: shopID, parameters: parameters) else { return nil }
        let count = snapshot.shardCount(perShard: options.shardSeries)
        guard count > 1 else { return nil }
        let now = Date()
        for index in 0..<count {
            let shard = TrainingShardPayload(parentJobID: job.id, kind: kind.name, trigger: payload.trigger, parameters: parameters,
                                             asOfDay: snapshot.asOfDay, count: count, index: index, requestedBy: job.draft.requestedBy)
            _ = try await store.enqueueJob(JobDraft(
                shopID: shopID, type: TrainingShardRunner.jobType, payload: try shard.json(), dedupeKey: "shard:\(job.id):\(index)",
                maxAttempts: options.maxAttempts, runAfter: now, requestedBy: "\(Self.jobType):\(job.id)"), at: now)
        }
        logger.info("training sharded", metadata: [
            "shop_id": "\(shopID)", "kind": "\(kind.name)", "job_id": "\(job.id)", "units": "\(snapshot.units)", "shards": "\(count)",
            "as_of_day": "\(snapshot.asOfDay)",
        ])
        return #"{"as_of_day":"\#(snapshot.asOfDay)","sharded":\#(count),"units":\#(snapshot.units)}"#
    }

    /// The version registered by training job `jobID`, if any.
    func version(registeredBy jobID: Int64, shopID: Int64, kind: String) async throws -> ModelVersion? {
        try await store.modelVersions(shopID: shopID, kind: kind, limit: 50).first { $0.draft.jobID == jobID }
    }
}

/// Runs "train-shard" jobs: trains one shard and stores its result once (keyed by parent ×
/// index); the shard that completes the set queues the merge (deduped "merge:<parent>", so
/// shards finishing together queue one). A shard re-run after its worker lost the lease finds
/// its result stored and only re-checks the set.
public struct TrainingShardRunner: JobHandler {
    public static let jobType = "train-shard"
    public var type: String { Self.jobType }

    let store: any LifecycleStore & TrainingShardStore
    let kinds: ModelKinds
    let options: LifecycleOptions
    let logger: Logger

    public init(store: any LifecycleStore & TrainingShardStore, kinds: ModelKinds, options: LifecycleOptions,
                logger: Logger = Logger(label: "storewise.training")) {
        self.store = store; self.kinds = kinds; self.options = options; self.logger = logger
    }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        let (payload, shopID) = try TrainingShardPayload.decode(job)
        guard let index = payload.index, (0..<payload.count).contains(index) else {
            throw JobFailure("train-shard payload: index \(payload.index.map(String.init) ?? "none") is not in 0..<\(payload.count)", permanent: true)
        }
        guard let kind = kinds.all.first(where: { $0.name == payload.kind }) as? any ShardableKind else {
            throw JobFailure("kind \(payload.kind) cannot train in shards", permanent: true)
        }
        let runner = TrainingRunner(store: store, kinds: kinds, options: options, logger: logger)
        if let version = try await runner.version(registeredBy: payload.parentJobID, shopID: shopID, kind: kind.name) {
            return #"{"index":\#(index),"merged_version":\#(version.version)}"#
        }
        let meta: Logger.Metadata = ["shop_id": "\(shopID)", "kind": "\(kind.name)", "parent_job_id": "\(payload.parentJobID)",
                                     "shard": "\(index + 1)/\(payload.count)"]
        let stored = try await store.trainingShards(shopID: shopID, parentJobID: payload.parentJobID)
        var storedCount = stored.count
        if !stored.contains(where: { $0.index == index }) {
            let started = ContinuousClock.now
            let result = try await kind.trainShard(shopID: shopID, parameters: payload.parameters, asOfDay: payload.asOfDay,
                                                   index: index, count: payload.count)
            let count = try await store.saveTrainingShard(TrainingShardResult(
                shopID: shopID, parentJobID: payload.parentJobID, index: index, count: payload.count, jobID: job.id, result: result,
                createdAt: Date()))
            logger.info("training shard stored", metadata: meta.merging([
                "bytes": "\(result.count)", "stored": "\(count)", "seconds": "\(started.duration(to: .now))",
            ]) { $1 })
            storedCount = count
        }
        if storedCount >= payload.count {
            var merge = payload
            merge.index = nil
            let now = Date()
            let queued = try await store.enqueueJob(JobDraft(
                shopID: shopID, type: TrainingMergeRunner.jobType, payload: try merge.json(), dedupeKey: "merge:\(payload.parentJobID)",
                maxAttempts: options.maxAttempts, runAfter: now, requestedBy: "\(Self.jobType):\(job.id)"), at: now)
            logger.info("training shards complete; merge queued", metadata: meta.merging(["merge_job_id": "\(queued.id)"]) { $1 })
        }
        return #"{"index":\#(index),"stored":\#(storedCount)}"#
    }
}

/// Runs "train-merge" jobs: assembles the shards into the candidate exactly as the unsharded
/// training would, registers it as the parent job's version (one per parent: a re-run finds
/// it and only finishes the promotion decision) and promotes or proposes it.
public struct TrainingMergeRunner: JobHandler {
    public static let jobType = "train-merge"
    public var type: String { Self.jobType }

    let store: any LifecycleStore & TrainingShardStore
    let kinds: ModelKinds
    let options: LifecycleOptions
    let logger: Logger

    public init(store: any LifecycleStore & TrainingShardStore, kinds: ModelKinds, options: LifecycleOptions,
                logger: Logger = Logger(label: "storewise.training")) {
        self.store = store; self.kinds = kinds; self.options = options; self.logger = logger
    }

    public func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        let (payload, shopID) = try TrainingShardPayload.decode(job)
        guard let kind = kinds.all.first(where: { $0.name == payload.kind }) as? any ShardableKind else {
            throw JobFailure("kind \(payload.kind) cannot train in shards", permanent: true)
        }
        var log = logger
        log[metadataKey: "shop_id"] = "\(shopID)"; log[metadataKey: "kind"] = "\(kind.name)"
        log[metadataKey: "job_id"] = "\(payload.parentJobID)"
        let runner = TrainingRunner(store: store, kinds: kinds, options: options, logger: logger)
        let now = Date()
        let version: ModelVersion
        if let existing = try await runner.version(registeredBy: payload.parentJobID, shopID: shopID, kind: kind.name) {
            log.info("version already registered for this training; finishing its promotion decision", metadata: ["version": "\(existing.version)"])
            version = existing
        } else {
            let shards = try await store.trainingShards(shopID: shopID, parentJobID: payload.parentJobID)
            guard shards.map(\.index) == Array(0..<payload.count) else {
                throw JobFailure("training \(payload.parentJobID): \(shards.count) of \(payload.count) shards stored", permanent: false)
            }
            guard let shop = try await store.shop(id: shopID) else { throw JobFailure("no shop with id \(shopID)", permanent: true) }
            // Identity when the merge starts: the shards read no event after these.
            let range = try await store.eventRange(shopID: shopID)
            let digest = try await store.projectionDigest(shopID: shopID, tables: kind.projectionTables)
            let catalog = try await store.catalogSnapshot(shopID: shopID)
            let started = ContinuousClock.now
            let trained = try await kind.mergeShards(shopID: shopID, parameters: payload.parameters, asOfDay: payload.asOfDay,
                                                     results: shards.map(\.result))
            let elapsed = started.duration(to: .now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            version = try await runner.register(trained, seconds: seconds, jobID: payload.parentJobID, requestedBy: payload.requestedBy,
                                                trigger: payload.trigger, shop: shop, kind: kind, parameters: payload.parameters,
                                                identity: (range, digest, catalog), log: log, now: now)
        }
        let outcome = try await runner.decide(version, kind: kind, log: log, at: now)
        try await store.deleteTrainingShards(shopID: shopID, parentJobID: payload.parentJobID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(outcome), as: UTF8.self)
    }
}
