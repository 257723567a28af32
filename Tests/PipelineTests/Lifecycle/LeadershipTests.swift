import Foundation
import Logging
import Pipeline
import ServiceLifecycle
import Storage
import Synchronization
import Testing
import TestSupport

/// Leader election over one store: `LeadershipGate` with times passed in, and `LeaderElected`
/// running a service on exactly one of two "processes", handing over on shutdown.
@Suite struct LeadershipTests {
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    /// The stores to run on: SQLite, and PostgreSQL when the test script started one.
    static var backends: [String] { TestPostgres.isAvailable ? ["sqlite", "postgres"] : ["sqlite"] }

    /// A fresh store of the backend, and what keeps it alive (a temporary directory or a Postgres client).
    static func store(_ backend: String) async throws -> (any LeaderLeaseStore, Any) {
        if backend == "postgres" {
            let (store, lifetime) = try await TestPostgres.freshStore()
            return (store, lifetime)
        }
        let (store, directory) = try SQLiteStore.temporary()
        return (store, directory)
    }

    @Test(arguments: backends) func oneGateLeadsTheOtherTakesOverAfterReleaseOrExpiry(_ backend: String) async throws {
        let (store, keep) = try await Self.store(backend)
        defer { withExtendedLifetime(keep) {} }
        let a = LeadershipGate(name: "scheduler", store: store, owner: "A", leaseSeconds: 30)
        let b = LeadershipGate(name: "scheduler", store: store, owner: "B", leaseSeconds: 30)

        #expect(await a.step(now: t0))
        #expect(await !b.step(now: t0.addingTimeInterval(1)))
        // A renews every 10 s (a third of the lease) and keeps leading; B keeps being refused.
        for second in stride(from: 10.0, through: 60, by: 10) {
            #expect(await a.step(now: t0.addingTimeInterval(second)))
            #expect(await !b.step(now: t0.addingTimeInterval(second + 1)))
        }
        #expect(a.isLeader(now: t0.addingTimeInterval(61)) && !b.isLeader(now: t0.addingTimeInterval(61)))

        // A stops renewing (it hangs or died): at its last renewal (+60 s) + 30 s B takes over, not before.
        #expect(await !b.step(now: t0.addingTimeInterval(89)))
        #expect(await b.step(now: t0.addingTimeInterval(90)))
        #expect(!a.isLeader(now: t0.addingTimeInterval(90)))
        // A comes back: its renewal is refused, so it stops leading.
        #expect(await !a.step(now: t0.addingTimeInterval(91)))
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(91)) == "B")

        // B shuts down gracefully: it resigns and A takes over at its next try, long before B's lease would expire.
        await b.resign()
        #expect(!b.isLeader(now: t0.addingTimeInterval(92)))
        #expect(await a.step(now: t0.addingTimeInterval(92)))
        #expect(try await store.leader(name: "scheduler", now: t0.addingTimeInterval(92)) == "A")
    }

    /// Counts the passes of a periodic service and which process ran them.
    final class TickLog: Sendable {
        let names = Mutex<[String]>([])
        func withLock<T>(_ body: (inout [String]) -> T) -> T { names.withLock { body(&$0) } }
    }

    struct TickingService: Service {
        let name: String
        let ticks: TickLog
        func run() async throws {
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                ticks.withLock { $0.append(name) }
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(20)) }
                } catch {
                    return
                }
            }
        }
    }

    /// Two "processes" (service groups) on one store, each with the service behind the lease:
    /// only one ticks; when it shuts down gracefully it releases, and the other takes over at its
    /// next try (every lease/3 = 4 s), before the released lease would have expired (≥ 8 s after
    /// the stop: the last renewal is at most 4 s before it). The lease is long so that a loaded
    /// machine (CI runs the suites in parallel) cannot starve A's renewals into a takeover.
    @Test(arguments: backends) func leaderElectedServiceRunsOnOneProcessAndHandsOver(_ backend: String) async throws {
        let (store, keep) = try await Self.store(backend)
        defer { withExtendedLifetime(keep) {} }
        let ticks = TickLog()
        var quiet = Logger(label: "test.leadership")
        quiet.logLevel = .error
        func process(_ name: String) -> (ServiceGroup, LeadershipGate) {
            let gate = LeadershipGate(name: "scheduler", store: store, owner: name, leaseSeconds: 12, logger: quiet)
            let elected = LeaderElected(gate: gate, services: [TickingService(name: name, ticks: ticks)], logger: quiet)
            return (ServiceGroup(services: [elected], logger: quiet), gate)
        }
        let (groupA, gateA) = process("A")
        let (groupB, gateB) = process("B")
        try await withThrowingTaskGroup(of: String.self) { tasks in
            tasks.addTask { try await groupA.run(); return "A" }
            try await waitUntil { ticks.withLock { !$0.isEmpty } }
            tasks.addTask { try await groupB.run(); return "B" }
            try await Task.sleep(for: .milliseconds(1500))
            #expect(Set(ticks.withLock { $0 }) == ["A"])
            #expect(gateA.isLeader(now: Date()) && !gateB.isLeader(now: Date()))

            await groupA.triggerGracefulShutdown()
            #expect(try await tasks.next() == "A")
            let stopped = ContinuousClock.now
            // Released, not left to expire: nobody, or already B.
            #expect(try await store.leader(name: "scheduler", now: Date()) != "A")
            try await waitUntil { ticks.withLock { $0.last == "B" } }
            #expect(ContinuousClock.now - stopped < .milliseconds(7500))
            #expect(gateB.isLeader(now: Date()))
            await groupB.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(try await store.leader(name: "scheduler", now: Date()) == nil)
    }

    /// Polls `condition` every 10 ms for up to 10 s.
    func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
        for _ in 0..<1000 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("condition not met within 10 s")
    }
}
