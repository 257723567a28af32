import Foundation
import GRDB

/// Backfill checkpoints in `backfill_checkpoints` (v8), one row per shop × resource.
extension SQLiteStore: BackfillStore {
    public func backfillCheckpoints(shopID: Int64) async throws -> [BackfillCheckpoint] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM backfill_checkpoints WHERE shop_id = ? ORDER BY started_at, resource
                """), arguments: [shopID]).map { row in
                let epoch = Date(timeIntervalSince1970: 0)
                return BackfillCheckpoint(
                    shopID: row["shop_id"], resource: row["resource"],
                    status: BackfillCheckpoint.Status(rawValue: row["status"]) ?? .failed,
                    bulkOperationID: row["bulk_operation_id"], linesDone: row["lines_done"], rootsDone: row["roots_done"],
                    objectCount: row["object_count"], rootObjectCount: row["root_object_count"], lastError: row["last_error"],
                    startedAt: row.date("started_at") ?? epoch, updatedAt: row.date("updated_at") ?? epoch,
                    completedAt: row.date("completed_at"))
            }
        }
    }

    public func saveBackfillCheckpoint(_ checkpoint: BackfillCheckpoint) async throws {
        try await writer.write { db in
            try Self.requireShop(db, checkpoint.shopID)
            let c = checkpoint
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO backfill_checkpoints (shop_id, resource, status, bulk_operation_id, lines_done, roots_done,
                    object_count, root_object_count, last_error, started_at, updated_at, completed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [
                    c.shopID, c.resource, c.status.rawValue, c.bulkOperationID, c.linesDone, c.rootsDone, c.objectCount,
                    c.rootObjectCount, c.lastError, c.startedAt.storageMilliseconds, c.updatedAt.storageMilliseconds,
                    c.completedAt?.storageMilliseconds,
                ])
        }
    }

    public func clearBackfill(shopID: Int64) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM backfill_checkpoints WHERE shop_id = ?", arguments: [shopID])
        }
    }
}
