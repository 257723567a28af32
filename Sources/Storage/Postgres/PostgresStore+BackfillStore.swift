import Foundation
import PostgresNIO

/// Backfill checkpoints in `backfill_checkpoints`, one row per shop × resource.
extension PostgresStore: BackfillStore {
    public func backfillCheckpoints(shopID: Int64) async throws -> [BackfillCheckpoint] {
        // COLLATE "C": ties on started_at order by resource in byte order, as SQLite does, whatever
        // the cluster's locale.
        try await rows("""
            SELECT shop_id, resource, status, bulk_operation_id, lines_done, roots_done, object_count, root_object_count,
                last_error, started_at, updated_at, completed_at
            FROM backfill_checkpoints WHERE shop_id = \(shopID) ORDER BY started_at, resource COLLATE "C"
            """).map { row in
            let (shop, resource, status, operation, lines, roots, objects, rootObjects, lastError, started, updated, completed) =
                try row.decode((Int64, String, String, String?, Int64, Int64, Int64?, Int64?, String?, Int64, Int64, Int64?).self)
            return BackfillCheckpoint(
                shopID: shop, resource: resource, status: BackfillCheckpoint.Status(rawValue: status) ?? .failed,
                bulkOperationID: operation, linesDone: Int(lines), rootsDone: Int(roots), objectCount: objects.map { Int($0) },
                rootObjectCount: rootObjects.map { Int($0) }, lastError: lastError, startedAt: Date(storageMilliseconds: started),
                updatedAt: Date(storageMilliseconds: updated), completedAt: completed.map(Date.init(storageMilliseconds:)))
        }
    }

    public func saveBackfillCheckpoint(_ checkpoint: BackfillCheckpoint) async throws {
        let c = checkpoint
        try await transaction { connection in
            try await connection.ensureShopExists(c.shopID, logger: logger)
            // SQLite's INSERT OR REPLACE: every column of the row is the new checkpoint's.
            try await connection.execute("""
                INSERT INTO backfill_checkpoints (shop_id, resource, status, bulk_operation_id, lines_done, roots_done,
                    object_count, root_object_count, last_error, started_at, updated_at, completed_at)
                VALUES (\(c.shopID), \(c.resource), \(c.status.rawValue), \(c.bulkOperationID), \(Int64(c.linesDone)),
                    \(Int64(c.rootsDone)), \(c.objectCount.map(Int64.init)), \(c.rootObjectCount.map(Int64.init)), \(c.lastError),
                    \(c.startedAt.storageMilliseconds), \(c.updatedAt.storageMilliseconds), \(c.completedAt?.storageMilliseconds))
                ON CONFLICT (shop_id, resource) DO UPDATE SET status = excluded.status,
                    bulk_operation_id = excluded.bulk_operation_id, lines_done = excluded.lines_done,
                    roots_done = excluded.roots_done, object_count = excluded.object_count,
                    root_object_count = excluded.root_object_count, last_error = excluded.last_error,
                    started_at = excluded.started_at, updated_at = excluded.updated_at, completed_at = excluded.completed_at
                """, logger: logger)
        }
    }

    public func clearBackfill(shopID: Int64) async throws {
        try await execute("DELETE FROM backfill_checkpoints WHERE shop_id = \(shopID)")
    }
}
