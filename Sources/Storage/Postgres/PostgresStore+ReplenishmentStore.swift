import Commerce
import Foundation
import PostgresNIO

/// Replenishment settings, plans (`replenishment_plans`, `replenishment_lines`,
/// `replenishment_transfers`) and their purchase-order drafts, as `SQLiteStore+Replenishment*.swift`
/// write them. Lines, the snapshot and purchase orders live in the sibling
/// `PostgresStore+Replenishment*.swift` files.
extension PostgresStore: ReplenishmentStore {
    // MARK: Settings

    public func replenishmentSettings(shopID: Int64) async throws -> [ReplenishmentSetting] {
        try await rows("""
            SELECT scope, key, overrides, updated_at FROM replenishment_settings WHERE shop_id = \(shopID)
            ORDER BY scope COLLATE "C", key COLLATE "C"
            """).compactMap { row -> ReplenishmentSetting? in
            let (scope, key, json, updatedAt) = try row.decode((String, String, String, Int64).self)
            // A row whose scope or JSON no longer decodes (written by a newer version) is skipped
            // rather than failing every plan of the shop.
            guard let scope = SettingsScope(rawValue: scope),
                  let overrides = JSONColumn.decode(ReplenishmentOverrides.self, json) else { return nil }
            return ReplenishmentSetting(scope: scope, key: key, overrides: overrides, updatedAt: Date(storageMilliseconds: updatedAt))
        }
    }

