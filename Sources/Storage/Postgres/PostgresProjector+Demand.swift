import Commerce
import Foundation
import PostgresNIO

/// Daily demand upkeep and customers/redact on PostgreSQL: the SQLite `Projector+Demand` and
/// `Projector+Privacy` rules, statement for statement (see there for the definitions of `units`,
/// `revenue_minor`, `refunded_units`, `in_stock` and the stock observations).
extension PostgresProjector {
    /// Recomputes every touched key; `old` are the keys that lost lines (the only ones that can
    /// end up empty). SQLite runs one statement per key; here all keys go in one statement (and
    /// the possible deletes in one more): the keys are independent (a key's sums and carried
    /// stock read no row another key's recomputation writes), so the rows are the same.
    func recomputeDemand(_ keys: Set<DemandKey>, old: Set<DemandKey> = []) async throws {
        let all = keys.union(old).sorted()
        guard !all.isEmpty else { return }
        var binds = PostgresBindings(capacity: 4)
        binds.append(shopID); binds.append(all.map(\.variantID)); binds.append(all.map(\.locationID)); binds.append(all.map(\.day))
        // `OFFSET 0` keeps the sums a subquery evaluated once per key (inlined, PostgreSQL would
        // evaluate each sum twice: once for the row, once for the WHERE).
        try await execute(PostgresQuery(unsafeSQL: """
            INSERT INTO daily_demand AS d (shop_id, variant_id, location_id, day, units, refunded_units, revenue_minor, in_stock)
            SELECT $1, k.variant, k.location, k.day, s.units, s.refunded, s.revenue,
                CASE WHEN s.units > 0 THEN 1 WHEN coalesce((
                    SELECT available_end FROM daily_demand
                    WHERE shop_id = $1 AND variant_id = k.variant AND location_id = k.location AND day < k.day
                        AND available_end IS NOT NULL
                    ORDER BY day DESC LIMIT 1), 0) > 0 THEN 1 ELSE 0 END
            FROM unnest($2::bigint[], $3::bigint[], $4::text[]) AS k(variant, location, day)
            CROSS JOIN LATERAL (SELECT
                (SELECT coalesce(sum(quantity), 0)::bigint FROM line_items
                 WHERE shop_id = $1 AND variant_id = k.variant AND demand_location_id = k.location AND day = k.day
                    AND counted = 1) AS units,
                (SELECT coalesce(sum(quantity * price_minor - total_discount_minor), 0)::bigint FROM line_items
                 WHERE shop_id = $1 AND variant_id = k.variant AND demand_location_id = k.location AND day = k.day
                    AND counted = 1) AS revenue,
                (SELECT coalesce(sum(quantity), 0)::bigint FROM refund_line_items
                 WHERE shop_id = $1 AND variant_id = k.variant AND demand_location_id = k.location AND day = k.day
                    AND counted = 1) AS refunded
                OFFSET 0) AS s
            WHERE s.units > 0 OR s.refunded > 0 OR EXISTS (
                SELECT 1 FROM daily_demand
                WHERE shop_id = $1 AND variant_id = k.variant AND location_id = k.location AND day = k.day)
            ON CONFLICT (shop_id, variant_id, location_id, day) DO UPDATE SET units = excluded.units,
                refunded_units = excluded.refunded_units, revenue_minor = excluded.revenue_minor,
                in_stock = CASE WHEN excluded.units > 0 OR coalesce(d.available_max, 0) > 0 THEN 1 ELSE excluded.in_stock END
            """, binds: binds))
        let emptied = all.filter(old.contains)
        guard !emptied.isEmpty else { return }
        try await execute("""
            DELETE FROM daily_demand AS d
            USING unnest(\(emptied.map(\.variantID)), \(emptied.map(\.locationID)), \(emptied.map(\.day))) AS k(variant, location, day)
            WHERE d.shop_id = \(shopID) AND d.variant_id = k.variant AND d.location_id = k.location AND d.day = k.day
                AND d.units = 0 AND d.refunded_units = 0 AND d.available_end IS NULL
            """)
    }

    /// Stock at the start of the key's day: the last observation of an earlier day, if any.
    func carriedStock(_ key: DemandKey) async throws -> Int64? {
        try await rows("""
            SELECT available_end FROM daily_demand
            WHERE shop_id = \(shopID) AND variant_id = \(key.variantID) AND location_id = \(key.locationID)
                AND day < \(key.day) AND available_end IS NOT NULL
            ORDER BY day DESC LIMIT 1
            """).first?.decode(Int64?.self) ?? nil
    }

