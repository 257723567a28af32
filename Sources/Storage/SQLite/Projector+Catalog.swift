import Commerce
import Foundation
import GRDB

/// Products, variants, customers, locations and stock levels.
extension Projector {
    func applyProduct(_ p: Product) throws -> Bool {
        let stored = try fetchRow("SELECT updated_at FROM products WHERE shop_id = ? AND id = ?", [shopID, p.id])
        guard Self.isNewer(p.updatedAt, than: stored) else { return false }
        try execute("""
            INSERT INTO products (shop_id, id, title, vendor, product_type, handle, status, tags, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET title = excluded.title, vendor = excluded.vendor,
                product_type = excluded.product_type, handle = excluded.handle, status = excluded.status,
                tags = excluded.tags, created_at = excluded.created_at, updated_at = excluded.updated_at
            """, [
                shopID, p.id, p.title, p.vendor, p.productType, p.handle, p.status, JSONColumn.strings(p.tags),
                p.createdAt?.storageMilliseconds, p.updatedAt?.storageMilliseconds,
            ])
        let known = try fetchRows("SELECT id, inventory_item_id FROM variants WHERE shop_id = ? AND product_id = ?", [shopID, p.id])
            .reduce(into: [Int64: Int64?]()) { $0[$1[0]] = $1[1] as Int64? }
        try execute("DELETE FROM variants WHERE shop_id = ? AND product_id = ?", [shopID, p.id])
        let insert = try db.cachedStatement(sql: """
            INSERT INTO variants (shop_id, id, product_id, position, title, sku, price_minor, compare_at_price_minor,
                currency, inventory_item_id, inventory_quantity, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET product_id = excluded.product_id, position = excluded.position,
                title = excluded.title, sku = excluded.sku, price_minor = excluded.price_minor,
                compare_at_price_minor = excluded.compare_at_price_minor, currency = excluded.currency,
                inventory_item_id = excluded.inventory_item_id, inventory_quantity = excluded.inventory_quantity,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            """)
        for (position, v) in p.variants.enumerated() {
            try insert.execute(arguments: [
                shopID, v.id, p.id, position, v.title, v.sku, v.price.minorUnits, v.compareAtPrice?.minorUnits,
                v.price.currency, v.inventoryItemID, v.inventoryQuantity, v.createdAt?.storageMilliseconds,
                v.updatedAt?.storageMilliseconds,
            ])
            if let item = v.inventoryItemID, known[v.id] != .some(item) {
                try backfillStock(variantID: v.id, inventoryItemID: item)
            }
        }
        return true
    }

    /// Stock reports can arrive before the product that names their inventory item (Shopify does
    /// not order deliveries). When a variant first links to an item, its earlier reports are
    /// replayed from the log, so projections do not depend on arrival order. Observations are
    /// idempotent, so a report seen again later changes nothing.
    func backfillStock(variantID: Int64, inventoryItemID: Int64) throws {
        let reports = try fetchRows("""
            SELECT body FROM events WHERE shop_id = ? AND resource_id = ? AND topic = 'inventory_levels/update' ORDER BY sequence
            """, [shopID, inventoryItemID])
        for report in reports {
            let body: Data = report[0]
            guard case .inventoryLevel(let level)? = try? ShopifyJSON.decode(topic: .inventoryLevelsUpdate, body: body, shopCurrency: context.currency),
                  let available = level.available else { continue }
            try observeStock(
                DemandKey(variantID: variantID, locationID: level.locationID, day: context.calendar.day(of: level.updatedAt)),
                available: Int64(available), at: level.updatedAt.storageMilliseconds)
        }
    }

    /// products/delete: the product and its variants go; demand history stays.
    func deleteProduct(id: Int64) throws -> Bool {
        try execute("DELETE FROM variants WHERE shop_id = ? AND product_id = ?", [shopID, id])
        try execute("DELETE FROM products WHERE shop_id = ? AND id = ?", [shopID, id])
        return db.changesCount > 0
    }

    /// Newer `updated_at` wins, decided inside the upsert: one statement per customer.
    func upsertCustomer(_ c: Customer) throws -> Bool {
        try execute("""
            INSERT INTO customers AS c (shop_id, id, email, phone, first_name, last_name, state, tags, currency,
                accepts_email_marketing, accepts_sms_marketing, default_address, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET email = excluded.email, phone = excluded.phone,
                first_name = excluded.first_name, last_name = excluded.last_name, state = excluded.state,
                tags = excluded.tags, currency = excluded.currency,
                accepts_email_marketing = excluded.accepts_email_marketing,
                accepts_sms_marketing = excluded.accepts_sms_marketing, default_address = excluded.default_address,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            WHERE excluded.updated_at IS NOT NULL AND (c.updated_at IS NULL OR excluded.updated_at > c.updated_at)
            """, [
                shopID, c.id, c.email, c.phone, c.firstName, c.lastName, c.state, JSONColumn.strings(c.tags),
                c.currency, c.acceptsEmailMarketing, c.acceptsSMSMarketing, JSONColumn.address(c.defaultAddress),
                c.createdAt?.storageMilliseconds, c.updatedAt?.storageMilliseconds,
            ])
        return db.changesCount > 0
    }

    func upsertLocation(_ l: Location) throws -> Bool {
        try execute("""
            INSERT INTO locations (shop_id, id, name, is_pos) VALUES (?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET name = excluded.name, is_pos = excluded.is_pos
            """, [shopID, l.id, l.name, l.isPOS])
        return true
    }

    /// inventory_levels/update: the current level (newer `updated_at` wins), and, when the
    /// inventory item's variant is known, a stock observation on that day's demand row (even
    /// when it arrives late: it is still what the stock was at that time). An unknown item is
    /// kept in `inventory_levels` only.
    func applyInventoryLevel(_ level: InventoryLevel) throws -> Bool {
        let at = level.updatedAt.storageMilliseconds
        let stored = try fetchRow("""
            SELECT updated_at FROM inventory_levels WHERE shop_id = ? AND inventory_item_id = ? AND location_id = ?
            """, [shopID, level.inventoryItemID, level.locationID])
        var applied = false
        if Self.isNewer(level.updatedAt, than: stored) {
            try execute("""
                INSERT INTO inventory_levels (shop_id, inventory_item_id, location_id, available, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (shop_id, inventory_item_id, location_id) DO UPDATE SET
                    available = excluded.available, updated_at = excluded.updated_at
                """, [shopID, level.inventoryItemID, level.locationID, level.available, at])
            applied = true
        }
        guard let available = level.available else { return applied }
        let day = context.calendar.day(of: level.updatedAt)
        for row in try fetchRows("SELECT id FROM variants WHERE shop_id = ? AND inventory_item_id = ? ORDER BY id",
                                 [shopID, level.inventoryItemID]) {
            try observeStock(DemandKey(variantID: row[0], locationID: level.locationID, day: day),
                             available: Int64(available), at: at)
            applied = true
        }
        return applied
    }
}
