import Foundation
import PostgresNIO

/// The stock facts a replenishment plan reads: the inventory snapshot and units on order, as
/// `SQLiteStore+ReplenishmentSnapshot.swift` reads them (same rows, same order).
extension PostgresStore {
    /// One row per variant × location that has an `inventory_levels` row (through the variant's
    /// inventory item) or `daily_demand` rows, with catalog facts; in variant, location order.
    /// `committed` and what is left out exactly as in `SQLiteStore.inventorySnapshot(shopID:)`.
    public func inventorySnapshot(shopID: Int64) async throws -> [InventoryRow] {
        try await rows(Self.snapshotQuery(shopID: shopID)).map { row in
            let (variant, location, product, productTitle, variantTitle, sku, vendor, productType, price, currency,
                 locationName, available, committed, listedAt) =
                try row.decode((Int64, Int64, Int64, String, String, String?, String?, String?, Int64, String,
                                String?, Int?, Int, Int64?).self)
            return InventoryRow(
                variantID: variant, locationID: location, productID: product, productTitle: productTitle,
                variantTitle: variantTitle, sku: sku, vendor: vendor, productType: productType, priceMinor: price,
                currency: currency, locationName: locationName, available: available, committed: committed,
                listedAt: listedAt.map(Date.init(storageMilliseconds:)))
        }
    }

    public func unitsOnOrder(shopID: Int64) async throws -> [VariantLocation: Int] {
        var units: [VariantLocation: Int] = [:]
        for row in try await rows("""
            SELECT l.variant_id, l.location_id, sum(l.quantity)::bigint
            FROM purchase_orders o JOIN purchase_order_lines l ON l.shop_id = o.shop_id AND l.order_id = o.id
            WHERE o.shop_id = \(shopID) AND o.status = 'ordered'
            GROUP BY l.variant_id, l.location_id
            """) {
            let (variant, location, quantity) = try row.decode((Int64, Int64, Int).self)
            units[VariantLocation(variantID: variant, locationID: location)] = quantity
        }
        return units
    }

    /// See `inventorySnapshot(shopID:)`. SQLite's statement in PostgreSQL's dialect:
    /// - the loose index scan of `daily_demand` is a recursive CTE whose step seeks the next
    ///   (variant, location) after the current one with a row comparison on the primary key
    ///   (one index probe per pair, not one row per day);
    /// - `sum` is cast back to BIGINT (PostgreSQL's sum of BIGINT is NUMERIC);
    /// - the gift-card product types are compared after `lower` under "C", which folds ASCII
    ///   only, as SQLite's `lower` does.
    static func snapshotQuery(shopID: Int64) -> PostgresQuery {
        """
        WITH RECURSIVE
        demand(variant_id, location_id) AS (
            (SELECT variant_id, location_id FROM daily_demand WHERE shop_id = \(shopID) ORDER BY variant_id, location_id LIMIT 1)
            UNION ALL
            SELECT n.variant_id, n.location_id FROM demand p
            CROSS JOIN LATERAL (
                SELECT d.variant_id, d.location_id FROM daily_demand d
                WHERE d.shop_id = \(shopID) AND (d.variant_id, d.location_id) > (p.variant_id, p.location_id)
                ORDER BY d.variant_id, d.location_id LIMIT 1) n
        ),
        levels AS MATERIALIZED (
            SELECT v.id AS variant_id, il.location_id, il.available
            FROM inventory_levels il
            JOIN variants v ON v.shop_id = il.shop_id AND v.inventory_item_id = il.inventory_item_id
            WHERE il.shop_id = \(shopID)
        ),
        pairs AS MATERIALIZED (
            SELECT variant_id, location_id FROM levels
            UNION
            SELECT variant_id, location_id FROM demand
        ),
        committed AS MATERIALIZED (
            SELECT li.variant_id, li.demand_location_id AS location_id, sum(li.quantity)::bigint AS units
            FROM orders o JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
            WHERE o.shop_id = \(shopID) AND o.cancelled_at IS NULL AND o.test = 0
              AND (o.fulfillment_status IS NULL OR o.fulfillment_status = 'partial')
              AND li.variant_id IS NOT NULL AND li.gift_card = 0
            GROUP BY li.variant_id, li.demand_location_id
        )
        SELECT p.variant_id, p.location_id, v.product_id, pr.title, v.title, v.sku, pr.vendor, pr.product_type,
            v.price_minor, v.currency, loc.name, lv.available, coalesce(c.units, 0), coalesce(v.created_at, pr.created_at)
        FROM pairs p
        JOIN variants v ON v.shop_id = \(shopID) AND v.id = p.variant_id
        JOIN products pr ON pr.shop_id = \(shopID) AND pr.id = v.product_id
        LEFT JOIN locations loc ON loc.shop_id = \(shopID) AND loc.id = p.location_id
        LEFT JOIN levels lv ON lv.variant_id = p.variant_id AND lv.location_id = p.location_id
        LEFT JOIN committed c ON c.variant_id = p.variant_id AND c.location_id = p.location_id
        WHERE lower(coalesce(pr.product_type, '') COLLATE "C") NOT IN ('gift card', 'gift cards', 'giftcard', 'gift_card')
          AND NOT EXISTS (SELECT 1 FROM line_items g WHERE g.shop_id = \(shopID) AND g.variant_id = p.variant_id AND g.gift_card = 1)
        ORDER BY p.variant_id, p.location_id
        """
    }
}
