import Commerce
import Foundation
import Logging
import ServiceLifecycle
import Storage
import Pipeline
import Testing

@Suite("JobWorker")
struct JobWorkerTests {
    @Test("min(cap, base · 2^(n−1)): 30, 60, 120, 240, …, capped at 3600")
    func doubling() {
        let backoff = RetryBackoff(baseSeconds: 30, capSeconds: 3600)
        // By hand: 30·2^0 = 30, 30·2^1 = 60, 30·2^2 = 120, 30·2^3 = 240, 30·2^6 = 1920, 30·2^7 = 3840 → 3600.
        #expect(backoff.delay(attempt: 1) == 30)
        #expect(backoff.delay(attempt: 2) == 60)
        #expect(backoff.delay(attempt: 3) == 120)
        #expect(backoff.delay(attempt: 4) == 240)
        #expect(backoff.delay(attempt: 7) == 1920)
        #expect(backoff.delay(attempt: 8) == 3600)
        #expect(backoff.delay(attempt: 10_000) == 3600)
        #expect(backoff.delay(attempt: 0) == 30)
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(backoff.retryAt(attempt: 2, now: now) == Date(timeIntervalSince1970: 1_000_060))
    }
}

/// Counts a handler's finished runs; fails the first `failures` runs (permanently when asked).
actor RunLog {
    var completed = 0
    var started = 0
    func start() -> Int { started += 1; return started }
    func complete() { completed += 1 }
}

struct CountingHandler: JobHandler {
    var type = "train"
    let log: RunLog
    var failures = 0
    var permanent = false
    /// Runs this before returning (e.g. to have another worker steal the lease).
    var during: (@Sendable () async -> Void)? = nil
    /// Sleeps this long (cancellable) before returning.
    var sleepSeconds: Double = 0
    var onStart: (@Sendable () -> Void)? = nil

    func run(_ job: JobRecord, heartbeat: @escaping @Sendable () async -> Void) async throws -> String {
        let n = await log.start()
        onStart?()
        if sleepSeconds > 0 { try await Task.sleep(for: .milliseconds(Int64(sleepSeconds * 1000))) }
        if let during { await during(); await heartbeat() }
        if n <= failures { throw JobFailure("run \(n) failed on purpose", permanent: permanent) }
        await log.complete()
        return #"{"run":\#(n)}"#
    }
}

