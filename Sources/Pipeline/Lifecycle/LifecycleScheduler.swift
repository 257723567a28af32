import Foundation
import Logging
import ServiceLifecycle
import Storage
import Synchronization

/// Decides, every `schedulerIntervalSeconds`, which shop × kind needs a new version and queues
/// its training job (``RetrainDecision``: initial, catalog change, drift, schedule), and queues a
/// "monitor" job per shop every `monitorIntervalSeconds`. It only enqueues: the ``JobWorker``
/// runs the jobs, so the scheduler's pass is cheap and several servers can run one each (the
/// queue's dedupe keys keep one pending job per shop × kind).
///
/// A kind whose latest training job went dead is not requested again by the scheduler for one
/// cadence (a person retries it from the jobs page), so a shop with too little data does not
/// queue a failing job every minute.
///
/// ```swift
/// let scheduler = LifecycleScheduler(store: store, lifecycle: lifecycle)
/// let group = ServiceGroup(services: [worker, scheduler], logger: logger)
/// ```
public struct LifecycleScheduler: Service {
    let store: any LifecycleStore
    let lifecycle: ModelLifecycle
    let logger: Logger
    let memory = SchedulerMemory()
    let notifier: AlertNotifier?

    public init(store: any LifecycleStore, lifecycle: ModelLifecycle, notifier: AlertNotifier? = nil,
                logger: Logger = Logger(label: "storewise.scheduler")) {
        self.store = store; self.lifecycle = lifecycle; self.notifier = notifier; self.logger = logger
    }

    var options: LifecycleOptions { lifecycle.options }

    public func run() async throws {
        let interval = Duration.milliseconds(Int64(options.schedulerIntervalSeconds * 1000))
        // The first pass soon after start, so a restarted server catches up at once.
        await PeriodicPasses.run(first: min(interval, .seconds(5)), every: interval) {
            await tick(now: Date())
        }
    }

    /// One pass: training requests for every installed shop × kind that needs one, and monitor
    /// jobs that are due. Returns the jobs queued (or found pending) in this pass.
    @discardableResult
    public func tick(now: Date) async -> [JobRecord] {
        var queued: [JobRecord] = []
        let shops: [ShopRecord]
        do {
            shops = try await store.shops().filter { $0.uninstalledAt == nil }
        } catch {
            logger.error("scheduler pass failed: shops not read", metadata: ["error": "\(String(reflecting: error))"])
            return []
        }
        await alertExpiredDeadJobs(now: now)
        for shop in shops {
            guard !Task.isShuttingDownGracefully else { break }
            var catalog: [CatalogEntry]?
            for kind in lifecycle.kinds.all {
                do {
                    if catalog == nil { catalog = try await store.catalogSnapshot(shopID: shop.id) }
                    if let job = try await considerTraining(shopID: shop.id, kind: kind.name, catalog: catalog ?? [], now: now) {
                        queued.append(job)
                    }
                } catch {
                    logger.warning("scheduler: kind not checked", metadata: [
                        "shop": "\(shop.id)", "kind": "\(kind.name)", "error": "\(String(reflecting: error))",
                    ])
                }
            }
            do {
                if let job = try await considerMonitor(shopID: shop.id, now: now) { queued.append(job) }
            } catch {
                logger.warning("scheduler: monitor job not queued", metadata: ["shop": "\(shop.id)", "error": "\(String(reflecting: error))"])
            }
        }
        return queued
    }

    /// Queues a training job when ``RetrainDecision`` says so; nil when the kind is fresh or its
    /// last training job is dead within the cadence.
    func considerTraining(shopID: Int64, kind: String, catalog: [CatalogEntry], now: Date) async throws -> JobRecord? {
        var latest = try await store.modelVersions(shopID: shopID, kind: kind, limit: 1).first
        if let listed = latest {
            // Listings leave the catalog out; the one version read brings it.
            latest = try await store.modelVersion(shopID: shopID, kind: kind, version: listed.version) ?? listed
        }
        let champion = try await store.modelAliases(shopID: shopID, kind: kind).first { $0.name == ModelAlias.champion }?.version
        let report = try await store.driftReports(shopID: shopID, kind: kind, limit: 10).first { !DriftColumnsCodec.isPredictionReport($0) }
        guard let decision = RetrainDecision.decide(
            latest: latest, champion: champion, catalog: catalog, drift: report.map(RetrainDecision.DriftSignal.init), now: now,
            cadenceDays: Double(options.cadenceDays), catalogChangeThreshold: options.catalogChangeThreshold) else { return nil }
        if let dead = try await recentDeadTraining(shopID: shopID, kind: kind, now: now) {
            logger.debug("scheduler: training not requested, the last job is dead",
                         metadata: ["shop": "\(shopID)", "kind": "\(kind)", "job": "\(dead.id)"])
            return nil
        }
        if try await shardedTrainingPending(shopID: shopID, kind: kind) {
            logger.debug("scheduler: training not requested, a sharded training is in progress", metadata: ["shop": "\(shopID)", "kind": "\(kind)"])
            return nil
        }
        let job = try await lifecycle.requestTraining(shopID: shopID, kind: kind, trigger: decision.trigger, requestedBy: "scheduler", at: now)
        logger.info("scheduler: retrain", metadata: [
            "shop": "\(shopID)", "kind": "\(kind)", "trigger": "\(decision.trigger)", "reason": "\(decision.reason)", "job": "\(job.id)",
        ])
        return job
    }

