import Commerce
import Foundation
import GRDB

/// One `daily_demand` row's key within a shop.
struct DemandKey: Hashable, Comparable {
    var variantID: Int64
    var locationID: Int64
    var day: String

    init(variantID: Int64, locationID: Int64, day: String) {
        self.variantID = variantID; self.locationID = locationID; self.day = day
    }

    /// From a row of (variant_id, demand_location_id, day).
    init(_ row: Row) {
        self.init(variantID: row[0], locationID: row[1], day: row[2])
    }

    static func < (a: DemandKey, b: DemandKey) -> Bool {
        (a.variantID, a.locationID, a.day) < (b.variantID, b.locationID, b.day)
    }
}

/// Daily demand upkeep.
///
/// - `units`, `revenue_minor` (quantity × price − line discounts, before refunds) and
///   `refunded_units` are recomputed from the counted lines and refund lines of the key.
/// - Stock: an inventory observation (inventory_levels/update with a known variant and a tracked
///   `available`) lands on the row of its shop-local day: `available_end` is the latest observation
///   of the day (by `updated_at`; the later log entry on a tie), `available_max` the largest.
/// - `in_stock` = units > 0, or `available_max` > 0, or the carried stock at the start of the day
///   (the `available_end` of the latest earlier row that has one) > 0.
/// - A row with no units, no refunds and no observation is deleted: rows stay sparse.
extension Projector {
    /// Recomputes every touched key; `old` are the keys that lost lines (old versions of an
    /// order or refund), the only ones that can end up empty.
    func recomputeDemand(_ keys: Set<DemandKey>, old: Set<DemandKey> = []) throws {
        for key in keys.union(old).sorted() {
            try recompute(key, mayEmpty: old.contains(key))
        }
    }

    /// One statement: the sums (uncorrelated scalar subqueries, run once, no temporary table),
    /// the upsert and `in_stock`, whose carried-stock lookup only runs when nothing was sold.
    /// A row that may have lost everything is deleted when no stock observation keeps it.
    func recompute(_ key: DemandKey, mayEmpty: Bool) throws {
        let args: StatementArguments = [shopID, key.variantID, key.locationID, key.day]
        try execute("""
            INSERT INTO daily_demand AS d (shop_id, variant_id, location_id, day, units, refunded_units, revenue_minor, in_stock)
            SELECT ?1, ?2, ?3, ?4, s.units, s.refunded, s.revenue,
                CASE WHEN s.units > 0 THEN 1 ELSE coalesce((
                    SELECT available_end FROM daily_demand
                    WHERE shop_id = ?1 AND variant_id = ?2 AND location_id = ?3 AND day < ?4 AND available_end IS NOT NULL
                    ORDER BY day DESC LIMIT 1), 0) > 0 END
            FROM (SELECT
                (SELECT coalesce(sum(quantity), 0) FROM line_items
                 WHERE shop_id = ?1 AND variant_id = ?2 AND demand_location_id = ?3 AND day = ?4 AND counted = 1) AS units,
                (SELECT coalesce(sum(quantity * price_minor - total_discount_minor), 0) FROM line_items
                 WHERE shop_id = ?1 AND variant_id = ?2 AND demand_location_id = ?3 AND day = ?4 AND counted = 1) AS revenue,
                (SELECT coalesce(sum(quantity), 0) FROM refund_line_items
                 WHERE shop_id = ?1 AND variant_id = ?2 AND demand_location_id = ?3 AND day = ?4 AND counted = 1) AS refunded
            ) AS s
            WHERE s.units > 0 OR s.refunded > 0 OR EXISTS (
                SELECT 1 FROM daily_demand WHERE shop_id = ?1 AND variant_id = ?2 AND location_id = ?3 AND day = ?4)
            ON CONFLICT (shop_id, variant_id, location_id, day) DO UPDATE SET units = excluded.units,
                refunded_units = excluded.refunded_units, revenue_minor = excluded.revenue_minor,
                in_stock = CASE WHEN excluded.units > 0 OR coalesce(d.available_max, 0) > 0 THEN 1 ELSE excluded.in_stock END
            """, args)
        if mayEmpty {
            try execute("""
                DELETE FROM daily_demand WHERE shop_id = ? AND variant_id = ? AND location_id = ? AND day = ?
                    AND units = 0 AND refunded_units = 0 AND available_end IS NULL
                """, args)
        }
    }

    /// Stock at the start of the key's day: the last observation of an earlier day, if any.
    func carriedStock(_ key: DemandKey) throws -> Int64? {
        try fetchRow("""
            SELECT available_end FROM daily_demand
            WHERE shop_id = ? AND variant_id = ? AND location_id = ? AND day < ? AND available_end IS NOT NULL
            ORDER BY day DESC LIMIT 1
            """, [shopID, key.variantID, key.locationID, key.day])?[0]
    }

    /// Records a stock observation on its day's row, then fixes `in_stock` of the later rows
    /// whose carried stock it sets (up to and including the next row with its own observation).
    func observeStock(_ key: DemandKey, available: Int64, at: Int64) throws {
        let existing = try fetchRow("""
            SELECT units, available_end, available_at, available_max FROM daily_demand
            WHERE shop_id = ? AND variant_id = ? AND location_id = ? AND day = ?
            """, [shopID, key.variantID, key.locationID, key.day])
        let units: Int64 = existing?[0] ?? 0
        let oldEnd: Int64? = existing?[1]
        let oldAt: Int64? = existing?[2]
        let isLatest = oldAt.map { at >= $0 } ?? true
        let end = isLatest ? available : oldEnd ?? available
        let endAt = isLatest ? at : oldAt ?? at
        let maximum = max(existing?[3] as Int64? ?? available, available)
        let inStock = try units > 0 || maximum > 0 || (carriedStock(key) ?? 0) > 0
        try execute("""
            INSERT INTO daily_demand (shop_id, variant_id, location_id, day, units, refunded_units, revenue_minor,
                in_stock, available_end, available_at, available_max)
            VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)
            ON CONFLICT (shop_id, variant_id, location_id, day) DO UPDATE SET in_stock = excluded.in_stock,
                available_end = excluded.available_end, available_at = excluded.available_at,
                available_max = excluded.available_max
            """, [shopID, key.variantID, key.locationID, key.day, inStock, end, endAt, maximum])
        guard end != oldEnd else { return }
        let later = try fetchRows("""
            SELECT day, units, available_end, available_max, in_stock FROM daily_demand
            WHERE shop_id = ? AND variant_id = ? AND location_id = ? AND day > ? ORDER BY day
            """, [shopID, key.variantID, key.locationID, key.day])
        for row in later {
            let rowInStock = (row["units"] as Int64) > 0 || (row["available_max"] as Int64? ?? 0) > 0 || end > 0
            if rowInStock != row["in_stock"] as Bool {
                try execute("""
                    UPDATE daily_demand SET in_stock = ? WHERE shop_id = ? AND variant_id = ? AND location_id = ? AND day = ?
                    """, [rowInStock, shopID, key.variantID, key.locationID, row["day"] as String])
            }
            if row["available_end"] as Int64? != nil { break }
        }
    }
}
