import Commerce
import Foundation
@testable import Storage
import Testing

/// `JobQueue` on SQLite: leases, expiry, exactly-once completion, retries, the dead letter and
/// concurrent leasing.
@Suite struct JobQueueTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    func makeStore() async throws -> (store: SQLiteStore, shopID: Int64, database: TestDatabase) {
        let database = try TestDatabase()
        let shop = try await database.makeShop()
        return (database.store, shop.id, database)
    }

    func train(_ shopID: Int64?, key: String? = nil, maxAttempts: Int = 5, runAfter: Date) -> JobDraft {
        JobDraft(shopID: shopID, type: "train", payload: #"{"kind":"forecast"}"#, dedupeKey: key, maxAttempts: maxAttempts,
                 runAfter: runAfter, requestedBy: "test")
    }

    @Test func aWorkerKilledMidJob() async throws {
        let (store, shopID, database) = try await makeStore()
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

    @Test func heartbeatsKeepTheLease() async throws {
        let (store, shopID, database) = try await makeStore()
        _ = database
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "A", now: t0, leaseSeconds: 60))
        #expect(try await store.heartbeatJob(lease, now: t0.addingTimeInterval(50), leaseSeconds: 60))
        // 50 + 60 = 110 s: not expired at 100 s.
        #expect(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(100), leaseSeconds: 60) == nil)
        #expect(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(110), leaseSeconds: 60) != nil)
    }

    @Test func leasingPicksTheOldestDueJobOfTheTypes() async throws {
        let (store, shopID, database) = try await makeStore()
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

    @Test func failuresRetryUntilDeadThenARetryRequeues() async throws {
        let (store, shopID, database) = try await makeStore()
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

    @Test func failWithoutRetryAtIsDeadAtOnce() async throws {
        let (store, shopID, database) = try await makeStore()
        _ = database
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: t0, leaseSeconds: 60))
        #expect(try await store.failJob(lease, error: "bad payload", retryAt: nil, now: t0)?.state == .dead)
    }

    @Test func anExpiredLastAttemptGoesDead() async throws {
        let (store, shopID, database) = try await makeStore()
        _ = database
        let job = try await store.enqueueJob(train(shopID, maxAttempts: 2, runAfter: t0), at: t0)
        _ = try #require(try await store.leaseJob(types: ["train"], owner: "A", now: t0, leaseSeconds: 60))
        _ = try #require(try await store.leaseJob(types: ["train"], owner: "B", now: t0.addingTimeInterval(61), leaseSeconds: 60))
        // B dies too, on the last attempt: the next lease finds the job dead, not leasable.
        #expect(try await store.leaseJob(types: ["train"], owner: "C", now: t0.addingTimeInterval(200), leaseSeconds: 60) == nil)
        let dead = try #require(try await store.job(id: job.id))
        #expect(dead.state == .dead && dead.attempts == 2 && dead.lastError == "lease expired after 2 attempts")
    }

    @Test func releaseGivesTheAttemptBack() async throws {
        let (store, shopID, database) = try await makeStore()
        _ = database
        let job = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        let (_, lease) = try #require(try await store.leaseJob(types: ["train"], owner: "w", now: t0, leaseSeconds: 60))
        #expect(try await store.releaseJob(lease, now: t0))
        let released = try #require(try await store.job(id: job.id))
        #expect(released.state == .queued && released.attempts == 0 && released.leaseOwner == nil)
        #expect(try await store.leaseJob(types: ["train"], owner: "w2", now: t0, leaseSeconds: 60)?.0.attempts == 1)
    }

    @Test func aDedupeKeyReturnsTheLiveJob() async throws {
        let (store, shopID, database) = try await makeStore()
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

    @Test func concurrentWorkersNeverLeaseAJobTwice() async throws {
        let (store, shopID, database) = try await makeStore()
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

    @Test func shopDeletionTakesItsJobs() async throws {
        let (store, shopID, database) = try await makeStore()
        _ = try await store.enqueueJob(train(shopID, runAfter: t0), at: t0)
        _ = try await store.enqueueJob(train(nil, runAfter: t0), at: t0)
        try await store.deleteShopData(shopID: shopID)
        #expect(try await database.count("SELECT count(*) FROM jobs") == 1)
    }
}
