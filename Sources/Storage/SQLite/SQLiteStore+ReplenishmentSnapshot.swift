import Foundation
import GRDB

/// The stock facts a replenishment plan reads: the inventory snapshot and units on order.
extension SQLiteStore {
    /// One row per variant × location that has an `inventory_levels` row (through the variant's
    /// inventory item) or `daily_demand` rows, with catalog facts; in variant, location order.
    ///
    /// One statement, set-based:
    /// - Pairs with demand come from a loose index scan of `daily_demand` (a recursive CTE that
    ///   seeks from one pair to the next, so a shop with 100k pairs × 365 days reads about 100k
    ///   index entries, not 36 million rows).
    /// - `committed` is an approximation of Shopify's committed quantity: every unit on line items
    ///   of orders that are not cancelled, not test and unfulfilled or partially fulfilled
    ///   (`fulfillment_status` NULL or 'partial'), at the order's demand location. Units already
    ///   shipped on a partially fulfilled order and units refunded before shipping still count,
    ///   because the projections do not keep fulfillments per line.
    /// - Left out: variants of deleted products (their rows are gone, demand history stays) and
    ///   gift cards (a product type naming a gift card, or a variant sold as a gift-card line).
    public func inventorySnapshot(shopID: Int64) async throws -> [InventoryRow] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: Self.snapshotSQL, arguments: [shopID]).map { row in
                InventoryRow(
                    variantID: row[0], locationID: row[1], productID: row[2], productTitle: row[3], variantTitle: row[4],
                    sku: row[5], vendor: row[6], productType: row[7], priceMinor: row[8], currency: row[9],
                    locationName: row[10], available: row[11], committed: row[12],
                    listedAt: (row[13] as Int64?).map(Date.init(storageMilliseconds:)))
            }
        }
    }

    public func unitsOnOrder(shopID: Int64) async throws -> [VariantLocation: Int] {
        try await writer.read { db in
            var units: [VariantLocation: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT l.variant_id, l.location_id, sum(l.quantity)
                FROM purchase_orders o JOIN purchase_order_lines l ON l.shop_id = o.shop_id AND l.order_id = o.id
                WHERE o.shop_id = ? AND o.status = 'ordered'
                GROUP BY l.variant_id, l.location_id
                """, arguments: [shopID])
            while let row = try rows.next() {
                units[VariantLocation(variantID: row[0], locationID: row[1])] = row[2]
            }
            return units
        }
    }

    /// See `inventorySnapshot(shopID:)`. The open-order condition is written exactly as the
    /// `orders_open` partial index's, and the index and join order are pinned (INDEXED BY, CROSS
    /// JOIN): without statistics SQLite would rather walk every line item of the shop.
    static let snapshotSQL = """
        WITH RECURSIVE
        demand(variant_id, location_id) AS (
            SELECT * FROM (
                SELECT variant_id, location_id FROM daily_demand WHERE shop_id = ?1 ORDER BY variant_id, location_id LIMIT 1)
            UNION ALL
            SELECT coalesce(
                    (SELECT p.variant_id FROM daily_demand d
                     WHERE d.shop_id = ?1 AND d.variant_id = p.variant_id AND d.location_id > p.location_id LIMIT 1),
                    (SELECT min(d.variant_id) FROM daily_demand d WHERE d.shop_id = ?1 AND d.variant_id > p.variant_id)),
                coalesce(
                    (SELECT min(d.location_id) FROM daily_demand d
                     WHERE d.shop_id = ?1 AND d.variant_id = p.variant_id AND d.location_id > p.location_id),
                    (SELECT min(d.location_id) FROM daily_demand d
                     WHERE d.shop_id = ?1 AND d.variant_id = (
                        SELECT min(e.variant_id) FROM daily_demand e WHERE e.shop_id = ?1 AND e.variant_id > p.variant_id)))
            FROM demand p WHERE p.variant_id IS NOT NULL
        ),
        levels AS MATERIALIZED (
            SELECT v.id AS variant_id, il.location_id, il.available
            FROM inventory_levels il
            JOIN variants v ON v.shop_id = il.shop_id AND v.inventory_item_id = il.inventory_item_id
            WHERE il.shop_id = ?1
        ),
        pairs AS MATERIALIZED (
            SELECT variant_id, location_id FROM levels
            UNION
            SELECT variant_id, location_id FROM demand WHERE variant_id IS NOT NULL
        ),
        committed AS MATERIALIZED (
            SELECT li.variant_id, li.demand_location_id AS location_id, sum(li.quantity) AS units
            FROM orders o INDEXED BY orders_open CROSS JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
            WHERE o.shop_id = ?1 AND o.cancelled_at IS NULL AND o.test = 0
              AND (o.fulfillment_status IS NULL OR o.fulfillment_status = 'partial')
              AND li.variant_id IS NOT NULL AND li.gift_card = 0
            GROUP BY li.variant_id, li.demand_location_id
        )
        SELECT p.variant_id, p.location_id, v.product_id, pr.title, v.title, v.sku, pr.vendor, pr.product_type,
            v.price_minor, v.currency, loc.name, lv.available, coalesce(c.units, 0), coalesce(v.created_at, pr.created_at)
        FROM pairs p
        JOIN variants v ON v.shop_id = ?1 AND v.id = p.variant_id
        JOIN products pr ON pr.shop_id = ?1 AND pr.id = v.product_id
        LEFT JOIN locations loc ON loc.shop_id = ?1 AND loc.id = p.location_id
        LEFT JOIN levels lv ON lv.variant_id = p.variant_id AND lv.location_id = p.location_id
        LEFT JOIN committed c ON c.variant_id = p.variant_id AND c.location_id = p.location_id
        WHERE lower(coalesce(pr.product_type, '')) NOT IN ('gift card', 'gift cards', 'giftcard', 'gift_card')
          AND NOT EXISTS (SELECT 1 FROM line_items g WHERE g.shop_id = ?1 AND g.variant_id = p.variant_id AND g.gift_card = 1)
        ORDER BY p.variant_id, p.location_id
        """
}
