import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Storage
import Synchronization

/// Runs queued jobs: leases a due job of its handlers' types, keeps the lease alive with a
/// heartbeat every `leaseSeconds / 3` while the handler runs, and completes, retries (with
/// ``RetryBackoff``) or dead-letters it.
///
/// Exactly-once completion rests on the queue's lease tokens: a worker that stalls or dies loses
/// its lease when it expires, another worker leases the job again, and the first worker's late
/// `completeJob` is refused, so its result is dropped (handlers are idempotent by job id). On
/// graceful shutdown a running job is cancelled and given back with `releaseJob`, so the next
/// start runs it without counting an attempt. A job that goes dead raises a "dead-job" alert.
///
/// ```swift
/// let worker = JobWorker(queue: store, alerts: store, handlers: [runner, monitor], options: options)
/// let group = ServiceGroup(services: [worker, scheduler], logger: logger)
/// ```
public struct JobWorker: Service {
    let queue: any JobQueue
    let alerts: (any ModelMonitoringStore)?
    let handlers: [String: any JobHandler]
    let options: LifecycleOptions
    public let owner: String
    let idleSeconds: Double
    let notifier: AlertNotifier?
    let logger: Logger

    /// - Parameters:
    ///   - alerts: where "dead-job" alerts go (nil: dead jobs are only logged).
    ///   - owner: the lease owner written on leased jobs, "<hostname>:<pid>:<short uuid>" by default.
    ///   - idleSeconds: the pause after finding no due job.
    ///   - notifier: sends raised alerts to the merchant's webhook when configured.
    public init(queue: any JobQueue, alerts: (any ModelMonitoringStore)? = nil, handlers: [any JobHandler], options: LifecycleOptions,
                owner: String = JobWorker.defaultOwner(), idleSeconds: Double = 1, notifier: AlertNotifier? = nil,
                logger: Logger = Logger(label: "storewise.jobs")) {
        self.queue = queue; self.alerts = alerts
        self.handlers = Dictionary(handlers.map { ($0.type, $0) }, uniquingKeysWith: { first, _ in first })
        self.options = options; self.owner = owner; self.idleSeconds = idleSeconds; self.notifier = notifier; self.logger = logger
    }

    /// A worker whose store is both the queue and the alert store (`SQLiteStore`).
    public init(store: any JobQueue & ModelMonitoringStore, handlers: [any JobHandler], options: LifecycleOptions,
                owner: String = JobWorker.defaultOwner(), idleSeconds: Double = 1, notifier: AlertNotifier? = nil,
                logger: Logger = Logger(label: "storewise.jobs")) {
        self.init(queue: store, alerts: store, handlers: handlers, options: options, owner: owner, idleSeconds: idleSeconds,
                  notifier: notifier, logger: logger)
    }

    /// "<hostname>:<pid>:<8 hex>": unique per process start, readable in the jobs table.
    public static func defaultOwner() -> String {
        let info = ProcessInfo.processInfo
        return "\(info.hostName):\(info.processIdentifier):\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The job types this worker leases.
    public var types: [String] { handlers.keys.sorted() }

    public func run() async throws {
        logger.info("job worker started", metadata: ["owner": "\(owner)", "types": "\(types.joined(separator: ","))"])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            if await runOnce(now: Date()) { continue }
            do {
                try await cancelWhenGracefulShutdown { [idleSeconds] in try await Task.sleep(for: .milliseconds(Int64(idleSeconds * 1000))) }
            } catch {
                break
            }
        }
        logger.info("job worker stopped", metadata: ["owner": "\(owner)"])
    }

    /// Leases one due job and runs it to its outcome; false when no job was due (or the queue
    /// could not be read). Times are `now` plus the wall time elapsed since the call, so a test
    /// can put the worker past another worker's lease.
    @discardableResult
    public func runOnce(now: Date) async -> Bool {
        guard !handlers.isEmpty else { return false }
        let offset = now.timeIntervalSince(Date())
        let clock: @Sendable () -> Date = { Date().addingTimeInterval(offset) }
        let leased: (JobRecord, JobLease)?
        do {
            leased = try await queue.leaseJob(types: types, owner: owner, now: now, leaseSeconds: options.leaseSeconds)
        } catch {
            logger.error("job lease failed", metadata: ["error": "\(String(reflecting: error))"])
            return false
        }
        guard let (job, lease) = leased, let handler = handlers[job.draft.type] else { return false }
        await execute(job, lease: lease, handler: handler, clock: clock)
        return true
    }

