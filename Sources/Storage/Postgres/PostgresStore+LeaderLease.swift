import Foundation
import PostgresNIO

/// Leader leases in `leader_leases` (v10).
extension PostgresStore: LeaderLeaseStore {
    /// One statement, no explicit lock: `ON CONFLICT DO UPDATE` locks the conflicting row and
    /// evaluates its `WHERE` on the row's latest committed version, so of several replicas racing
    /// for a free or expired lease exactly one gets a row back; a concurrent first insert makes
    /// the loser wait and then take the update path, where the `WHERE` refuses it.
    public func acquireLeadership(name: String, owner: String, now: Date, leaseSeconds: Double) async throws -> Bool {
        var binds = PostgresBindings()
        binds.append(name)
        binds.append(owner)
        binds.append(LeaderLeaseSQL.expiry(now: now, leaseSeconds: leaseSeconds))
        binds.append(now.storageMilliseconds)
        binds.append(now.storageMilliseconds)
        return try await !rows(PostgresQuery(unsafeSQL: LeaderLeaseSQL.acquireNumbered, binds: binds)).isEmpty
    }

    public func releaseLeadership(name: String, owner: String) async throws {
        try await execute("DELETE FROM leader_leases WHERE name = \(name) AND owner = \(owner)")
    }

    public func leader(name: String, now: Date) async throws -> String? {
        try await rows("SELECT owner FROM leader_leases WHERE name = \(name) AND expires_at > \(now.storageMilliseconds)")
            .first?.decode(String.self)
    }
}
