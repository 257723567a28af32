import Commerce
import Foundation
import GRDB

/// Reads of the catalog, demand and shop statistics.
extension SQLiteStore {
    public func products(shopID: Int64, limit: Int, offset: Int) async throws -> [Product] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM products WHERE shop_id = ? ORDER BY title, id LIMIT ? OFFSET ?
                """, arguments: [shopID, limit, offset]).map { row in
                let id: Int64 = row["id"]
                let variants = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT * FROM variants WHERE shop_id = ? AND product_id = ? ORDER BY position
                    """), arguments: [shopID, id]).map { v in
                    let currency: String = v["currency"]
                    let compareAt: Int64? = v["compare_at_price_minor"]
                    return Variant(
                        id: v["id"], productID: id, title: v["title"], sku: v["sku"],
                        price: Money(minorUnits: v["price_minor"], currency: currency),
                        compareAtPrice: compareAt.map { Money(minorUnits: $0, currency: currency) },
                        inventoryItemID: v["inventory_item_id"], inventoryQuantity: v["inventory_quantity"],
                        createdAt: v.date("created_at"), updatedAt: v.date("updated_at"))
                }
                return Product(
                    id: id, title: row["title"], vendor: row["vendor"], productType: row["product_type"],
                    handle: row["handle"], status: row["status"], tags: JSONColumn.decode([String].self, row["tags"]) ?? [],
                    createdAt: row.date("created_at"), updatedAt: row.date("updated_at"), variants: variants)
            }
        }
    }

    public func customer(shopID: Int64, id: Int64) async throws -> Customer? {
        try await writer.read { db in try Self.customer(db, shopID: shopID, id: id) }
    }

    public func locations(shopID: Int64) async throws -> [Location] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, is_pos FROM locations WHERE shop_id = ? ORDER BY id",
                             arguments: [shopID]).map { Location(id: $0[0], name: $0[1], isPOS: $0[2]) }
        }
    }

    /// `fromDay` and `toDay` are inclusive.
    public func demand(
        shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, toDay: String?, limit: Int
    ) async throws -> [DemandDay] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT variant_id, location_id, day, units, refunded_units, revenue_minor, in_stock FROM daily_demand
                WHERE shop_id = ?1 AND (?2 IS NULL OR variant_id = ?2) AND (?3 IS NULL OR location_id = ?3)
                  AND (?4 IS NULL OR day >= ?4) AND (?5 IS NULL OR day <= ?5)
                ORDER BY variant_id, location_id, day LIMIT ?6
                """, arguments: [shopID, variantID, locationID, fromDay, toDay, limit]).map { row in
                DemandDay(variantID: row[0], locationID: row[1], day: row[2], units: row[3], refundedUnits: row[4],
                          revenueMinor: row[5], inStock: row[6])
            }
        }
    }

    /// Per shop-local day of `created_at`, non-cancelled non-test orders: count, units (all
    /// lines), revenue (`total_price`: after discounts, with tax and shipping) and POS orders.
    /// `fromDay` and `toDay` are inclusive.
    public func salesByDay(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [SalesDay] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT day, count(*), sum(units), sum(total_minor), sum(channel = 'pos') FROM orders
                WHERE shop_id = ?1 AND counted = 1 AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)
                GROUP BY day ORDER BY day
                """, arguments: [shopID, fromDay, toDay]).map { row in
                SalesDay(day: row[0], orders: row[1], units: row[2], revenueMinor: row[3], posOrders: row[4])
            }
        }
    }

    public func salesByLocation(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [LocationSales] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.demand_location_id, l.name, count(*), sum(o.units), sum(o.total_minor) FROM orders o
                LEFT JOIN locations l ON l.shop_id = o.shop_id AND l.id = o.demand_location_id
                WHERE o.shop_id = ?1 AND o.counted = 1 AND (?2 IS NULL OR o.day >= ?2) AND (?3 IS NULL OR o.day <= ?3)
                GROUP BY o.demand_location_id ORDER BY sum(o.total_minor) DESC
                """, arguments: [shopID, fromDay, toDay]).map { row in
                let id: Int64 = row[0]
                return LocationSales(locationID: id, name: row[1] ?? (id == Location.onlineID ? "Online Store" : nil),
                                     orders: row[2], units: row[3], revenueMinor: row[4])
            }
        }
    }

    public func stats(shopID: Int64) async throws -> ShopStats {
        try await writer.read { db in
            func count(_ table: String) throws -> Int {
                try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE shop_id = ?", arguments: [shopID]) ?? 0
            }
            var byTopic: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT topic, count(*) FROM events WHERE shop_id = ? GROUP BY topic",
                                        arguments: [shopID]) {
                byTopic[row[0]] = row[1]
            }
            let lastEvent = try Int64.fetchOne(db, sql: "SELECT max(received_at) FROM events WHERE shop_id = ?", arguments: [shopID])
            let span = try Row.fetchOne(db, sql: "SELECT min(created_at), max(created_at) FROM orders WHERE shop_id = ?",
                                        arguments: [shopID])
            return ShopStats(
                events: byTopic.values.reduce(0, +), eventsByTopic: byTopic,
                lastEventAt: lastEvent.map(Date.init(storageMilliseconds:)), orders: try count("orders"),
                products: try count("products"), variants: try count("variants"), customers: try count("customers"),
                locations: try count("locations"), demandRows: try count("daily_demand"),
                firstOrderAt: (span?[0] as Int64?).map(Date.init(storageMilliseconds:)),
                lastOrderAt: (span?[1] as Int64?).map(Date.init(storageMilliseconds:)))
        }
    }
}
