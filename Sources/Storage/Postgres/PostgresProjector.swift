import Commerce
import Foundation
import Logging
import PostgresNIO

/// Applies one decoded event to a shop's projections on PostgreSQL, inside the caller's
/// transaction: the twin of the SQLite `Projector`, rule for rule (see its documentation: newer
/// `updated_at` wins, an order replaces its lines, demand attribution, `daily_demand` recomputed
/// for every touched key). Same statements, same rows, so `projectionDigest` agrees across backends.
///
/// Callers hold the shop's advisory lock (`PostgresStore.lockShops`), so the read-then-write steps
/// here (the `updated_at` checks, the stock carry-over) never race another replica's ingest.
struct PostgresProjector {
    let connection: PostgresConnection
    let logger: Logger
    let shopID: Int64
    let context: ShopContext

    /// Applies a payload; whether it changed the projections.
    func apply(_ payload: WebhookPayload, receivedAt: Date) async throws -> Bool {
        switch payload {
        case .order(let order): return try await applyOrder(order)
        case .refund(let refund):
            var keys = Set<DemandKey>(), old = Set<DemandKey>()
            try await upsertRefund(refund, keys: &keys, old: &old)
            try await recomputeDemand(keys, old: old)
            return true
        case .product(let product): return try await applyProduct(product)
        case .productDeleted(let id): return try await deleteProduct(id: id)
        case .customer(let customer): return try await upsertCustomer(customer)
        case .inventoryLevel(let level): return try await applyInventoryLevel(level)
        case .location(let location): return try await upsertLocation(location)
        case .appUninstalled:
            try await execute("UPDATE shops SET uninstalled_at = \(receivedAt.storageMilliseconds) WHERE id = \(shopID)")
            return true
        case .customersRedact(let request):
            try await redact(request)
            return true
        case .customersDataRequest, .shopRedact, .unknown:
            return false
        case .dispute(let dispute):
            return try await upsertDispute(dispute)
        }
    }

    func execute(_ query: PostgresQuery) async throws {
        try await connection.execute(query, logger: logger)
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.rows(query, logger: logger)
    }

    /// The rows a statement changed (`UPDATE/DELETE … RETURNING 1`), for SQLite's `changesCount > 0`.
    func changed(_ query: PostgresQuery) async throws -> Bool {
        try await !rows(query).isEmpty
    }

    /// Whether an incoming `updated_at` should replace the stored one (newer wins, ties keep).
    /// `stored` is nil when there is no row, `.some(nil)` when the row has no `updated_at`.
    static func isNewer(_ incoming: Date?, than stored: Int64??) -> Bool {
        guard let stored else { return true }
        guard let incoming else { return false }
        guard let storedMS = stored else { return true }
        return incoming.storageMilliseconds > storedMS
    }

    /// The stored `updated_at` of the first row of `query`: nil without a row, `.some(nil)` for NULL.
    func storedUpdatedAt(_ query: PostgresQuery) async throws -> Int64?? {
        guard let row = try await rows(query).first else { return nil }
        return .some(try row.decode(Int64?.self))
    }

    // MARK: Orders

    /// SQLite reads `updated_at`, then writes; here one statement upserts only when newer and
    /// says whether the row was new (`xmax = 0`: no older version was replaced) and whether the
    /// order has refund lines to re-attribute, saving two round trips per order.
    func applyOrder(_ order: Order) async throws -> Bool {
        let day = context.calendar.day(of: order.createdAt)
        let location = order.locationID ?? context.onlineLocationID
        let counted = order.cancelledAt == nil && !order.test
        guard let (inserted, hasRefundLines) = try await upsertOrderRow(order, day: day, location: location, counted: counted) else {
            return false  // an equal or newer version is stored: nothing changes
        }
        var keys = Set<DemandKey>(), old = Set<DemandKey>()
        if !inserted {
            // One statement deletes the old lines and returns the demand keys they counted in.
            for row in try await rows("""
                DELETE FROM line_items WHERE shop_id = \(shopID) AND order_id = \(order.id)
                RETURNING variant_id, demand_location_id, day, counted
                """) {
                let (variant, location, day, counted) = try row.decode((Int64?, Int64, String, Int64).self)
                if counted == 1, let variant { old.insert(DemandKey(variantID: variant, locationID: location, day: day)) }
            }
        }
        for line in order.lineItems {
            let lineCounted = counted && !line.isGiftCard && line.variantID != nil
            if lineCounted, let variant = line.variantID {
                keys.insert(DemandKey(variantID: variant, locationID: location, day: day))
            }
        }
        try await insertLines(order, day: day, location: location, counted: counted)
        if hasRefundLines {
            try await reattributeRefunds(orderID: order.id, location: location, counted: counted, keys: &keys, old: &old)
        }
        for refund in order.refunds {
            try await upsertRefund(refund, keys: &keys, old: &old)
        }
        if let customer = order.customer {
            _ = try await upsertCustomer(customer)
        }
        try await recomputeDemand(keys, old: old)
        return true
    }

