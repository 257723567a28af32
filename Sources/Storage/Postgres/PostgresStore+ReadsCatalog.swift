import Commerce
import Foundation
import PostgresNIO

/// Reads of the catalog, demand and shop statistics on PostgreSQL (`ProjectionReader`), as
/// `SQLiteStore+CatalogReads`. Optional filters bind with a type (`::bigint`, `::text`) so that a
/// NULL bind still has one.
extension PostgresStore {
    public func products(shopID: Int64, limit: Int, offset: Int) async throws -> [Product] {
        var products: [Product] = []
        for row in try await rows("""
            SELECT id, title, vendor, product_type, handle, status, tags, created_at, updated_at FROM products
            WHERE shop_id = \(shopID) ORDER BY title COLLATE "C", id LIMIT \(Int64(limit)) OFFSET \(Int64(offset))
            """) {
            let r = ProjectionRow(row)
            let id: Int64 = try r("id")
            let variants = try await rows("""
                SELECT id, title, sku, price_minor, compare_at_price_minor, currency, inventory_item_id,
                    inventory_quantity, created_at, updated_at
                FROM variants WHERE shop_id = \(shopID) AND product_id = \(id) ORDER BY position
                """).map { row in
                let v = ProjectionRow(row)
                let currency: String = try v("currency")
                let compareAt: Int64? = try v("compare_at_price_minor")
                return Variant(
                    id: try v("id"), productID: id, title: try v("title"), sku: try v("sku"),
                    price: Money(minorUnits: try v("price_minor"), currency: currency),
                    compareAtPrice: compareAt.map { Money(minorUnits: $0, currency: currency) },
                    inventoryItemID: try v("inventory_item_id"), inventoryQuantity: try v("inventory_quantity"),
                    createdAt: try v.date("created_at"), updatedAt: try v.date("updated_at"))
            }
            products.append(Product(
                id: id, title: try r("title"), vendor: try r("vendor"), productType: try r("product_type"),
                handle: try r("handle"), status: try r("status"), tags: JSONColumn.decode([String].self, try r("tags")) ?? [],
                createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"), variants: variants))
        }
        return products
    }

    public func locations(shopID: Int64) async throws -> [Location] {
        try await rows("SELECT id, name, is_pos FROM locations WHERE shop_id = \(shopID) ORDER BY id").map { row in
            let (id, name, isPOS) = try row.decode((Int64, String, Int64).self)
            return Location(id: id, name: name, isPOS: isPOS != 0)
        }
    }

    /// `fromDay` and `toDay` are inclusive.
    public func demand(
        shopID: Int64, variantID: Int64?, locationID: Int64?, fromDay: String?, toDay: String?, limit: Int
    ) async throws -> [DemandDay] {
        try await rows("""
            SELECT variant_id, location_id, day, units, refunded_units, revenue_minor, in_stock FROM daily_demand
            WHERE shop_id = \(shopID) AND (\(variantID)::bigint IS NULL OR variant_id = \(variantID)::bigint)
              AND (\(locationID)::bigint IS NULL OR location_id = \(locationID)::bigint)
              AND (\(fromDay)::text IS NULL OR day >= \(fromDay)::text) AND (\(toDay)::text IS NULL OR day <= \(toDay)::text)
            ORDER BY variant_id, location_id, day COLLATE "C" LIMIT \(Int64(limit))
            """).map { row in
            let (variant, location, day, units, refunded, revenue, inStock) =
                try row.decode((Int64, Int64, String, Int, Int, Int64, Int64).self)
            return DemandDay(variantID: variant, locationID: location, day: day, units: units, refundedUnits: refunded,
                             revenueMinor: revenue, inStock: inStock != 0)
        }
    }

    /// Per shop-local day of `created_at`, non-cancelled non-test orders (see the SQLite store).
    public func salesByDay(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [SalesDay] {
        try await rows("""
            SELECT day, count(*), sum(units)::bigint, sum(total_minor)::bigint, count(*) FILTER (WHERE channel = 'pos')
            FROM orders
            WHERE shop_id = \(shopID) AND counted = 1 AND (\(fromDay)::text IS NULL OR day >= \(fromDay)::text)
              AND (\(toDay)::text IS NULL OR day <= \(toDay)::text)
            GROUP BY day ORDER BY day COLLATE "C"
            """).map { row in
            let (day, orders, units, revenue, pos) = try row.decode((String, Int, Int, Int64, Int).self)
            return SalesDay(day: day, orders: orders, units: units, revenueMinor: revenue, posOrders: pos)
        }
    }

    public func salesByLocation(shopID: Int64, fromDay: String?, toDay: String?) async throws -> [LocationSales] {
        // max(l.name): one location row per (shop, id), PostgreSQL wants it aggregated. Ties in
        // revenue by location id (SQLite's grouping order).
        try await rows("""
            SELECT o.demand_location_id, max(l.name), count(*), sum(o.units)::bigint, sum(o.total_minor)::bigint FROM orders o
            LEFT JOIN locations l ON l.shop_id = o.shop_id AND l.id = o.demand_location_id
            WHERE o.shop_id = \(shopID) AND o.counted = 1 AND (\(fromDay)::text IS NULL OR o.day >= \(fromDay)::text)
              AND (\(toDay)::text IS NULL OR o.day <= \(toDay)::text)
            GROUP BY o.demand_location_id ORDER BY sum(o.total_minor) DESC, o.demand_location_id
            """).map { row in
            let (id, name, orders, units, revenue) = try row.decode((Int64, String?, Int, Int, Int64).self)
            return LocationSales(locationID: id, name: name ?? (id == Location.onlineID ? "Online Store" : nil),
                                 orders: orders, units: units, revenueMinor: revenue)
        }
    }

    public func stats(shopID: Int64) async throws -> ShopStats {
        func count(_ table: String) async throws -> Int {
            Int(try await scalar("SELECT count(*) FROM \(unescaped: table) WHERE shop_id = \(shopID)") ?? 0)
        }
        var byTopic: [String: Int] = [:]
        for row in try await rows("SELECT topic, count(*) FROM events WHERE shop_id = \(shopID) GROUP BY topic") {
            let (topic, n) = try row.decode((String, Int).self)
            byTopic[topic] = n
        }
        let lastEvent = try await scalar("SELECT max(received_at) FROM events WHERE shop_id = \(shopID)")
        let span = try await rows("SELECT min(created_at), max(created_at) FROM orders WHERE shop_id = \(shopID)")
            .first.map { try $0.decode((Int64?, Int64?).self) }
        return ShopStats(
            events: byTopic.values.reduce(0, +), eventsByTopic: byTopic,
            lastEventAt: lastEvent.map(Date.init(storageMilliseconds:)), orders: try await count("orders"),
            products: try await count("products"), variants: try await count("variants"),
            customers: try await count("customers"), locations: try await count("locations"),
            demandRows: try await count("daily_demand"),
            firstOrderAt: (span?.0).flatMap { $0 }.map(Date.init(storageMilliseconds:)),
            lastOrderAt: (span?.1).flatMap { $0 }.map(Date.init(storageMilliseconds:)))
    }
}
