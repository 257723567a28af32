import Foundation
import GRDB

/// Leader leases in `leader_leases` (v10). SQLite has one writer, so the conditional upsert is
/// race-free across processes sharing the file too.
extension SQLiteStore: LeaderLeaseStore {
    public func acquireLeadership(name: String, owner: String, now: Date, leaseSeconds: Double) async throws -> Bool {
        try await writer.write { db in
            try Row.fetchOne(db.cachedStatement(sql: LeaderLeaseSQL.acquire), arguments: [
                name, owner, LeaderLeaseSQL.expiry(now: now, leaseSeconds: leaseSeconds), now.storageMilliseconds, now.storageMilliseconds,
            ]) != nil
        }
    }

    public func releaseLeadership(name: String, owner: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM leader_leases WHERE name = ? AND owner = ?", arguments: [name, owner])
        }
    }

    public func leader(name: String, now: Date) async throws -> String? {
        try await writer.read { db in
            try String.fetchOne(db, sql: "SELECT owner FROM leader_leases WHERE name = ? AND expires_at > ?",
                                arguments: [name, now.storageMilliseconds])
        }
    }
}
