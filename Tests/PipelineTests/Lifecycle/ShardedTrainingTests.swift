import Foundation
import Logging
import Pipeline
import Simulation
import Storage
import Testing
import TestSupport

/// Series-sharded forecast training on a simulated shop: split into three shards run by two
/// job workers, merged into the same forecast and holdout metrics as unsharded training on the
/// same data; a shard re-run after a lost lease writes nothing twice; one version per training.
/// On SQLite, and on PostgreSQL (the simulated shop copied there) when the test script started one.
@Suite struct ShardedTrainingTests {
    typealias Store = any StorewiseStore

    static var backends: [String] { TestPostgres.isAvailable ? ["sqlite", "postgres"] : ["sqlite"] }

    /// The simulated shop on the backend: ingested into SQLite, copied into a fresh PostgreSQL
    /// database for "postgres". Returns the store, the shop id and what to keep alive.
    static func simulatedShop(orders: Int, seed: UInt64, backend: String) async throws -> (Store, Int64, [Any]) {
        let shop = try await SimulatedShop.ingest(.load(orders: orders, seed: seed))
        guard backend == "postgres" else { return (shop.store, shop.shopID, [shop.directory]) }
        let (postgres, lifetime) = try await TestPostgres.freshStore()
        let domain = try #require(try await shop.store.shop(id: shop.shopID)).shop.domain
        _ = try await DatabaseCopier(source: shop.store, target: postgres).copy(domains: [domain])
        let copied = try #require(try await postgres.shop(domain: domain))
        return (postgres, copied.id, [shop.directory, lifetime])
    }

    static var forecastOptions: ForecastJob.Options {
        var options = ForecastJob.Options()
        options.threads = 2
        // The global model on: the merge must run it over every shard's series, as one process does.
        options.globalModel = true
        return options
    }

    static func kinds(_ store: Store) -> ModelKinds {
        ModelKinds([ForecastKind(store: store, options: forecastOptions)])
    }

    /// Lifecycle options that split the shop into three shards of about a third of its series each.
    static func shardingOptions(_ store: Store, shopID: Int64) async throws -> (LifecycleOptions, units: Int) {
        let kind = ForecastKind(store: store, options: forecastOptions)
        let snapshot = try #require(try await kind.shardSnapshot(shopID: shopID, parameters: kind.parameters))
        var options = LifecycleOptions()
        options.shardSeries = (snapshot.units + 2) / 3
        #expect(snapshot.shardCount(perShard: options.shardSeries) == 3)
        return (options, snapshot.units)
    }

    static func handlers(_ store: Store, options: LifecycleOptions) -> [any JobHandler] {
        let kinds = kinds(store)
        var quiet = Logger(label: "test.sharding")
        quiet.logLevel = .warning
        return [TrainingRunner(store: store, kinds: kinds, options: options, sharding: true, logger: quiet),
                TrainingShardRunner(store: store, kinds: kinds, options: options, logger: quiet),
                TrainingMergeRunner(store: store, kinds: kinds, options: options, logger: quiet)]
    }