    /// Records a stock observation on its day's row, then fixes `in_stock` of the later rows
    /// whose carried stock it sets (up to and including the next row with its own observation).
    func observeStock(_ key: DemandKey, available: Int64, at: Int64) async throws {
        let existing = try await rows("""
            SELECT units, available_end, available_at, available_max FROM daily_demand
            WHERE shop_id = \(shopID) AND variant_id = \(key.variantID) AND location_id = \(key.locationID) AND day = \(key.day)
            """).first.map { try $0.decode((Int64, Int64?, Int64?, Int64?).self) }
            .map { StockRow(units: $0.0, availableEnd: $0.1, availableAt: $0.2, availableMax: $0.3) }
        try await observeStock(key, available: available, at: at, existing: existing)
    }

    /// The stock columns of a key's demand row, read before an observation.
    struct StockRow {
        let units: Int64
        let availableEnd: Int64?
        let availableAt: Int64?
        let availableMax: Int64?
    }

    /// `observeStock` with the key's row already read (nil: no row), saving that round trip.
    func observeStock(_ key: DemandKey, available: Int64, at: Int64, existing: StockRow?) async throws {
        let units = existing?.units ?? 0
        let oldEnd = existing?.availableEnd
        let oldAt = existing?.availableAt
        let isLatest = oldAt.map { at >= $0 } ?? true
        let end = isLatest ? available : oldEnd ?? available
        let endAt = isLatest ? at : oldAt ?? at
        let maximum = max(existing?.availableMax ?? available, available)
        var inStock = units > 0 || maximum > 0
        if !inStock { inStock = try await (carriedStock(key) ?? 0) > 0 }
        try await execute("""
            INSERT INTO daily_demand (shop_id, variant_id, location_id, day, units, refunded_units, revenue_minor,
                in_stock, available_end, available_at, available_max)
            VALUES (\(shopID), \(key.variantID), \(key.locationID), \(key.day), 0, 0, 0, \(inStock.storageInteger), \(end),
                \(endAt), \(maximum))
            ON CONFLICT (shop_id, variant_id, location_id, day) DO UPDATE SET in_stock = excluded.in_stock,
                available_end = excluded.available_end, available_at = excluded.available_at,
                available_max = excluded.available_max
            """)
        guard end != oldEnd else { return }
        let later = try await rows("""
            SELECT day, units, available_end, available_max, in_stock FROM daily_demand
            WHERE shop_id = \(shopID) AND variant_id = \(key.variantID) AND location_id = \(key.locationID) AND day > \(key.day)
            ORDER BY day COLLATE "C"
            """)
        for row in later {
            let (day, rowUnits, rowEnd, rowMax, rowStock) = try row.decode((String, Int64, Int64?, Int64?, Int64).self)
            let rowInStock = rowUnits > 0 || (rowMax ?? 0) > 0 || end > 0
            if rowInStock != (rowStock != 0) {
                try await execute("""
                    UPDATE daily_demand SET in_stock = \(rowInStock.storageInteger)
                    WHERE shop_id = \(shopID) AND variant_id = \(key.variantID) AND location_id = \(key.locationID) AND day = \(day)
                    """)
            }
            if rowEnd != nil { break }
        }
    }

    /// customers/redact: scrubs the customer row, the orders of the customer or named by the
    /// request, and the raw body of every logged event of the customer or of those orders.
    func redact(_ request: CustomerPrivacyRequest) async throws {
        try await execute("""
            UPDATE customers SET email = NULL, phone = NULL, first_name = NULL, last_name = NULL, default_address = NULL
            WHERE shop_id = \(shopID) AND id = \(request.customerID)
            """)
        var orderIDs = Set(request.orderIDs)
        for row in try await rows("SELECT id FROM orders WHERE shop_id = \(shopID) AND customer_id = \(request.customerID)") {
            orderIDs.insert(try row.decode(Int64.self))
        }
        let ids = orderIDs.sorted()
        try await execute("""
            UPDATE orders SET email = NULL, phone = NULL, billing_address = NULL, shipping_address = NULL, browser_ip = NULL
            WHERE shop_id = \(shopID) AND (customer_id = \(request.customerID) OR id = ANY(\(ids)))
            """)
        let byCustomer = try await rows("""
            SELECT sequence, body FROM events WHERE shop_id = \(shopID) AND customer_id = \(request.customerID)
            """)
        let byOrder = try await rows("""
            SELECT sequence, body FROM events
            WHERE shop_id = \(shopID) AND resource_id = ANY(\(ids)) AND topic LIKE 'orders/%'
            """)
        var seen = Set<Int64>()
        for row in byCustomer + byOrder {
            let (sequence, body) = try row.decode((Int64, Data).self)
            guard seen.insert(sequence).inserted else { continue }
            let scrubbed = scrubPersonalData(body)
            if scrubbed != body {
                try await execute("UPDATE events SET body = \(scrubbed) WHERE sequence = \(sequence)")
            }
        }
    }
}
