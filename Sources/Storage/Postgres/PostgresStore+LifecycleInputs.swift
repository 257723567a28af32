import Commerce
import Foundation
import PostgresNIO

/// The lifecycle's reads of the event log and projections: data identity, catalog, order features.
extension PostgresStore: LifecycleInputs {
    public func eventRange(shopID: Int64) async throws -> EventRange {
        guard let row = try await rows("""
            SELECT coalesce(min(sequence), 0), coalesce(max(sequence), 0), count(*) FROM events WHERE shop_id = \(shopID)
            """).first else { return EventRange(firstEventID: 0, lastEventID: 0, count: 0) }
        let (first, last, count) = try row.decode((Int64, Int64, Int64).self)
        return EventRange(firstEventID: first, lastEventID: last, count: Int(count))
    }

    /// The digest of the named tables, hashed in `projectionTables` order whatever the order
    /// asked, with SQLite's notation (`digestProjections`), so both backends give the same hex for
    /// the same rows. Throws `UnknownProjectionTableError` for another name.
    public func projectionDigest(shopID: Int64, tables: [String]) async throws -> String {
        let known = Set(SQLiteMigrations.projectionTables.map(\.name))
        if let unknown = tables.first(where: { !known.contains($0) }) { throw UnknownProjectionTableError(table: unknown) }
        let wanted = Set(tables)
        return try await digestProjections(shopID: shopID, tables: SQLiteMigrations.projectionTables.filter { wanted.contains($0.name) })
    }

    public func catalogSnapshot(shopID: Int64) async throws -> [CatalogEntry] {
        try await rows("""
            SELECT v.id, v.product_id, v.price_minor FROM variants v
            JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
            WHERE v.shop_id = \(shopID) AND p.status = 'active'
            ORDER BY v.id
            """).map { row in
            let (variantID, productID, price) = try row.decode((Int64, Int64, Int64).self)
            return CatalogEntry(variantID: variantID, productID: productID, priceMinor: price)
        }
    }

    /// As SQLite's: channel as the projections define it (`pos` orders, everything else online);
    /// discounted when the order or any line carries a discount; prior orders count the customer's
    /// counted orders created before (ties by id); the top product type is that of the line with
    /// the largest net amount (quantity × price − discount, first position on ties).
    public func orderFeatureRows(shopID: Int64, from: Date, to: Date) async throws -> [OrderFeatureRow] {
        try await rows("""
            SELECT o.id, o.created_at, o.day, o.total_minor, o.line_item_count, o.units, o.channel = 'pos',
                o.total_discounts_minor > 0 OR o.discount_codes <> '[]' OR EXISTS (
                    SELECT 1 FROM line_items li
                    WHERE li.shop_id = o.shop_id AND li.order_id = o.id AND li.total_discount_minor > 0),
                CASE WHEN o.customer_id IS NULL THEN NULL ELSE (
                    SELECT count(*) FROM orders p
                    WHERE p.shop_id = o.shop_id AND p.customer_id = o.customer_id AND p.counted = 1
                      AND (p.created_at < o.created_at OR (p.created_at = o.created_at AND p.id < o.id))) END,
                (SELECT coalesce(pr.product_type, '') FROM line_items li
                    LEFT JOIN products pr ON pr.shop_id = li.shop_id AND pr.id = li.product_id
                    WHERE li.shop_id = o.shop_id AND li.order_id = o.id
                    ORDER BY li.quantity * li.price_minor - li.total_discount_minor DESC, li.position LIMIT 1)
            FROM orders o
            WHERE o.shop_id = \(shopID) AND o.counted = 1 AND o.created_at >= \(from.storageMilliseconds)
              AND o.created_at < \(to.storageMilliseconds)
            ORDER BY o.created_at, o.id
            """).map { row in
            let (id, createdAt, day, total, lines, units, pos, discounted, prior, topType) = try row.decode(
                (Int64, Int64, String, Int64, Int64, Int64, Bool, Bool, Int64?, String?).self)
            return OrderFeatureRow(
                orderID: id, createdAt: Date(storageMilliseconds: createdAt), day: day, totalMinor: total, lineCount: Int(lines),
                units: Int(units), channel: pos ? "pos" : "online", discounted: discounted, priorOrders: prior.map(Int.init),
                topProductType: topType ?? "")
        }
    }
}