    /// Runs `workers` side by side until no job is queued or running.
    static func drain(_ store: Store, _ workers: [JobWorker], now: @escaping @Sendable () -> Date = { Date() }) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask {
                    while true {
                        if await worker.runOnce(now: now()) { continue }
                        let counts = try await store.jobCounts()
                        if (counts[.queued] ?? 0) + (counts[.running] ?? 0) == 0 { return }
                        try await Task.sleep(for: .milliseconds(20))
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    static func cleanUp(_ keep: [Any]) {
        for item in keep { if let directory = item as? URL { try? FileManager.default.removeItem(at: directory) } }
    }

    /// A series as comparable text (NaN bounds print alike; `==` on NaN would not).
    static func text(_ series: [ForecastSeries]) -> [String] {
        series.sorted { ($0.variantID, $0.locationID) < ($1.variantID, $1.locationID) }.map { "\($0)" }
    }

    @Test(arguments: backends) func shardedTrainingMatchesUnsharded(_ backend: String) async throws {
        let (store, shopID, keep) = try await Self.simulatedShop(orders: 800, seed: 11, backend: backend)
        defer { Self.cleanUp(keep) }
        let shop = (store: store, shopID: shopID)
        let (options, units) = try await Self.shardingOptions(store, shopID: shop.shopID)
        let lifecycle = ModelLifecycle(store: store, kinds: Self.kinds(store), options: options)

        // Unsharded: the runner trains in one process (sharding off).
        let plain = TrainingRunner(store: store, kinds: Self.kinds(store), options: options)
        let first = try await lifecycle.requestTraining(shopID: shop.shopID, kind: "forecast", trigger: "initial", requestedBy: "test")
        #expect(await JobWorker(store: store, handlers: [plain], options: options, owner: "plain").runOnce(now: Date()))
        let unsharded = try #require(try await store.modelVersions(shopID: shop.shopID, kind: "forecast", limit: 10).first { $0.draft.jobID == first.id })

        // Sharded: two workers run the parent, the three shards and the merge.
        let parent = try await lifecycle.requestTraining(shopID: shop.shopID, kind: "forecast", trigger: "manual", requestedBy: "test")
        let workers = ["A", "B"].map {
            JobWorker(store: store, handlers: Self.handlers(store, options: options), options: options, owner: $0, idleSeconds: 0.02)
        }
        try await Self.drain(store, workers)

        let jobs = try await store.jobs(shopID: shop.shopID, states: nil, limit: 100)
        #expect(try #require(try await store.job(id: parent.id)).result?.contains(#""sharded":3"#) == true)
        #expect(jobs.filter { $0.draft.type == "train-shard" }.map(\.state) == [.succeeded, .succeeded, .succeeded])
        #expect(jobs.filter { $0.draft.type == "train-merge" }.map(\.state) == [.succeeded])
        #expect(jobs.allSatisfy { $0.state == .succeeded })

        let versions = try await store.modelVersions(shopID: shop.shopID, kind: "forecast", limit: 10)
        let sharded = try #require(versions.first { $0.draft.jobID == parent.id })
        #expect(versions.count == 2 && versions.filter { $0.draft.jobID == parent.id }.count == 1)
        #expect(sharded.draft.summary["shards"] == 3)
        #expect(sharded.draft.summary["series"] == unsharded.draft.summary["series"])
        #expect(sharded.draft.holdoutMetrics == unsharded.draft.holdoutMetrics)
        #expect(sharded.draft.holdoutMetrics["mase"] != nil)
        #expect(sharded.draft.data.asOfDay == unsharded.draft.data.asOfDay)

        // The same forecast, series for series and day for day, and the same model (the global one included).
        let runs = try await store.forecastRuns(shopID: shop.shopID, limit: 10)
        let plainRun = try #require(runs.first { "forecast-run:\($0.id)" == unsharded.draft.artifactURI })
        let shardRun = try #require(runs.first { "forecast-run:\($0.id)" == sharded.draft.artifactURI })
        #expect(shardRun.modelName == plainRun.modelName && shardRun.modelName.hasSuffix("+GlobalGBT"))
        #expect(shardRun.seriesCount == plainRun.seriesCount && shardRun.failedCount == plainRun.failedCount)
        #expect(shardRun.metrics["expected_units"] == plainRun.metrics["expected_units"])
        let plainSeries = try await store.forecastSeriesWithDays(shopID: shop.shopID, runID: plainRun.id)
        let shardSeries = try await store.forecastSeriesWithDays(shopID: shop.shopID, runID: shardRun.id)
        #expect(plainSeries.count > 100 && plainSeries.count <= units)
        #expect(Self.text(shardSeries) == Self.text(plainSeries))
        #expect(sharded.draft.artifactDigest == unsharded.draft.artifactDigest)
        // The merge dropped the partial results.
        #expect(try await store.trainingShards(shopID: shop.shopID, parentJobID: parent.id).isEmpty)
    }

    @Test(arguments: backends) func aShardRerunAfterALostLeaseWritesNothingTwice(_ backend: String) async throws {
        let (store, shopID, keep) = try await Self.simulatedShop(orders: 600, seed: 5, backend: backend)
        defer { Self.cleanUp(keep) }
        let shop = (store: store, shopID: shopID)
        var (options, _) = try await Self.shardingOptions(store, shopID: shop.shopID)
        options.leaseSeconds = 60
        let lifecycle = ModelLifecycle(store: store, kinds: Self.kinds(store), options: options)
        let handlers = Self.handlers(store, options: options)
        let parent = try await lifecycle.requestTraining(shopID: shop.shopID, kind: "forecast", trigger: "initial", requestedBy: "test")
        let b = JobWorker(store: store, handlers: handlers, options: options, owner: "B", idleSeconds: 0.02)
        #expect(await b.runOnce(now: Date()))  // the parent: three shards queued

        // Worker A leases shard 0, computes and stores its result, then dies before completing the job.
        let now = Date()
        let (shardJob, _) = try #require(try await store.leaseJob(types: ["train-shard"], owner: "A", now: now, leaseSeconds: 60))
        _ = try await handlers[1].run(shardJob, heartbeat: {})
        #expect(try await store.trainingShards(shopID: shop.shopID, parentJobID: parent.id).count == 1)

        // B runs the other two shards and the merge; after A's lease expired it re-runs A's shard.
        try await Self.drain(store, [b], now: { Date().addingTimeInterval(61) })
        let rerun = try #require(try await store.job(id: shardJob.id))
        #expect(rerun.state == .succeeded && rerun.attempts == 2)
        let jobs = try await store.jobs(shopID: shop.shopID, states: nil, limit: 100)
        #expect(jobs.filter { $0.draft.type == "train-shard" }.count == 3)
        #expect(jobs.filter { $0.draft.type == "train-merge" }.count == 1)
        let versions = try await store.modelVersions(shopID: shop.shopID, kind: "forecast", limit: 10)
        #expect(versions.count == 1 && versions.first?.draft.jobID == parent.id)
        #expect(try await store.forecastRuns(shopID: shop.shopID, limit: 10).count == 1)

        // A merge run again (say its worker lost the lease after registering) registers nothing new.
        let merge = try #require(jobs.first { $0.draft.type == "train-merge" })
        _ = try await handlers[2].run(merge, heartbeat: {})
        #expect(try await store.modelVersions(shopID: shop.shopID, kind: "forecast", limit: 10).count == 1)
        #expect(try await store.forecastRuns(shopID: shop.shopID, limit: 10).count == 1)
        // And a late shard re-run after the merge does no work.
        let late = try await handlers[1].run(shardJob, heartbeat: {})
        #expect(late.contains("merged_version"))
        #expect(try await store.trainingShards(shopID: shop.shopID, parentJobID: parent.id).isEmpty)
    }
}
