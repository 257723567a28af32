import Commerce
import Foundation
@testable import Storage
import Testing
import TestSupport

/// `JobQueue` on both backends (the conformance suite): leases, expiry, exactly-once completion, retries, the dead letter and
/// concurrent leasing.
@Suite struct JobQueueTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    func makeStore(_ backend: Backend) async throws -> (store: any StorewiseStore, shopID: Int64, database: ConformanceDatabase) {
        let database = try await ConformanceDatabase(backend)
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func train(_ shopID: Int64?, key: String? = nil, maxAttempts: Int = 5, runAfter: Date) -> JobDraft {
        JobDraft(shopID: shopID, type: "train", payload: #"{"kind":"forecast"}"#, dedupeKey: key, maxAttempts: maxAttempts,
                 runAfter: runAfter, requestedBy: "test")
    }

    @Test(arguments: Backend.all) func aWorkerKilledMidJob(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let job = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        #expect(job.state == .queued && job.attempts == 0)

        // Worker A leases for 60 s and dies.
        let (leasedA, leaseA) = try #require(try await store.leaseJob(types: ["train"], owner: "A", now: t0, leaseSeconds: 60))
        #expect(leasedA.id == job.id && leasedA.attempts == 1 && leasedA.state == .running && leasedA.leaseOwner == "A")
        #expect(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(30), leaseSeconds: 60) == nil)

        // At now + lease + 1 worker B gets it, with a new token and a second attempt.
        let later = t0.addingTimeInterval(61)
        let (leasedB, leaseB) = try #require(try await store.leaseJob(types: ["train"], owner: "B", now: later, leaseSeconds: 60))
        #expect(leasedB.id == job.id && leasedB.attempts == 2 && leaseB.token != leaseA.token && leasedB.leaseOwner == "B")

        // A comes back: refused everywhere, nothing changes.
        #expect(try await store.completeJob(leaseA, result: #"{"from":"A"}"#, now: later) == false)
        #expect(try await store.heartbeatJob(leaseA, now: later, leaseSeconds: 60) == false)
        #expect(try await store.failJob(leaseA, error: "A", retryAt: later, now: later) == nil)
        #expect(try await store.releaseJob(leaseA, now: later) == false)
        #expect(try await store.job(id: job.id)?.attempts == 2)

        #expect(try await store.completeJob(leaseB, result: #"{"from":"B"}"#, now: later.addingTimeInterval(5)))
        #expect(try await store.completeJob(leaseB, result: #"{"again":true}"#, now: later.addingTimeInterval(6)) == false)
        let done = try #require(try await store.job(id: job.id))
        #expect(done.state == .succeeded && done.result == #"{"from":"B"}"# && done.finishedAt == later.addingTimeInterval(5))
        #expect(try await store.leaseJob(types: ["train"], owner: "C", now: later.addingTimeInterval(1000), leaseSeconds: 60) == nil)
    }

