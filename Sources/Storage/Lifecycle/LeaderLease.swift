import Foundation

/// Named leadership leases: which process runs a job that must run once across all replicas
/// (the lifecycle scheduler, the periodic background jobs).
///
/// A lease is held by one owner until it expires; its owner renews it before then, and any
/// other owner may take it over once it expired. Acquisition is one conditional upsert, so two
/// processes racing for a free or expired lease cannot both win. Times are passed in, so tests
/// drive the clock.
///
/// ```swift
/// if try await store.acquireLeadership(name: "scheduler", owner: me, now: .now, leaseSeconds: 30) {
///     … tick, then renew within 30 s …
/// }
/// try await store.releaseLeadership(name: "scheduler", owner: me) // on shutdown: another takes over at once
/// ```
public protocol LeaderLeaseStore: Sendable {
    /// Acquires the lease `name` for `owner`, or renews it when `owner` holds it: true when
    /// `owner` holds it until `now + leaseSeconds`, false when another owner holds an unexpired lease.
    func acquireLeadership(name: String, owner: String, now: Date, leaseSeconds: Double) async throws -> Bool
    /// Gives the lease up when `owner` holds it (nothing happens otherwise), so another process
    /// can take it at once instead of waiting for it to expire.
    func releaseLeadership(name: String, owner: String) async throws
    /// The owner holding an unexpired lease `name` at `now`, nil when nobody does.
    func leader(name: String, now: Date) async throws -> String?
}

/// The leader lease SQL both dialects share: `INSERT … ON CONFLICT … DO UPDATE … WHERE`
/// updates the row only when the caller already owns it or it expired, and returns a row only
/// when it inserted or updated, so "a row came back" is "the caller holds the lease".
enum LeaderLeaseSQL {
    /// Binds, in order: name, owner, expires_at, acquired_at (= now), now.
    static let acquire = """
        INSERT INTO leader_leases (name, owner, expires_at, acquired_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at,
            acquired_at = CASE WHEN leader_leases.owner = excluded.owner THEN leader_leases.acquired_at ELSE excluded.acquired_at END
        WHERE leader_leases.owner = excluded.owner OR leader_leases.expires_at <= ?
        RETURNING owner
        """

    /// `acquire` with PostgreSQL's `$n` placeholders.
    static var acquireNumbered: String {
        var result = "", index = 0
        for character in acquire {
            if character == "?" { index += 1; result += "$\(index)" } else { result.append(character) }
        }
        return result
    }

    /// The expiry of a lease taken at `now` for `leaseSeconds`, in storage milliseconds.
    static func expiry(now: Date, leaseSeconds: Double) -> Int64 {
        now.storageMilliseconds + Int64((leaseSeconds * 1000).rounded())
    }
}