    public func saveReplenishmentSetting(shopID: Int64, _ setting: ReplenishmentSetting) async throws {
        try setting.validate()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(setting.overrides), as: UTF8.self)
        // One statement: the upsert only inserts when the shop exists, so a missing shop writes
        // nothing and two replicas saving the same key end with the later one.
        let written = try await rows("""
            INSERT INTO replenishment_settings (shop_id, scope, key, overrides, updated_at)
            SELECT id, \(setting.scope.rawValue), \(setting.key), \(json), \(setting.updatedAt.storageMilliseconds) FROM shops WHERE id = \(shopID)
            ON CONFLICT (shop_id, scope, key) DO UPDATE SET overrides = excluded.overrides, updated_at = excluded.updated_at
            RETURNING shop_id
            """)
        if written.isEmpty { throw StorageError.unknownShop(id: shopID) }
    }

    @discardableResult
    public func deleteReplenishmentSetting(shopID: Int64, scope: SettingsScope, key: String) async throws -> Bool {
        try await !rows("""
            DELETE FROM replenishment_settings WHERE shop_id = \(shopID) AND scope = \(scope.rawValue) AND key = \(key) RETURNING shop_id
            """).isEmpty
    }

    // MARK: Plans

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
        let metrics = try SQLiteStore.jsonMetrics(run.metrics)
        var saved = run
        // As read back: instants and durations are stored in whole milliseconds.
        saved.createdAt = Date(storageMilliseconds: run.createdAt.storageMilliseconds)
        let durationMilliseconds = Int64((run.durationSeconds * 1000).rounded())
        saved.durationSeconds = Double(durationMilliseconds) / 1000
        let createdAt = saved.createdAt.storageMilliseconds
        let (shopID, logger) = (run.shopID, logger)
        do {
            saved.id = try await transaction { connection in
                try await Self.requireForecastShop(connection, shopID, logger: logger)
                // One plan save per shop at a time: two replicas planning at once would each
                // supersede the other's fresh drafts and prune plans the other still counts.
                try await Self.planningShopLock(connection, kind: "replenishment-plans", shopID: shopID, logger: logger)
                guard let planID = try await connection.scalar("""
                    INSERT INTO replenishment_plans (shop_id, forecast_run_id, created_at, as_of_day, line_count,
                        order_line_count, duration_ms, metrics)
                    VALUES (\(shopID), \(run.forecastRunID), \(createdAt), \(run.asOfDay), \(run.lineCount),
                        \(run.orderLineCount), \(durationMilliseconds), \(metrics))
                    RETURNING id
                    """, logger: logger) else { throw PostgresStoreError("INSERT INTO replenishment_plans returned no id") }
                try await Self.insertReplenishmentLines(connection, shopID: shopID, planID: planID, lines, logger: logger)
                if !transfers.isEmpty {
                    try await connection.execute("""
                        INSERT INTO replenishment_transfers (shop_id, plan_id, position, variant_id, from_location_id,
                            to_location_id, quantity, reason)
                        SELECT \(shopID), \(planID), u.position - 1, u.variant_id, u.from_location_id, u.to_location_id, u.quantity, u.reason
                        FROM UNNEST(\(transfers.map(\.variantID)), \(transfers.map(\.fromLocationID)),
                            \(transfers.map(\.toLocationID)), \(transfers.map(\.quantity)), \(transfers.map(\.reason)))
                            WITH ORDINALITY AS u(variant_id, from_location_id, to_location_id, quantity, reason, position)
                        """, logger: logger)
                }
                let stamped = drafts.map { draft in
                    var stamped = draft
                    stamped.shopID = shopID
                    stamped.planRunID = planID
                    return stamped
                }
                _ = try await Self.insertPurchaseOrders(connection, stamped, logger: logger)
                // Waits for a concurrent line edit's row lock, then re-reads `edited_at`: an order a
                // person just touched is not superseded.
                try await connection.execute("""
                    UPDATE purchase_orders SET status = 'superseded', updated_at = \(Date().storageMilliseconds)
                    WHERE shop_id = \(shopID) AND status = 'draft' AND plan_run_id <> \(planID) AND edited_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM purchase_order_lines l
                                      WHERE l.shop_id = \(shopID) AND l.order_id = purchase_orders.id AND l.quantity <> l.suggested_quantity)
                    """, logger: logger)
                // Retention: lines and transfers cascade with their plan; purchase orders do not reference it.
                try await connection.execute("""
                    DELETE FROM replenishment_plans WHERE shop_id = \(shopID)
                      AND id NOT IN (SELECT id FROM replenishment_plans WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(keep))
                    """, logger: logger)
                return planID
            }
        } catch let error as PSQLError where error.sqlState == "23503" {
            // The shop went away between the check and the insert (another process deleted it).
            throw StorageError.unknownShop(id: shopID)
        }
        return saved
    }

    public func latestReplenishmentPlan(shopID: Int64) async throws -> ReplenishmentPlanRun? {
        try await replenishmentPlans(shopID: shopID, limit: 1).first
    }

    public func replenishmentPlans(shopID: Int64, limit: Int) async throws -> [ReplenishmentPlanRun] {
        try await rows("""
            SELECT id, shop_id, forecast_run_id, created_at, as_of_day, line_count, order_line_count, duration_ms, metrics
            FROM replenishment_plans WHERE shop_id = \(shopID) ORDER BY id DESC LIMIT \(Int64(max(0, limit)))
            """).map { row in
            let (id, shop, forecastRunID, createdAt, asOfDay, lineCount, orderLineCount, duration, metrics) =
                try row.decode((Int64, Int64, Int64, Int64, String, Int, Int, Int64, String).self)
            return ReplenishmentPlanRun(
                id: id, shopID: shop, forecastRunID: forecastRunID, createdAt: Date(storageMilliseconds: createdAt),
                asOfDay: asOfDay, lineCount: lineCount, orderLineCount: orderLineCount,
                durationSeconds: Double(duration) / 1000, metrics: JSONColumn.decode([String: Double].self, metrics) ?? [:])
        }
    }

    public func transferSuggestions(shopID: Int64, planID: Int64) async throws -> [TransferSuggestion] {
        try await rows("""
            SELECT variant_id, from_location_id, to_location_id, quantity, reason FROM replenishment_transfers
            WHERE shop_id = \(shopID) AND plan_id = \(planID) ORDER BY position
            """).map { row in
            let (variant, from, to, quantity, reason) = try row.decode((Int64, Int64, Int64, Int, String).self)
            return TransferSuggestion(variantID: variant, fromLocationID: from, toLocationID: to, quantity: quantity, reason: reason)
        }
    }
}
