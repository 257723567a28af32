import Foundation
import GRDB

/// A `projectionDigest(shopID:tables:)` request named a table that is not a projection table.
public struct UnknownProjectionTableError: Error, Hashable, Sendable, CustomStringConvertible {
    public var table: String

    public var description: String {
        "tables: '\(table)' is not a projection table (known: "
            + SQLiteMigrations.projectionTables.map(\.name).joined(separator: ", ") + ")"
    }
}

/// The lifecycle's reads of the event log and projections: data identity, catalog, order features.
extension SQLiteStore: LifecycleInputs {
    public func eventRange(shopID: Int64) async throws -> EventRange {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(min(sequence), 0), coalesce(max(sequence), 0), count(*) FROM events WHERE shop_id = ?
                """, arguments: [shopID]) else { return EventRange(firstEventID: 0, lastEventID: 0, count: 0) }
            return EventRange(firstEventID: row[0], lastEventID: row[1], count: row[2])
        }
    }

    /// The digest of the named tables, hashed in `projectionTables` order whatever the order
    /// asked (so ["line_items", "orders"] and ["orders", "line_items"] agree, and all tables give
    /// `projectionDigest(shopID:)`). Throws `UnknownProjectionTableError` for another name.
    public func projectionDigest(shopID: Int64, tables: [String]) async throws -> String {
        let known = Set(SQLiteMigrations.projectionTables.map(\.name))
        if let unknown = tables.first(where: { !known.contains($0) }) { throw UnknownProjectionTableError(table: unknown) }
        let wanted = Set(tables)
        let selected = SQLiteMigrations.projectionTables.filter { wanted.contains($0.name) }
        return try await writer.read { db in
            try Self.projectionDigest(db, shopID: shopID, tables: selected)
        }
    }

    public func catalogSnapshot(shopID: Int64) async throws -> [CatalogEntry] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.id, v.product_id, v.price_minor FROM variants v
                JOIN products p ON p.shop_id = v.shop_id AND p.id = v.product_id
                WHERE v.shop_id = ? AND p.status = 'active'
                ORDER BY v.id
                """, arguments: [shopID]).map { row in
                CatalogEntry(variantID: row[0], productID: row[1], priceMinor: row[2])
            }
        }
    }

    /// Channel as the projections define it (`pos` orders, everything else online); discounted
    /// when the order or any line carries a discount; prior orders count the customer's counted
    /// orders created before (ties by id); the top product type is that of the line with the
    /// largest net amount (quantity × price − discount, first position on ties).
    public func orderFeatureRows(shopID: Int64, from: Date, to: Date) async throws -> [OrderFeatureRow] {
        try await writer.read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
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
                WHERE o.shop_id = ? AND o.counted = 1 AND o.created_at >= ? AND o.created_at < ?
                ORDER BY o.created_at, o.id
                """), arguments: [shopID, from.storageMilliseconds, to.storageMilliseconds]).map { row in
                OrderFeatureRow(
                    orderID: row[0], createdAt: Date(storageMilliseconds: row[1]), day: row[2], totalMinor: row[3],
                    lineCount: row[4], units: row[5], channel: (row[6] as Bool) ? "pos" : "online", discounted: row[7],
                    priorOrders: row[8], topProductType: (row[9] as String?) ?? "")
            }
        }
    }
}
