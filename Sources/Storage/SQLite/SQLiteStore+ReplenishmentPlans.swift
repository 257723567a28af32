import Foundation
import GRDB

/// Replenishment plans in `replenishment_plans`, `replenishment_lines` and
/// `replenishment_transfers` (v4); their purchase-order drafts in `purchase_orders`.
extension SQLiteStore: ReplenishmentStore {
    /// One transaction: the run, its lines, transfers and drafts (drafts are stamped with the new
    /// plan's id and the plan's shop), then older untouched drafts become `superseded`, then
    /// plans beyond the newest `keepPlans` (at least 1) go with their lines and transfers.
    ///
    /// A draft is untouched when it is still `draft`, no person changed or removed one of its
    /// lines (`edited_at` is NULL) and no line differs from its suggestion.
    public func saveReplenishmentPlan(
        _ run: ReplenishmentPlanRun, lines: [ReplenishmentLine], transfers: [TransferSuggestion],
        drafts: [PurchaseOrderDraft], keepPlans: Int
    ) async throws -> ReplenishmentPlanRun {
        let keep = max(1, keepPlans)
        let metrics = try Self.jsonMetrics(run.metrics)
        return try await writer.write { db in
            try Self.requireShop(db, run.shopID)
            var saved = run
            // As read back: instants and durations are stored in whole milliseconds.
            saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
            let durationMilliseconds = Int64((run.durationSeconds * 1000).rounded())
            saved.durationSeconds = Double(durationMilliseconds) / 1000
            saved.id = try Int64.fetchOne(db, sql: """
                INSERT INTO replenishment_plans (shop_id, forecast_run_id, created_at, as_of_day, line_count,
                    order_line_count, duration_ms, metrics)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [
                    run.shopID, run.forecastRunID, saved.createdAt.storageMilliseconds, run.asOfDay, run.lineCount,
                    run.orderLineCount, durationMilliseconds, metrics,
                ]) ?? 0
            try Self.insertLines(db, shopID: run.shopID, planID: saved.id, lines)
            let transferStatement = try db.cachedStatement(sql: """
                INSERT INTO replenishment_transfers (shop_id, plan_id, position, variant_id, from_location_id,
                    to_location_id, quantity, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (position, transfer) in transfers.enumerated() {
                try transferStatement.execute(arguments: [
                    run.shopID, saved.id, position, transfer.variantID, transfer.fromLocationID, transfer.toLocationID,
                    transfer.quantity, transfer.reason,
                ])
            }
            for draft in drafts {
                var stamped = draft
                stamped.shopID = run.shopID
                stamped.planRunID = saved.id
                _ = try Self.insertPurchaseOrder(db, stamped)
            }
            try db.execute(sql: """
                UPDATE purchase_orders SET status = 'superseded', updated_at = ?2
                WHERE shop_id = ?1 AND status = 'draft' AND plan_run_id <> ?3 AND edited_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM purchase_order_lines l
                                  WHERE l.shop_id = ?1 AND l.order_id = purchase_orders.id AND l.quantity <> l.suggested_quantity)
                """, arguments: [run.shopID, Date().storageMilliseconds, saved.id])
            // Retention: lines and transfers cascade with their plan; purchase orders do not reference it.
            try db.execute(sql: """
                DELETE FROM replenishment_plans WHERE shop_id = ?1
                  AND id NOT IN (SELECT id FROM replenishment_plans WHERE shop_id = ?1 ORDER BY id DESC LIMIT ?2)
                """, arguments: [run.shopID, keep])
            return saved
        }
    }

    public func latestReplenishmentPlan(shopID: Int64) async throws -> ReplenishmentPlanRun? {
        try await replenishmentPlans(shopID: shopID, limit: 1).first
    }

    public func replenishmentPlans(shopID: Int64, limit: Int) async throws -> [ReplenishmentPlanRun] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM replenishment_plans WHERE shop_id = ? ORDER BY id DESC LIMIT ?",
                             arguments: [shopID, max(0, limit)]).map { row in
                ReplenishmentPlanRun(
                    id: row["id"], shopID: row["shop_id"], forecastRunID: row["forecast_run_id"],
                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), asOfDay: row["as_of_day"],
                    lineCount: row["line_count"], orderLineCount: row["order_line_count"],
                    durationSeconds: Double(row["duration_ms"] as Int64) / 1000,
                    metrics: JSONColumn.decode([String: Double].self, row["metrics"]) ?? [:])
            }
        }
    }

    public func transferSuggestions(shopID: Int64, planID: Int64) async throws -> [TransferSuggestion] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT variant_id, from_location_id, to_location_id, quantity, reason FROM replenishment_transfers
                WHERE shop_id = ? AND plan_id = ? ORDER BY position
                """, arguments: [shopID, planID]).map { row in
                TransferSuggestion(variantID: row[0], fromLocationID: row[1], toLocationID: row[2], quantity: row[3], reason: row[4])
            }
        }
    }
}
