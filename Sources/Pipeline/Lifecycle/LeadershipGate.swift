import Foundation
import Logging
import Storage
import Synchronization

/// One process's claim on a named leader lease ("scheduler", "background"): each `step`
/// acquires or renews the lease and says whether this process leads now, logging every change
/// of leadership. ``LeaderElected`` runs services behind it; tests call `step` with their own times.
///
/// A store error does not end leadership at once: the process keeps leading until the lease it
/// last renewed expires (no other process can take it before then), and stops after.
///
/// ```swift
/// let gate = LeadershipGate(name: "scheduler", store: store, owner: JobWorker.defaultOwner(), leaseSeconds: 30)
/// if await gate.step(now: .now) { … lead for a third of the lease … }
/// await gate.resign()
/// ```
public final class LeadershipGate: Sendable {
    public let name: String
    public let owner: String
    public let leaseSeconds: Double
    let store: any LeaderLeaseStore
    let logger: Logger
    /// Until when the last successful acquisition holds the lease; nil while not leading.
    private let heldUntil = Mutex<Date?>(nil)

    public init(name: String, store: any LeaderLeaseStore, owner: String, leaseSeconds: Double,
                logger: Logger = Logger(label: "storewise.leadership")) {
        self.name = name; self.store = store; self.owner = owner; self.leaseSeconds = leaseSeconds; self.logger = logger
    }

    /// How often a leader renews, and a follower tries again: a third of the lease, so one
    /// failed renewal still leaves time for the next before the lease expires.
    public var renewInterval: Double { max(0.01, leaseSeconds / 3) }

    /// True while the last acquisition's lease has not expired at `now`.
    public func isLeader(now: Date) -> Bool {
        heldUntil.withLock { $0.map { now < $0 } ?? false }
    }

    /// Acquires or renews the lease at `now`; true when this process leads until `now + leaseSeconds`.
    @discardableResult
    public func step(now: Date) async -> Bool {
        let wasLeader = isLeader(now: now)
        let held: Bool
        do {
            held = try await store.acquireLeadership(name: name, owner: owner, now: now, leaseSeconds: leaseSeconds)
        } catch {
            let still = isLeader(now: now)
            logger.warning("leader lease not renewed", metadata: [
                "lease": "\(name)", "owner": "\(owner)", "leading": "\(still)", "error": "\(String(reflecting: error))",
            ])
            if !still { heldUntil.withLock { $0 = nil } }
            if wasLeader && !still { logger.warning("leadership lost", metadata: ["lease": "\(name)", "owner": "\(owner)"]) }
            return still
        }
        heldUntil.withLock { $0 = held ? now.addingTimeInterval(leaseSeconds) : nil }
        if held && !wasLeader {
            logger.notice("leadership acquired", metadata: ["lease": "\(name)", "owner": "\(owner)"])
        } else if !held && wasLeader {
            logger.warning("leadership lost: another process holds the lease", metadata: ["lease": "\(name)", "owner": "\(owner)"])
        }
        return held
    }

    /// Gives the lease up (graceful shutdown), so another process takes over at its next try
    /// instead of waiting for the lease to expire.
    public func resign() async {
        let wasLeading = heldUntil.withLock { held in defer { held = nil }; return held != nil }
        guard wasLeading else { return }
        do {
            try await store.releaseLeadership(name: name, owner: owner)
            logger.notice("leadership released", metadata: ["lease": "\(name)", "owner": "\(owner)"])
        } catch {
            logger.warning("leader lease not released; it expires by itself", metadata: [
                "lease": "\(name)", "owner": "\(owner)", "error": "\(String(reflecting: error))",
            ])
        }
    }
}