    /// Whether shards or the merge of a sharded training of the shop × kind are queued or
    /// running: its "train" job succeeded when it queued them, so the dedupe key no longer
    /// holds back a second training, and the version is not registered yet.
    func shardedTrainingPending(shopID: Int64, kind: String) async throws -> Bool {
        try await store.jobs(shopID: shopID, states: [.queued, .running], limit: 500).contains { job in
            [TrainingShardRunner.jobType, TrainingMergeRunner.jobType].contains(job.draft.type)
                && (try? JSONDecoder().decode(TrainingShardPayload.self, from: Data(job.draft.payload.utf8)))?.kind == kind
        }
    }

    /// The shop × kind's training job that went dead within the last cadence, if any.
    func recentDeadTraining(shopID: Int64, kind: String, now: Date) async throws -> JobRecord? {
        let since = now.addingTimeInterval(-Double(options.cadenceDays) * 86_400)
        return try await store.jobs(shopID: shopID, states: [.dead], limit: 50).first { job in
            job.draft.type == TrainingRunner.jobType && job.updatedAt >= since
                && (try? TrainingPayload.decode(job.draft.payload))?.kind == kind
        }
    }

    /// Raises "dead-job" alerts for jobs the queue dead-lettered itself: a job whose worker died
    /// on its last attempt goes dead inside `leaseJob` ("lease expired after …"), where no worker
    /// sees it. Jobs a worker failed were alerted by that worker. Each job is alerted once per
    /// scheduler (an open alert of the kind also suppresses repeats).
    func alertExpiredDeadJobs(now: Date) async {
        do {
            let dead = try await store.jobs(shopID: nil, states: [.dead], limit: 100)
            for job in dead where (job.lastError ?? "").hasPrefix("lease expired")
                && now.timeIntervalSince(job.updatedAt) < Double(options.cadenceDays) * 86_400 {
                guard memory.firstSight(deadJob: job.id) else { continue }
                let alert = JobWorker.deadJobAlert(job, error: job.lastError ?? "lease expired", at: now)
                try await AlertNotifier.raise(alert, store: store, notifier: notifier, logger: logger)
            }
        } catch {
            logger.warning("scheduler: dead jobs not checked", metadata: ["error": "\(String(reflecting: error))"])
        }
    }

    /// Queues the shop's monitor job when `monitorIntervalSeconds` passed since this scheduler
    /// last queued one (dedupe key "monitor:<shop>" keeps one pending).
    func considerMonitor(shopID: Int64, now: Date) async throws -> JobRecord? {
        let interval = options.monitorIntervalSeconds
        guard memory.due(shopID: shopID, now: now, interval: interval) else { return nil }
        let draft = JobDraft(shopID: shopID, type: ModelMonitor.jobType, payload: try ModelMonitor.Payload(shopID: shopID).json(),
                             dedupeKey: "monitor:\(shopID)", maxAttempts: options.maxAttempts, runAfter: now, requestedBy: "scheduler")
        let job = try await store.enqueueJob(draft, at: now)
        memory.mark(shopID: shopID, at: now)
        return job
    }

    /// When this scheduler last queued each shop's monitor job (in memory: after a restart the
    /// first pass queues one per shop, which is what a restart should do anyway), and the
    /// expired dead jobs it alerted.
    final class SchedulerMemory: Sendable {
        let times = Mutex<[Int64: Date]>([:])
        let alertedDeadJobs = Mutex<Set<Int64>>([])

        /// True the first time a dead job is seen.
        func firstSight(deadJob id: Int64) -> Bool {
            alertedDeadJobs.withLock { $0.insert(id).inserted }
        }

        func due(shopID: Int64, now: Date, interval: Double) -> Bool {
            times.withLock { times in
                guard let last = times[shopID] else { return true }
                return now.timeIntervalSince(last) >= interval
            }
        }

        func mark(shopID: Int64, at: Date) {
            times.withLock { $0[shopID] = at }
        }
    }
}
