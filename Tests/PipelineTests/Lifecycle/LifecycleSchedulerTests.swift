import Commerce
import Foundation
import Monitoring
import Pipeline
import Simulation
import Storage
import Testing

/// A model kind that is never trained (the tests register its versions by hand), with a fixed
/// live MASE and prediction columns that shift by 15 between version 1 and later versions.
struct StubKind: ModelKind {
    var name = "stub"
    var title = "Stub"
    var primaryMetric = "mase"
    var higherIsBetter = false
    var projectionTables: [String] = []
    var parameters: [String: String] = [:]
    var liveMASE: Double? = 1.21

    func train(shopID: Int64, parameters: [String: String], progress: @escaping @Sendable (String) -> Void) async throws -> TrainedModel {
        throw JobFailure("the stub kind is not trained", permanent: true)
    }

    func liveAccuracy(shopID: Int64, version: ModelVersion) async throws -> LiveAccuracyRecord? {
        liveMASE.map {
            LiveAccuracyRecord(shopID: shopID, kind: name, version: version.version, measuredAt: version.createdAt, fromDay: "2026-09-21",
                               throughDay: "2026-09-27", series: 3, days: 7, metrics: ["mase": $0, "rmsse": 1.4, "bias": 0.05], holdoutValue: nil)
        }
    }

    func predictionColumns(shopID: Int64, version: ModelVersion) async throws -> [FeatureColumn] {
        let shift = version.version == 1 ? 0.0 : 15.0
        return [.numerical("expected_units", (0..<200).map { Double($0) / 10 + shift })]
    }

    static func draft(shopID: Int64, jobID: Int64? = nil, holdout: Double = 1.06, asOfDay: String? = nil,
                      reference: Data? = nil, catalog: [CatalogEntry] = []) -> ModelVersionDraft {
        ModelVersionDraft(
            shopID: shopID, kind: "stub", createdBy: "scheduler", trigger: "initial", jobID: jobID, parameters: [:],
            data: TrainingDataIdentity(firstEventID: 1, lastEventID: 2, eventCount: 2, projectionDigest: "d", asOfDay: asOfDay),
            holdoutMetrics: ["mase": holdout], primaryMetric: "mase", higherIsBetter: false, artifactURI: "stub-run:1",
            artifactDigest: "a", catalog: catalog, reference: reference)
    }
}

