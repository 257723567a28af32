import Foundation
@testable import Storage
import Testing
import TestSupport

/// `LeaderLeaseStore` on both backends (the conformance suite): acquire, renew, refusal until
/// expiry, takeover after it, release, and concurrent contenders.
@Suite struct LeaderLeaseTests {
    let t0 = utc("2024-04-01T06:00:00Z")

    @Test(arguments: Backend.all) func acquireRenewRefuseTakeOverRelease(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let store = db.store
        #expect(try await store.leader(name: "scheduler", now: t0) == nil)

        // A acquires a free lease for 30 s; B is refused while it runs.
        #expect(try await store.acquireLeadership(name: "scheduler", owner: "A", now: t0, leaseSeconds: 30))
        #expect(try await store.leader(name: "scheduler", now: t0) == "A")
        #expect(try await !store.acquireLeadership(name: "scheduler", owner: "B", now: t0.addingTimeInterval(10), leaseSeconds: 30))

        // A renews at +20 s: held until +50 s, so B is still refused at +40 s (the first lease ended at +30 s).
        #expect(try await store.acquireLeadership(name: "scheduler", owner: "A", now: t0.addingTimeInterval(20), leaseSeconds: 30))
        #expect(try await !store.acquireLeadership(name: "scheduler", owner: "B", now: t0.addingTimeInterval(40), leaseSeconds: 30))
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(49.999)) == "A")

        // At +50 s A's lease expired: nobody leads, and B takes over.
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(50)) == nil)
        #expect(try await store.acquireLeadership(name: "scheduler", owner: "B", now: t0.addingTimeInterval(50), leaseSeconds: 30))
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(50)) == "B")
        // A's late renewal is refused: it lost the lease.
        #expect(try await !store.acquireLeadership(name: "scheduler", owner: "A", now: t0.addingTimeInterval(51), leaseSeconds: 30))

        // A release by a non-holder changes nothing; B's release frees it at once for A.
        try await store.releaseLeadership(name: "scheduler", owner: "A")
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(52)) == "B")
        try await store.releaseLeadership(name: "scheduler", owner: "B")
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(52)) == nil)
        #expect(try await store.acquireLeadership(name: "scheduler", owner: "A", now: t0.addingTimeInterval(53), leaseSeconds: 30))
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(53)) == "A")
    }

    @Test(arguments: Backend.all) func leasesAreIndependentByName(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        #expect(try await db.store.acquireLeadership(name: "scheduler", owner: "A", now: t0, leaseSeconds: 30))
        #expect(try await db.store.acquireLeadership(name: "background", owner: "B", now: t0, leaseSeconds: 30))
        #expect(try await db.store.leader(name: "scheduler", now: t0) == "A")
        #expect(try await db.store.leader(name: "background", now: t0) == "B")
        #expect(try await db.count("SELECT count(*) FROM leader_leases") == 2)
    }

    /// Eight contenders at once for a free lease, then again for the expired one: exactly one wins each round.
    @Test(arguments: Backend.all) func concurrentContendersOneWins(_ backend: Backend) async throws {
        let db = try await ConformanceDatabase(backend)
        let store = db.store
        for (round, now) in [t0, t0.addingTimeInterval(31)].enumerated() {
            let winners = try await withThrowingTaskGroup(of: String?.self) { group in
                for contender in 0..<8 {
                    group.addTask {
                        let owner = "round\(round)-\(contender)"
                        return try await store.acquireLeadership(name: "scheduler", owner: owner, now: now, leaseSeconds: 30) ? owner : nil
                    }
                }
                var winners: [String] = []
                for try await winner in group { if let winner { winners.append(winner) } }
                return winners
            }
            #expect(winners.count == 1)
            #expect(try await store.leader(name: "scheduler", now: now) == winners.first)
        }
    }
}
