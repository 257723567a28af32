import Commerce
import Foundation
import PostgresNIO

/// Products, variants, customers, locations, stock levels and disputes: the SQLite `Projector`'s
/// rules (`Projector+Catalog`, `SQLiteStore+RiskProjection`) on PostgreSQL.
extension PostgresProjector {
    func applyProduct(_ p: Product) async throws -> Bool {
        let stored = try await storedUpdatedAt("SELECT updated_at FROM products WHERE shop_id = \(shopID) AND id = \(p.id)")
        guard Self.isNewer(p.updatedAt, than: stored) else { return false }
        try await execute("""
            INSERT INTO products (shop_id, id, title, vendor, product_type, handle, status, tags, created_at, updated_at)
            VALUES (\(shopID), \(p.id), \(p.title), \(p.vendor), \(p.productType), \(p.handle), \(p.status),
                \(JSONColumn.strings(p.tags)), \(p.createdAt?.storageMilliseconds), \(p.updatedAt?.storageMilliseconds))
            ON CONFLICT (shop_id, id) DO UPDATE SET title = excluded.title, vendor = excluded.vendor,
                product_type = excluded.product_type, handle = excluded.handle, status = excluded.status,
                tags = excluded.tags, created_at = excluded.created_at, updated_at = excluded.updated_at
            """)
        // The old variants go in the same statement that reports which inventory item each had.
        var known: [Int64: Int64?] = [:]
        for row in try await rows("""
            DELETE FROM variants WHERE shop_id = \(shopID) AND product_id = \(p.id) RETURNING id, inventory_item_id
            """) {
            let (id, item) = try row.decode((Int64, Int64?).self)
            known[id] = item
        }
        try await insertVariants(p)
        for v in p.variants {
            if let item = v.inventoryItemID, known[v.id] != .some(item) {
                try await backfillStock(variantID: v.id, inventoryItemID: item)
            }
        }
        return true
    }