    /// Runs a leased job with its heartbeat and records the outcome.
    func execute(_ job: JobRecord, lease: JobLease, handler: any JobHandler, clock: @escaping @Sendable () -> Date) async {
        let meta: Logger.Metadata = ["job": "\(job.id)", "type": "\(job.draft.type)", "attempt": "\(job.attempts)",
                                     "shop": "\(job.draft.shopID.map(String.init) ?? "-")"]
        logger.info("job started", metadata: meta)
        let lost = Mutex(false)
        let heartbeat: @Sendable () async -> Void = { [queue, options, logger] in
            guard !lost.withLock({ $0 }) else { return }
            do {
                if try await !queue.heartbeatJob(lease, now: clock(), leaseSeconds: options.leaseSeconds) {
                    lost.withLock { $0 = true }
                    logger.warning("job lease lost; another worker owns it now", metadata: meta)
                }
            } catch {
                logger.warning("job heartbeat failed", metadata: meta.merging(["error": "\(String(reflecting: error))"]) { $1 })
            }
        }
        let started = Date()
        let outcome: Result<String, any Error> = await withTaskGroup(of: Void.self) { group in
            let interval = max(0.01, options.leaseSeconds / 3)
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: .milliseconds(Int64(interval * 1000))) } catch { return }
                    await heartbeat()
                }
            }
            let result = await cancelWhenGracefulShutdown { () async -> Result<String, any Error> in
                do { return .success(try await handler.run(job, heartbeat: heartbeat)) } catch { return .failure(error) }
            }
            group.cancelAll()
            return result
        }
        let seconds = Date().timeIntervalSince(started)
        do {
            try await record(outcome, job: job, lease: lease, leaseLost: lost.withLock { $0 }, clock: clock, seconds: seconds, meta: meta)
        } catch {
            // The lease expires and another worker (or this one) runs the job again.
            logger.error("job outcome not recorded", metadata: meta.merging(["error": "\(String(reflecting: error))"]) { $1 })
        }
    }

    func record(_ outcome: Result<String, any Error>, job: JobRecord, lease: JobLease, leaseLost: Bool,
                clock: @Sendable () -> Date, seconds: Double, meta: Logger.Metadata) async throws {
        var meta = meta
        meta["seconds"] = "\((seconds * 1000).rounded() / 1000)"
        if leaseLost {
            count(job, "lease-lost")
            logger.warning("job result dropped: its lease was lost", metadata: meta)
            return
        }
        switch outcome {
        case .success(let result):
            if try await queue.completeJob(lease, result: result, now: clock()) {
                count(job, "succeeded")
                logger.info("job succeeded", metadata: meta)
            } else {
                count(job, "lease-lost")
                logger.warning("job result dropped: its lease was lost", metadata: meta)
            }
        case .failure(let error) where Task.isShuttingDownGracefully || Task.isCancelled || error is CancellationError:
            // Shutting down: give the job back untouched so the next start runs it at once.
            _ = try await queue.releaseJob(lease, now: clock())
            count(job, "released")
            logger.info("job released on shutdown", metadata: meta)
        case .failure(let error):
            let permanent = (error as? JobFailure)?.permanent ?? false
            let now = clock()
            let retryAt = permanent ? nil : RetryBackoff(baseSeconds: options.backoffBaseSeconds, capSeconds: options.backoffCapSeconds)
                .retryAt(attempt: job.attempts, now: now)
            meta["error"] = "\(error)"
            guard let updated = try await queue.failJob(lease, error: "\(error)", retryAt: retryAt, now: now) else {
                count(job, "lease-lost")
                logger.warning("job failure dropped: its lease was lost", metadata: meta)
                return
            }
            if updated.state == .dead {
                count(job, "dead")
                logger.error("job dead", metadata: meta)
                await raiseDeadJobAlert(updated, error: "\(error)", at: now)
            } else {
                count(job, "retried")
                meta["retry_at"] = "\(updated.runAfter)"
                logger.warning("job failed; retrying", metadata: meta)
            }
        }
    }

    /// "dead-job" alert: the kind comes from the payload's "kind" when it has one (training jobs),
    /// else the job type.
    func raiseDeadJobAlert(_ job: JobRecord, error: String, at: Date) async {
        guard let alerts else { return }
        let alert = Self.deadJobAlert(job, error: error, at: at)
        do {
            _ = try await AlertNotifier.raise(alert, store: alerts, notifier: notifier, logger: logger)
        } catch {
            logger.error("dead-job alert not stored", metadata: ["job": "\(job.id)", "error": "\(String(reflecting: error))"])
        }
    }

    /// The "dead-job" alert of a dead job: critical, naming the job, its attempts and its last error.
    public static func deadJobAlert(_ job: JobRecord, error: String, at: Date) -> ModelAlert {
        let kind = (try? JSONDecoder().decode([String: AnyStringValue].self, from: Data(job.draft.payload.utf8)))?["kind"]?.value
            ?? job.draft.type
        return ModelAlert(
            shopID: job.draft.shopID ?? 0, kind: kind, version: nil, type: "dead-job", severity: "critical",
            message: "\(job.draft.type) job \(job.id) is dead after \(job.attempts) attempt\(job.attempts == 1 ? "" : "s"): \(error)",
            details: ["job_id": Double(job.id), "attempts": Double(job.attempts)], createdAt: at)
    }

    func count(_ job: JobRecord, _ outcome: String) {
        Counter(label: "storewise_jobs_total", dimensions: [("type", job.draft.type), ("outcome", outcome)]).increment()
    }
}

/// A JSON payload value read as text when it is a string (other values are ignored).
struct AnyStringValue: Decodable {
    var value: String?
    init(from decoder: any Decoder) throws {
        value = try? decoder.singleValueContainer().decode(String.self)
    }
}