    /// All lines of an order in multi-row INSERTs: one round trip per 1,000 lines (18,000 binds,
    /// well under the protocol's 65,535).
    func insertLines(_ order: Order, day: String, location: Int64, counted: Bool) async throws {
        let columns = 18
        let lines = Array(order.lineItems.enumerated())
        for start in stride(from: 0, to: lines.count, by: 1_000) {
            let chunk = lines[start..<min(start + 1_000, lines.count)]
            var binds = PostgresBindings(capacity: chunk.count * columns)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for (position, line) in chunk {
                let lineCounted = counted && !line.isGiftCard && line.variantID != nil
                let base = binds.count
                tuples.append("(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
                binds.append(shopID); binds.append(order.id); binds.append(Int64(position)); binds.append(line.id)
                binds.append(line.productID); binds.append(line.variantID); binds.append(line.title)
                binds.append(line.variantTitle); binds.append(line.sku); binds.append(line.vendor)
                binds.append(Int64(line.quantity)); binds.append(line.price.minorUnits)
                binds.append(line.totalDiscount.minorUnits); binds.append(line.price.currency)
                binds.append(line.isGiftCard.storageInteger); binds.append(day); binds.append(location)
                binds.append(lineCounted.storageInteger)
            }
            try await execute(PostgresQuery(unsafeSQL: """
                INSERT INTO line_items (shop_id, order_id, position, id, product_id, variant_id, title, variant_title,
                    sku, vendor, quantity, price_minor, total_discount_minor, currency, gift_card, day, demand_location_id, counted)
                VALUES \(tuples.joined(separator: ", "))
                """, binds: binds))
        }
    }

    /// Inserts the order, or replaces it when this `updated_at` is newer than the stored one.
    /// nil when the stored version is as new or newer (nothing written); else whether the row is
    /// new, and whether refund lines of the order are stored (refunds that arrived first).
    func upsertOrderRow(_ o: Order, day: String, location: Int64, counted: Bool) async throws -> (inserted: Bool, hasRefundLines: Bool)? {
        let units = Int64(o.lineItems.reduce(0) { $0 + $1.quantity })
        let orderNumber = o.orderNumber.map(Int64.init)
        guard let row = try await rows("""
            INSERT INTO orders AS o (shop_id, id, name, order_number, email, phone, created_at, processed_at, updated_at,
                cancelled_at, cancel_reason, currency, presentment_currency, channel, location_id, customer_id,
                browser_ip, billing_address, shipping_address, financial_status, fulfillment_status,
                subtotal_minor, total_minor, total_discounts_minor, total_tax_minor, discount_codes, tags, test,
                day, demand_location_id, counted, line_item_count, units)
            VALUES (\(shopID), \(o.id), \(o.name), \(orderNumber), \(o.email), \(o.phone), \(o.createdAt.storageMilliseconds),
                \(o.processedAt?.storageMilliseconds), \(o.updatedAt.storageMilliseconds), \(o.cancelledAt?.storageMilliseconds),
                \(o.cancelReason), \(o.currency), \(o.presentmentCurrency), \(o.channel.name), \(o.locationID), \(o.customer?.id),
                \(o.browserIP), \(JSONColumn.address(o.billingAddress)), \(JSONColumn.address(o.shippingAddress)),
                \(o.financialStatus), \(o.fulfillmentStatus), \(o.subtotalPrice.minorUnits), \(o.totalPrice.minorUnits),
                \(o.totalDiscounts.minorUnits), \(o.totalTax.minorUnits), \(JSONColumn.discountCodes(o.discountCodes)),
                \(JSONColumn.strings(o.tags)), \(o.test.storageInteger), \(day), \(location), \(counted.storageInteger),
                \(Int64(o.lineItems.count)), \(units))
            ON CONFLICT (shop_id, id) DO UPDATE SET
                name = excluded.name, order_number = excluded.order_number, email = excluded.email,
                phone = excluded.phone, created_at = excluded.created_at, processed_at = excluded.processed_at,
                updated_at = excluded.updated_at, cancelled_at = excluded.cancelled_at,
                cancel_reason = excluded.cancel_reason, currency = excluded.currency,
                presentment_currency = excluded.presentment_currency, channel = excluded.channel,
                location_id = excluded.location_id, customer_id = excluded.customer_id,
                browser_ip = excluded.browser_ip, billing_address = excluded.billing_address,
                shipping_address = excluded.shipping_address, financial_status = excluded.financial_status,
                fulfillment_status = excluded.fulfillment_status, subtotal_minor = excluded.subtotal_minor,
                total_minor = excluded.total_minor, total_discounts_minor = excluded.total_discounts_minor,
                total_tax_minor = excluded.total_tax_minor, discount_codes = excluded.discount_codes,
                tags = excluded.tags, test = excluded.test, day = excluded.day,
                demand_location_id = excluded.demand_location_id, counted = excluded.counted,
                line_item_count = excluded.line_item_count, units = excluded.units
            WHERE excluded.updated_at > o.updated_at
            RETURNING o.xmax = 0, EXISTS (SELECT 1 FROM refund_line_items WHERE shop_id = \(shopID) AND order_id = \(o.id))
            """).first else { return nil }
        let (inserted, hasRefundLines) = try row.decode((Bool, Bool).self)
        return (inserted, hasRefundLines)
    }

    // MARK: Refunds

    /// Moves refunds recorded before this version of their order to the order's attribution.
    func reattributeRefunds(orderID: Int64, location: Int64, counted: Bool, keys: inout Set<DemandKey>, old: inout Set<DemandKey>) async throws {
        let found = try await rows("""
            SELECT variant_id, demand_location_id, day, counted FROM refund_line_items
            WHERE shop_id = \(shopID) AND order_id = \(orderID)
            """)
        guard !found.isEmpty else { return }
        for row in found {
            let (variant, rowLocation, day, rowCounted) = try row.decode((Int64?, Int64, String, Int64).self)
            guard let variant else { continue }
            if rowCounted != 0 { old.insert(DemandKey(variantID: variant, locationID: rowLocation, day: day)) }
            if counted { keys.insert(DemandKey(variantID: variant, locationID: location, day: day)) }
        }
        try await execute("""
            UPDATE refund_line_items SET demand_location_id = \(location),
                counted = CASE WHEN variant_id IS NOT NULL AND \(counted.storageInteger) <> 0 THEN 1 ELSE 0 END
            WHERE shop_id = \(shopID) AND order_id = \(orderID)
            """)
    }

    /// Replaces a refund (by id) and its lines, collecting the demand keys it touched.
    func upsertRefund(_ refund: Refund, keys: inout Set<DemandKey>, old: inout Set<DemandKey>) async throws {
        let order = try await rows("""
            SELECT demand_location_id, counted FROM orders WHERE shop_id = \(shopID) AND id = \(refund.orderID)
            """).first.map { try $0.decode((Int64, Int64).self) }
        let location = order?.0 ?? context.onlineLocationID
        let orderCounted = order.map { $0.1 != 0 } ?? true
        for row in try await rows("""
            DELETE FROM refund_line_items WHERE shop_id = \(shopID) AND refund_id = \(refund.id)
            RETURNING variant_id, demand_location_id, day, counted
            """) {
            let (variant, rowLocation, day, rowCounted) = try row.decode((Int64?, Int64, String, Int64).self)
            if rowCounted == 1, let variant { old.insert(DemandKey(variantID: variant, locationID: rowLocation, day: day)) }
        }
        let day = context.calendar.day(of: refund.createdAt)
        try await execute("""
            INSERT INTO refunds (shop_id, id, order_id, created_at, processed_at, note, amount_minor, amount_currency, day)
            VALUES (\(shopID), \(refund.id), \(refund.orderID), \(refund.createdAt.storageMilliseconds),
                \(refund.processedAt?.storageMilliseconds), \(refund.note), \(refund.amount?.minorUnits),
                \(refund.amount?.currency), \(day))
            ON CONFLICT (shop_id, id) DO UPDATE SET order_id = excluded.order_id, created_at = excluded.created_at,
                processed_at = excluded.processed_at, note = excluded.note, amount_minor = excluded.amount_minor,
                amount_currency = excluded.amount_currency, day = excluded.day
            """)
        guard !refund.lineItems.isEmpty else { return }
        let columns = 15
        var binds = PostgresBindings(capacity: refund.lineItems.count * columns)
        var tuples: [String] = []
        for (position, line) in refund.lineItems.enumerated() {
            let counted = orderCounted && line.variantID != nil
            let base = binds.count
            tuples.append("(" + (1...columns).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
            binds.append(shopID); binds.append(refund.id); binds.append(line.id); binds.append(Int64(position))
            binds.append(refund.orderID); binds.append(line.lineItemID); binds.append(line.variantID)
            binds.append(Int64(line.quantity)); binds.append(line.restockType); binds.append(line.locationID)
            binds.append(line.subtotal.minorUnits); binds.append(line.subtotal.currency); binds.append(day)
            binds.append(location); binds.append(counted.storageInteger)
            if counted, let variant = line.variantID {
                keys.insert(DemandKey(variantID: variant, locationID: location, day: day))
            }
        }
        // A refund has at most a few hundred lines (Shopify caps an order's lines), far from the bind limit.
        try await execute(PostgresQuery(unsafeSQL: """
            INSERT INTO refund_line_items (shop_id, refund_id, id, position, order_id, line_item_id, variant_id, quantity,
                restock_type, location_id, subtotal_minor, currency, day, demand_location_id, counted)
            VALUES \(tuples.joined(separator: ", "))
            """, binds: binds))
    }
}

extension Bool {
    /// The 0/1 BIGINT both schemas store booleans as.
    var storageInteger: Int64 { self ? 1 : 0 }
}