    @Test(arguments: Backend.all) func heartbeatsKeepTheLease(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "A", now: t0, leaseSeconds: 60))
        #expect(try await store.heartbeatJob(lease, now: t0.addingTimeInterval(50), leaseSeconds: 60))
        // 50 + 60 = 110 s: not expired at 100 s.
        #expect(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(100), leaseSeconds: 60) == nil)
        #expect(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(110), leaseSeconds: 60) != nil)
    }

    @Test(arguments: Backend.all) func leasingPicksTheOldestDueJobOfTheTypes(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let future = try await store.enqueueJob(train(shopID, runAfter: t0.addingTimeInterval(3600)), at: t0)
        let monitor = try await store.enqueueJob(JobDraft(shopID: shopID, type: "monitor", runAfter: t0, requestedBy: "t"), at: t0)
        let second = try await store.enqueueJob(train(shopID, runAfter: t0.addingTimeInterval(10)), at: t0)
        let first = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let now = t0.addingTimeInterval(20)
        // Leases of a day, so none of them expires before the future job is due.
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 86400)?.0.id == first.id)
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 86400)?.0.id == second.id)
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 86400) == nil)
        #expect(try await store.leaseJob(types: ["train", "monitor"], owner: "w", now: now, leaseSeconds: 86400)?.0.id == monitor.id)
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: t0.addingTimeInterval(3600), leaseSeconds: 60)?.0.id == future.id)
        #expect(try await store.leaseJob(types: [], owner: "w", now: now, leaseSeconds: 60) == nil)
    }

    @Test(arguments: Backend.all) func failuresRetryUntilDeadThenARetryRequeues(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let job = try await store.enqueueJob(train(shopID, maxAttempts: 3, runAfter: t0), at: t0)
        var now = t0
        for attempt in 1...3 {
            let (leased, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 60))
            #expect(leased.attempts == attempt)
            let retryAt = now.addingTimeInterval(120)
            let failed = try #require(try await store.failJob(lease, error: "boom \(attempt)", retryAt: retryAt, now: now))
            #expect(failed.lastError == "boom \(attempt)")
            if attempt < 3 {
                #expect(failed.state == .queued && failed.runAfter == retryAt && failed.leaseToken == nil)
                // Not due before retryAt.
                #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now.addingTimeInterval(60), leaseSeconds: 60) == nil)
            } else {
                #expect(failed.state == .dead && failed.finishedAt == now)
            }
            now = retryAt
        }
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 60) == nil)
        #expect(try await store.jobCounts()[.dead] == 1)
        #expect(try await store.jobs(shopID: shopID, states: [.dead], limit: 10).map(\.id) == [job.id])

        #expect(try await store.retryDeadJob(id: job.id, now: now))
        #expect(try await store.retryDeadJob(id: job.id, now: now) == false)
        let requeued = try #require(try await store.job(id: job.id))
        #expect(requeued.state == .queued && requeued.attempts == 0 && requeued.finishedAt == nil)
        #expect(try await store.leaseJob(types: ["train"], owner: "w", now: now, leaseSeconds: 60)?.0.attempts == 1)
    }

    @Test(arguments: Backend.all) func failWithoutRetryAtIsDeadAtOnce(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: t0, leaseSeconds: 60))
        #expect(try await store.failJob(lease, error: "bad payload", retryAt: nil, now: t0)?.state == .dead)
    }

    @Test(arguments: Backend.all) func anExpiredLastAttemptGoesDead(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let job = try await store.enqueueJob(train(shopID, maxAttempts: 2, runAfter: t0), at: t0)
        _ = try #require(try await store.leaseJob(types: ["train"], owner: "A", now: t0, leaseSeconds: 60))
        _ = try #require(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(61), leaseSeconds: 60))
        // B dies too, on the last attempt: the next lease finds the job dead, not leasable.
        #expect(try await store.leaseJob(types: ["train"], owner: "C", now: t0.addingTimeInterval(200), leaseSeconds: 60) == nil)
        let dead = try #require(try await store.job(id: job.id))
        #expect(dead.state == .dead && dead.attempts == 2 && dead.lastError == "lease expired after 2 attempts")
    }

    @Test(arguments: Backend.all) func releaseGivesTheAttemptBack(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let job = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: t0, leaseSeconds: 60))
        #expect(try await store.releaseJob(lease, now: t0))
        let released = try #require(try await store.job(id: job.id))
        #expect(released.state == .queued && released.attempts == 0 && released.leaseOwner == nil)
        #expect(try await store.leaseJob(types: ["train"], owner: "w2", now: t0, leaseSeconds: 60)?.0.attempts == 1)
    }

    @Test(arguments: Backend.all) func aDedupeKeyReturnsTheLiveJob(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        let first = try await store.enqueueJob(train(shopID, key: "train:1:forecast", runAfter: t0), at: t0)
        #expect(try await store.enqueueJob(train(shopID, key: "train:1:forecast", runAfter: t0), at: t0).id == first.id)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: t0, leaseSeconds: 60))
        #expect(try await store.enqueueJob(train(shopID, key: "train:1:forecast", runAfter: t0), at: t0).id == first.id)
        #expect(try await store.completeJob(lease, result: "{}", now: t0))
        // Finished: a new one is queued.
        let next = try await store.enqueueJob(train(shopID, key: "train:1:forecast", runAfter: t0), at: t0)
        #expect(next.id != first.id)
        // Deployment-wide jobs have no shop; an unknown shop is refused.
        #expect(try await store.enqueueJob(train(nil, runAfter: t0), at: t0).draft.shopID == nil)
        await #expect(throws: StorageError.unknownShop(id: 999)) { try await store.enqueueJob(train(999, runAfter: t0), at: t0) }
        let counts = try await store.jobCounts()
        #expect(counts[.queued] == 2 && counts[.succeeded] == 1 && counts[.running] == 0 && counts[.dead] == 0)
        #expect(try await store.jobs(shopID: nil, states: nil, limit: 2).count == 2)
    }

    @Test(arguments: Backend.all) func concurrentWorkersNeverLeaseAJobTwice(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = database
        for _ in 0..<200 { _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0) }
        let t0 = self.t0
        let leased = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for worker in 0..<2 {
                group.addTask {
                    var mine: [Int64] = []
                    while let (job, lease) = try await store.leaseJob(types: ["train"], owner: "w\(worker)", now: t0, leaseSeconds: 600) {
                        mine.append(job.id)
                        #expect(try await store.completeJob(lease, result: "{}", now: t0))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Int64]()) { $0 += $1 }
        }
        #expect(leased.count == 200)
        #expect(Set(leased).count == 200)
        #expect(try await store.jobCounts()[.succeeded] == 200)
    }

    @Test(arguments: Backend.all) func shopDeletionTakesItsJobs(_ backend: Backend) async throws {
        let (store, shopID, database) = try await makeStore(backend)
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        _ = try await store.enqueueJob(train(nil, runAfter: t0), at: t0)
        try await store.deleteShopData(shopID: shopID)
        #expect(try await database.count("SELECT count(*) FROM jobs") == 1)
    }

    // MARK: Several processes on one PostgreSQL database

    /// Eight workers, each with its own client (as eight processes would have), drain 200 jobs with
    /// half-second leases on the real clock; now and then a worker stalls past its lease so another
    /// takes the job over. Every job succeeds exactly once, and no two leases of one job overlap.
    @Test func eightPostgresClientsLeaseEachJobOnceAtATime() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let clients = try await PostgresClients(count: 8)
        let queue = clients.stores[0]
        let start = Date()
        for _ in 0..<200 {
            _ = try await queue.enqueueJob(JobDraft(shopID: nil, type: "train", maxAttempts: 100, runAfter: start, requestedBy: "test"),
                                           at: start)
        }
        /// One lease as its worker saw it, and whether its completion was accepted.
        struct Leased: Sendable { var job: Int64; var owner: String; var token: String; var at: Int64; var expires: Int64; var completed: Bool }
        let leases = try await withThrowingTaskGroup(of: [Leased].self) { group in
            for (worker, store) in clients.stores.enumerated() {
                group.addTask {
                    var mine: [Leased] = []
                    let owner = "worker-\(worker)"
                    while true {
                        let now = Date()
                        guard let (job, lease) = try await store.leaseJob(types: ["train"], owner: owner, now: now, leaseSeconds: 0.5) else {
                            // Nothing due: done when every job succeeded, else a stalled lease may run out soon.
                            if try await store.jobCounts()[.succeeded] == 200 { break }
                            try await Task.sleep(for: .milliseconds(50))
                            continue
                        }
                        #expect(job.leaseOwner == owner && job.leaseToken == lease.token && job.state == .running)
                        // Every 15th lease of a worker stalls past its lease: another worker takes it over
                        // and this late completion must be refused.
                        if mine.count % 15 == 14 { try await Task.sleep(for: .milliseconds(700)) }
                        let completed = try await store.completeJob(lease, result: #"{"by":"\#(owner)"}"#, now: Date())
                        mine.append(Leased(job: job.id, owner: owner, token: lease.token, at: now.storageMilliseconds,
                                           expires: job.leaseExpiresAt?.storageMilliseconds ?? 0, completed: completed))
                    }
                    return mine
                }
            }
            return try await group.reduce(into: [Leased]()) { $0 += $1 }
        }
        let byJob = Dictionary(grouping: leases, by: \.job)
        // The stalled leases were taken over (one stall per worker that got 15 leases).
        #expect(leases.count > 200 && leases.contains { !$0.completed })
        #expect(byJob.count == 200)
        #expect(Set(leases.map(\.token)).count == leases.count)
        for (id, jobLeases) in byJob {
            #expect(jobLeases.filter(\.completed).count == 1, "job \(id) completed \(jobLeases.filter(\.completed).count) times")
            let ordered = jobLeases.sorted { $0.at < $1.at }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) {
                #expect(later.at >= earlier.expires, "job \(id): \(later.owner) leased it while \(earlier.owner)'s lease held")
            }
            // The accepted completion is the last lease's, and the stored job says who ran it.
            let winner = try #require(jobLeases.first { $0.completed })
            #expect(winner.token == ordered.last?.token)
            let stored = try #require(try await queue.job(id: id))
            #expect(stored.state == .succeeded && stored.leaseOwner == winner.owner && stored.result == #"{"by":"\#(winner.owner)"}"#)
        }
        #expect(try await queue.jobCounts()[.succeeded] == 200)
    }

    /// Two clients enqueueing the same dedupe key at the same moment get one job between them.
    @Test func twoPostgresClientsEnqueueingOneDedupeKeyGetOneJob() async throws {
        guard TestPostgres.isAvailable else { return TestPostgres.noteSkipped() }
        let clients = try await PostgresClients(count: 2)
        let t0 = self.t0
        for round in 0..<20 {
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for store in clients.stores {
                    group.addTask {
                        try await store.enqueueJob(JobDraft(shopID: nil, type: "train", dedupeKey: "train:\(round)", runAfter: t0,
                                                            requestedBy: "test"), at: t0).id
                    }
                }
                return try await group.reduce(into: Set<Int64>()) { $0.insert($1) }
            }
            #expect(ids.count == 1, "round \(round): \(ids.sorted())")
        }
        #expect(try await clients.stores[0].jobCounts()[.queued] == 20)
    }
}

/// Separate `PostgresStore` clients (each its own pool, as separate processes) on one fresh,
/// migrated test database; the clients run as long as this value lives.
final class PostgresClients: Sendable {
    let stores: [PostgresStore]
    private let lifetimes: [PostgresLifetime]

    init(count: Int) async throws {
        let url = try await TestPostgres.freshDatabaseURL()
        stores = try (0..<count).map { _ in try PostgresStore(url: url, maximumConnections: 2) }
        lifetimes = stores.map(PostgresLifetime.init)
    }
}