    /// The product's variants in one multi-row INSERT. SQLite inserts them one by one, so a
    /// variant id repeated in a payload ends up with its last occurrence (position included);
    /// one statement cannot touch a row twice, so repeats are reduced to that last occurrence first.
    func insertVariants(_ p: Product) async throws {
        var last: [Int64: Int] = [:]
        for (position, v) in p.variants.enumerated() { last[v.id] = position }
        let kept = p.variants.enumerated().filter { last[$0.element.id] == $0.offset }
        guard !kept.isEmpty else { return }
        let columns = 13
        for start in stride(from: 0, to: kept.count, by: 1_000) {
            let chunk = kept[start..<min(start + 1_000, kept.count)]
            var binds = PostgresBindings(capacity: chunk.count * columns)
            var tuples: [String] = []
            for (position, v) in chunk {
                let base = binds.count
                tuples.append("(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                binds.append(shopID); binds.append(v.id); binds.append(p.id); binds.append(Int64(position))
                binds.append(v.title); binds.append(v.sku); binds.append(v.price.minorUnits)
                binds.append(v.compareAtPrice?.minorUnits); binds.append(v.price.currency); binds.append(v.inventoryItemID)
                binds.append(v.inventoryQuantity.map(Int64.init)); binds.append(v.createdAt?.storageMilliseconds)
                binds.append(v.updatedAt?.storageMilliseconds)
            }
            // ON CONFLICT: a variant id may have moved here from another product (SQLite's upsert too).
            try await execute(PostgresQuery(unsafeSQL: """
                INSERT INTO variants (shop_id, id, product_id, position, title, sku, price_minor, compare_at_price_minor,
                    currency, inventory_item_id, inventory_quantity, created_at, updated_at)
                VALUES \(tuples.joined(separator: ", "))
                ON CONFLICT (shop_id, id) DO UPDATE SET product_id = excluded.product_id, position = excluded.position,
                    title = excluded.title, sku = excluded.sku, price_minor = excluded.price_minor,
                    compare_at_price_minor = excluded.compare_at_price_minor, currency = excluded.currency,
                    inventory_item_id = excluded.inventory_item_id, inventory_quantity = excluded.inventory_quantity,
                    created_at = excluded.created_at, updated_at = excluded.updated_at
                """, binds: binds))
        }
    }

    /// Stock reports that arrived before the variant linked to their inventory item, replayed
    /// from the log (see the SQLite `Projector.backfillStock`).
    func backfillStock(variantID: Int64, inventoryItemID: Int64) async throws {
        let reports = try await rows("""
            SELECT body FROM events
            WHERE shop_id = \(shopID) AND resource_id = \(inventoryItemID) AND topic = 'inventory_levels/update'
            ORDER BY sequence
            """)
        for report in reports {
            let body = try report.decode(Data.self)
            guard case .inventoryLevel(let level)? = try? ShopifyJSON.decode(topic: .inventoryLevelsUpdate, body: body, shopCurrency: context.currency),
                  let available = level.available else { continue }
            try await observeStock(
                DemandKey(variantID: variantID, locationID: level.locationID, day: context.calendar.day(of: level.updatedAt)),
                available: Int64(available), at: level.updatedAt.storageMilliseconds)
        }
    }

    /// products/delete: the product and its variants go; demand history stays.
    func deleteProduct(id: Int64) async throws -> Bool {
        try await execute("DELETE FROM variants WHERE shop_id = \(shopID) AND product_id = \(id)")
        return try await changed("DELETE FROM products WHERE shop_id = \(shopID) AND id = \(id) RETURNING 1")
    }

    /// Newer `updated_at` wins, decided inside the upsert: one statement per customer.
    func upsertCustomer(_ c: Customer) async throws -> Bool {
        try await changed("""
            INSERT INTO customers AS c (shop_id, id, email, phone, first_name, last_name, state, tags, currency,
                accepts_email_marketing, accepts_sms_marketing, default_address, created_at, updated_at)
            VALUES (\(shopID), \(c.id), \(c.email), \(c.phone), \(c.firstName), \(c.lastName), \(c.state),
                \(JSONColumn.strings(c.tags)), \(c.currency), \(c.acceptsEmailMarketing.storageInteger),
                \(c.acceptsSMSMarketing.storageInteger), \(JSONColumn.address(c.defaultAddress)),
                \(c.createdAt?.storageMilliseconds), \(c.updatedAt?.storageMilliseconds))
            ON CONFLICT (shop_id, id) DO UPDATE SET email = excluded.email, phone = excluded.phone,
                first_name = excluded.first_name, last_name = excluded.last_name, state = excluded.state,
                tags = excluded.tags, currency = excluded.currency,
                accepts_email_marketing = excluded.accepts_email_marketing,
                accepts_sms_marketing = excluded.accepts_sms_marketing, default_address = excluded.default_address,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            WHERE excluded.updated_at IS NOT NULL AND (c.updated_at IS NULL OR excluded.updated_at > c.updated_at)
            RETURNING 1
            """)
    }

    func upsertLocation(_ l: Location) async throws -> Bool {
        try await execute("""
            INSERT INTO locations (shop_id, id, name, is_pos) VALUES (\(shopID), \(l.id), \(l.name), \(l.isPOS.storageInteger))
            ON CONFLICT (shop_id, id) DO UPDATE SET name = excluded.name, is_pos = excluded.is_pos
            """)
        return true
    }

    /// inventory_levels/update: the current level (newer `updated_at` wins) and, for every known
    /// variant of the item, a stock observation on that day's demand row.
    func applyInventoryLevel(_ level: InventoryLevel) async throws -> Bool {
        let at = level.updatedAt.storageMilliseconds
        // One statement instead of read-then-write (`isNewer`: no row, or a strictly newer
        // `updated_at`, which is never NULL here); the shop's ingest lock keeps it race-free anyway.
        var applied = try await changed("""
            INSERT INTO inventory_levels AS l (shop_id, inventory_item_id, location_id, available, updated_at)
            VALUES (\(shopID), \(level.inventoryItemID), \(level.locationID), \(level.available.map(Int64.init)), \(at))
            ON CONFLICT (shop_id, inventory_item_id, location_id) DO UPDATE SET
                available = excluded.available, updated_at = excluded.updated_at
            WHERE excluded.updated_at > l.updated_at
            RETURNING 1
            """)
        guard let available = level.available else { return applied }
        let day = context.calendar.day(of: level.updatedAt)
        // The item's variants with their demand row of that day, in one round trip: each variant's
        // observation touches only its own rows, so reading them all up front reads what
        // `observeStock` would read variant by variant.
        for row in try await rows("""
            SELECT v.id, d.units, d.available_end, d.available_at, d.available_max FROM variants v
            LEFT JOIN daily_demand d ON d.shop_id = v.shop_id AND d.variant_id = v.id
                AND d.location_id = \(level.locationID) AND d.day = \(day)
            WHERE v.shop_id = \(shopID) AND v.inventory_item_id = \(level.inventoryItemID) ORDER BY v.id
            """) {
            let (variant, units, end, endAt, maximum) = try row.decode((Int64, Int64?, Int64?, Int64?, Int64?).self)
            let existing = units.map { StockRow(units: $0, availableEnd: end, availableAt: endAt, availableMax: maximum) }
            try await observeStock(DemandKey(variantID: variant, locationID: level.locationID, day: day),
                                   available: Int64(available), at: at, existing: existing)
            applied = true
        }
        return applied
    }

    /// disputes/create and disputes/update: the dispute row by id; nothing else moves.
    func upsertDispute(_ d: Dispute) async throws -> Bool {
        try await execute("""
            INSERT INTO disputes (shop_id, id, order_id, type, amount_minor, currency, reason, status, initiated_at, finalized_at)
            VALUES (\(shopID), \(d.id), \(d.orderID), \(d.type), \(d.amount.minorUnits), \(d.amount.currency), \(d.reason),
                \(d.status), \(d.initiatedAt.storageMilliseconds), \(d.finalizedAt?.storageMilliseconds))
            ON CONFLICT (shop_id, id) DO UPDATE SET order_id = excluded.order_id, type = excluded.type,
                amount_minor = excluded.amount_minor, currency = excluded.currency, reason = excluded.reason,
                status = excluded.status, initiated_at = excluded.initiated_at, finalized_at = excluded.finalized_at
            """)
        return true
    }
}