@Suite("LifecycleScheduler")
struct LifecycleSchedulerTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func types(_ jobs: [JobRecord]) -> [String] { jobs.map(\.draft.type).sorted() }

    static func trigger(_ job: JobRecord?) throws -> String? {
        try job.map { try TrainingPayload.decode($0.draft.payload).trigger }
    }

    @Test("initial, nothing while fresh, one pending job per kind, drift on the champion, a dead job not re-requested, hourly monitor jobs")
    func passes() async throws {
        let store = try SQLiteStore.inMemory()
        let shop = try await store.createShop(Shop(domain: "sched.myshopify.com", name: "Sched", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Self.t0)
        let lifecycle = ModelLifecycle(store: store, kinds: ModelKinds([StubKind()]), options: LifecycleOptions())
        let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle)

        // No version: an initial training job, and the shop's first monitor job.
        var jobs = await scheduler.tick(now: Self.t0)
        #expect(Self.types(jobs) == ["monitor", "train"])
        let train = try #require(jobs.first { $0.draft.type == "train" })
        #expect(try Self.trigger(train) == "initial")
        #expect(train.draft.dedupeKey == "train:\(shop.id):stub" && train.draft.requestedBy == "scheduler")
        let monitor = try #require(jobs.first { $0.draft.type == "monitor" })
        #expect(monitor.draft.payload == #"{"shop_id":\#(shop.id)}"#)

        // A minute later the same training job is still pending, and the monitor is not due.
        jobs = await scheduler.tick(now: Self.t0.addingTimeInterval(60))
        #expect(jobs.map(\.id) == [train.id])

        // The job runs (as the runner would): v1 registered and made champion.
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: Self.t0.addingTimeInterval(61), leaseSeconds: 300))
        _ = try await store.registerModelVersion(StubKind.draft(shopID: shop.id, jobID: train.id), at: Self.t0.addingTimeInterval(120))
        try await store.moveAliases(shopID: shop.id, kind: "stub", [AliasChange(alias: ModelAlias.champion, version: 1)],
                                    actor: "scheduler", action: "auto-promote", reason: "first version", at: Self.t0.addingTimeInterval(120))
        #expect(try await store.completeJob(lease, result: "{}", now: Self.t0.addingTimeInterval(120)))

        // Fresh: nothing but the hourly monitor job.
        #expect(await scheduler.tick(now: Self.t0.addingTimeInterval(3599)).isEmpty)
        #expect(Self.types(await scheduler.tick(now: Self.t0.addingTimeInterval(3600))) == ["monitor"])

        // Dataset drift reported on the champion after v1 was created: a "drift" retrain.
        _ = try await store.saveDriftReport(Self.report(shopID: shop.id, drift: true, at: Self.t0.addingTimeInterval(3700)))
        jobs = await scheduler.tick(now: Self.t0.addingTimeInterval(3800))
        let driftJob = try #require(jobs.first { $0.draft.type == "train" })
        #expect(try Self.trigger(driftJob) == "drift")

        // That job dies: the scheduler does not queue another within the cadence.
        let (_, lease2) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: Self.t0.addingTimeInterval(3900), leaseSeconds: 300))
        #expect(try await store.failJob(lease2, error: "no data", retryAt: nil, now: Self.t0.addingTimeInterval(3900))?.state == .dead)
        #expect(await scheduler.tick(now: Self.t0.addingTimeInterval(4000)).filter { $0.draft.type == "train" }.isEmpty)

        // Eight days on, with a calm newer report: the dead job is older than the cadence and v1
        // is past it, so a "schedule" retrain is queued.
        let later = Self.t0.addingTimeInterval(8 * 86_400)
        _ = try await store.saveDriftReport(Self.report(shopID: shop.id, drift: false, at: later.addingTimeInterval(-60)))
        jobs = await scheduler.tick(now: later)
        #expect(try Self.trigger(jobs.first { $0.draft.type == "train" }) == "schedule")
    }

    static func report(shopID: Int64, drift: Bool, at: Date) -> DriftReportRecord {
        DriftReportRecord(shopID: shopID, kind: "stub", version: 1, createdAt: at, referenceFrom: "2026-08-24", referenceTo: "2026-09-20",
                          currentFrom: "2026-09-21", currentTo: "2026-09-27", referenceRows: 300, currentRows: 80, columnCount: 7,
                          driftedColumns: drift ? 5 : 1, datasetDrift: drift, columnsJSON: "[]")
    }

    @Test("catalog change on a simulated shop: 6 % of its variants repriced since v1 queues a catalog-change retrain, 4 % does not")
    func catalogChange() async throws {
        let shop = try await SimulatedShop.ingest(.small)
        defer { try? FileManager.default.removeItem(at: shop.directory) }
        let store = shop.store
        let catalog = try await store.catalogSnapshot(shopID: shop.shopID)
        try #require(catalog.count >= 40)
        // v1 saw the catalog with `changed` variants at other prices: that many are "repriced" now.
        func register(changed: Int, version: Int, at: Date) async throws {
            var seen = catalog
            for i in 0..<changed { seen[i].priceMinor += 1 }
            _ = try await store.registerModelVersion(StubKind.draft(shopID: shop.shopID, jobID: Int64(100 + version), catalog: seen), at: at)
        }
        let lifecycle = ModelLifecycle(store: store, kinds: ModelKinds([StubKind()]), options: LifecycleOptions())
        let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle)
        // 4 % (rounded down) of the variants: below the 5 % threshold.
        let below = catalog.count * 4 / 100
        try await register(changed: below, version: 1, at: Self.t0)
        #expect(await scheduler.tick(now: Self.t0.addingTimeInterval(60)).filter { $0.draft.type == "train" }.isEmpty)
        // 6 % (rounded up): above it.
        let above = (catalog.count * 6 + 99) / 100
        try await register(changed: above, version: 2, at: Self.t0.addingTimeInterval(120))
        let jobs = await scheduler.tick(now: Self.t0.addingTimeInterval(180))
        #expect(try Self.trigger(jobs.first { $0.draft.type == "train" }) == "catalog-change")
    }

    @Test("a job whose worker died on its last attempt goes dead in the queue; the scheduler raises its dead-job alert once")
    func expiredDeadJob() async throws {
        let store = try SQLiteStore.inMemory()
        let shop = try await store.createShop(Shop(domain: "dead.myshopify.com", name: "Dead", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Self.t0)
        let job = try await store.enqueueJob(JobDraft(shopID: shop.id, type: "train", payload: #"{"kind":"stub","trigger":"initial"}"#,
                                                      dedupeKey: "train:\(shop.id):stub", maxAttempts: 1, runAfter: Self.t0, requestedBy: "test"), at: Self.t0)
        _ = try #require(try await store.leaseJob(types: ["train"], owner: "killed", now: Self.t0, leaseSeconds: 300))
        // Past the lease, the queue dead-letters it instead of leasing it again.
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: Self.t0.addingTimeInterval(301), leaseSeconds: 300) == nil)
        #expect(try await store.job(id: job.id)?.state == .dead)
        let lifecycle = ModelLifecycle(store: store, kinds: ModelKinds([StubKind()]), options: LifecycleOptions())
        let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle)
        await scheduler.tick(now: Self.t0.addingTimeInterval(400))
        let alerts = try await store.modelAlerts(shopID: shop.id, openOnly: true, limit: 10)
        #expect(alerts.map(\.type) == ["dead-job"])
        #expect(alerts.first?.kind == "stub")
        #expect(alerts.first?.message == "train job \(job.id) is dead after 1 attempt: lease expired after 1 attempts")
        // Resolved by a person, it is not raised again by later passes.
        #expect(try await store.resolveAlert(shopID: shop.id, id: try #require(alerts.first?.id), by: "me", at: Self.t0.addingTimeInterval(500)))
        await scheduler.tick(now: Self.t0.addingTimeInterval(600))
        #expect(try await store.modelAlerts(shopID: shop.id, openOnly: true, limit: 10).isEmpty)
    }
}