extension JobWorkerTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func options(maxAttempts: Int = 5) -> LifecycleOptions {
        var options = LifecycleOptions()
        options.leaseSeconds = 300; options.maxAttempts = maxAttempts
        options.backoffBaseSeconds = 30; options.backoffCapSeconds = 3600
        return options
    }

    static func enqueue(_ queue: any JobQueue, maxAttempts: Int = 5, at: Date = t0) async throws -> JobRecord {
        try await queue.enqueueJob(JobDraft(shopID: 1, type: "train", payload: #"{"kind":"forecast","trigger":"schedule"}"#,
                                            dedupeKey: "train:1:forecast", maxAttempts: maxAttempts, runAfter: at, requestedBy: "test"), at: at)
    }

    @Test("a job whose worker is killed is picked up again and runs exactly once to completion")
    func killedWorker() async throws {
        try await Self.killedWorker(MemoryJobStore())
    }

    @Test("the same on the SQLite queue: killed worker, re-leased, completed exactly once, late complete refused")
    func killedWorkerSQLite() async throws {
        let store = try SQLiteStore.inMemory()
        let shop = try await store.createShop(Shop(domain: "jobs.myshopify.com", name: "Jobs", currency: "USD", timeZone: "UTC"),
                                              webhookSecret: "s", apiTokenHash: "h", at: Self.t0)
        #expect(shop.id == 1)
        try await Self.killedWorker(store)
    }

    static func killedWorker(_ store: any JobQueue & ModelMonitoringStore) async throws {
        let job = try await Self.enqueue(store)
        // Worker A leases the job at t0 and dies without a word (no heartbeat, no release).
        let (_, leaseA) = try #require(try await store.leaseJob(types: ["train"], owner: "worker-a", now: Self.t0, leaseSeconds: 300))
        let log = RunLog()
        let workerB = JobWorker(store: store, handlers: [CountingHandler(log: log)], options: Self.options(), owner: "worker-b")
        // Within A's lease the job is not due for B.
        #expect(await workerB.runOnce(now: Self.t0.addingTimeInterval(299)) == false)
        // Past the lease, B leases it again and runs it to completion.
        #expect(await workerB.runOnce(now: Self.t0.addingTimeInterval(301)) == true)
        let done = try #require(try await store.job(id: job.id))
        #expect(done.state == .succeeded)
        #expect(done.attempts == 2)
        #expect(done.leaseOwner == "worker-b")
        #expect(done.result == #"{"run":1}"#)
        #expect(await log.completed == 1)
        // A comes back late: its complete and fail are refused, nothing changes.
        #expect(try await store.completeJob(leaseA, result: #"{"late":true}"#, now: Self.t0.addingTimeInterval(400)) == false)
        #expect(try await store.failJob(leaseA, error: "late", retryAt: nil, now: Self.t0.addingTimeInterval(400)) == nil)
        #expect(try await store.job(id: job.id)?.result == #"{"run":1}"#)
        // Nothing left to run: the handler ran once.
        #expect(await workerB.runOnce(now: Self.t0.addingTimeInterval(10_000)) == false)
        #expect(await log.started == 1)
        #expect(await log.completed == 1)
    }

    @Test("transient failures retry after 30 s, then 60 s (backoff), then succeed")
    func retryWithBackoff() async throws {
        let store = MemoryJobStore()
        let job = try await Self.enqueue(store)
        let log = RunLog()
        let worker = JobWorker(store: store, handlers: [CountingHandler(log: log, failures: 2)], options: Self.options())
        // The worker's clock is `now` plus the wall time the run took, so each retry time is
        // checked between `now + delay` and `now + delay + that wall time` (a loaded machine
        // can take seconds).
        func run(at now: Date) async -> (ran: Bool, wall: Double) {
            let wall = Date()
            let ran = await worker.runOnce(now: now)
            return (ran, Date().timeIntervalSince(wall))
        }
        let first = await run(at: Self.t0)
        #expect(first.ran)
        var record = try #require(try await store.job(id: job.id))
        #expect(record.state == .queued)
        #expect(record.lastError == "run 1 failed on purpose")
        // Attempt 1 failed: retry 30·2^0 = 30 s later.
        var delay = record.runAfter.timeIntervalSince(Self.t0)
        #expect(delay >= 30 && delay <= 30 + first.wall + 0.01)
        #expect(await worker.runOnce(now: record.runAfter.addingTimeInterval(-1)) == false)
        let secondAt = record.runAfter.addingTimeInterval(1)
        let second = await run(at: secondAt)
        #expect(second.ran)
        record = try #require(try await store.job(id: job.id))
        // Attempt 2 failed: retry 30·2^1 = 60 s later.
        delay = record.runAfter.timeIntervalSince(secondAt)
        #expect(delay >= 60 && delay <= 60 + second.wall + 0.01)
        #expect(await worker.runOnce(now: record.runAfter.addingTimeInterval(1)))
        record = try #require(try await store.job(id: job.id))
        #expect(record.state == .succeeded)
        #expect(record.attempts == 3)
        #expect(await log.completed == 1)
        #expect(try await store.modelAlerts(shopID: nil, openOnly: true, limit: 10).isEmpty)
    }

    @Test("a permanent failure dead-letters at once and raises a dead-job alert")
    func permanentFailure() async throws {
        let store = MemoryJobStore()
        let job = try await Self.enqueue(store)
        let worker = JobWorker(store: store, handlers: [CountingHandler(log: RunLog(), failures: 1, permanent: true)], options: Self.options())
        #expect(await worker.runOnce(now: Self.t0))
        let record = try #require(try await store.job(id: job.id))
        #expect(record.state == .dead)
        #expect(record.attempts == 1)
        let alerts = try await store.modelAlerts(shopID: 1, openOnly: true, limit: 10)
        #expect(alerts.count == 1)
        #expect(alerts.first?.type == "dead-job")
        #expect(alerts.first?.kind == "forecast")
        #expect(alerts.first?.severity == "critical")
        #expect(alerts.first?.message == "train job \(job.id) is dead after 1 attempt: run 1 failed on purpose")
        #expect(alerts.first?.details["job_id"] == Double(job.id))
    }

    @Test("transient failures on every attempt go dead after maxAttempts")
    func outOfAttempts() async throws {
        let store = MemoryJobStore()
        let job = try await Self.enqueue(store, maxAttempts: 2)
        let worker = JobWorker(store: store, handlers: [CountingHandler(log: RunLog(), failures: 10)], options: Self.options(maxAttempts: 2))
        #expect(await worker.runOnce(now: Self.t0))
        let queued = try #require(try await store.job(id: job.id))
        #expect(queued.state == .queued)
        // The retry time is `t0 + 30 s` plus the wall time the first run took (seconds on a loaded
        // machine), so the second run goes one second after the stored retry time.
        #expect(await worker.runOnce(now: queued.runAfter.addingTimeInterval(1)))
        #expect(try await store.job(id: job.id)?.state == .dead)
        #expect(try await store.modelAlerts(shopID: 1, openOnly: true, limit: 10).map(\.type) == ["dead-job"])
    }

    @Test("a lease lost mid-run: the result is dropped and the new owner keeps the job")
    func leaseLostMidRun() async throws {
        let store = MemoryJobStore()
        let job = try await Self.enqueue(store)
        let log = RunLog()
        // While the handler runs, the lease expires and worker C takes the job.
        let steal: @Sendable () async -> Void = {
            _ = try? await store.leaseJob(types: ["train"], owner: "worker-c", now: Self.t0.addingTimeInterval(1000), leaseSeconds: 300)
        }
        let worker = JobWorker(store: store, handlers: [CountingHandler(log: log, during: steal)], options: Self.options(), owner: "worker-a")
        #expect(await worker.runOnce(now: Self.t0))
        let record = try #require(try await store.job(id: job.id))
        #expect(record.state == .running)
        #expect(record.leaseOwner == "worker-c")
        #expect(record.result == nil)
    }

    @Test("graceful shutdown gives a running job back: queued again, the attempt not counted")
    func releaseOnShutdown() async throws {
        let store = MemoryJobStore()
        let job = try await Self.enqueue(store, at: Date().addingTimeInterval(-1))
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let handler = CountingHandler(log: RunLog(), sleepSeconds: 3600, onStart: { startedContinuation.yield() })
        let worker = JobWorker(store: store, handlers: [handler], options: Self.options(), idleSeconds: 0.05)
        let group = ServiceGroup(configuration: .init(services: [worker], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            #expect(try await store.job(id: job.id)?.state == .running)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        let record = try #require(try await store.job(id: job.id))
        #expect(record.state == .queued)
        #expect(record.attempts == 0)
        #expect(record.leaseToken == nil)
    }

    @Test("the heartbeat keeps a 3 s lease alive through a 4.5 s run: another worker cannot take the job meanwhile")
    func heartbeatKeepsLease() async throws {
        let store = MemoryJobStore()
        let start = Date()
        let job = try await Self.enqueue(store, at: start)
        var options = Self.options()
        options.leaseSeconds = 3
        // At 4 s (past the first lease's 3 s; heartbeats every 1 s renewed it, with 2 s to spare
        // on a loaded machine) a rival tries to lease at wall-clock time.
        let rival: @Sendable () async -> Void = {
            try? await Task.sleep(for: .milliseconds(4000))
            let stolen = try? await store.leaseJob(types: ["train"], owner: "rival", now: Date(), leaseSeconds: 3)
            #expect(stolen == nil)
            try? await Task.sleep(for: .milliseconds(500))
        }
        let log = RunLog()
        let worker = JobWorker(store: store, handlers: [CountingHandler(log: log, during: rival)], options: options, owner: "worker-a")
        #expect(await worker.runOnce(now: start))
        let record = try #require(try await store.job(id: job.id))
        #expect(record.state == .succeeded)
        #expect(record.leaseOwner == "worker-a")
        #expect(record.attempts == 1)
        #expect(await log.completed == 1)
    }
}
