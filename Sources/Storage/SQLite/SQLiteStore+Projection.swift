import Commerce
import Foundation
import GRDB

/// Applies one decoded event to a shop's projections, inside the caller's transaction.
///
/// Rules (the same on ingest and on replay, so a replay of the log rebuilds identical rows):
/// - Orders, products and customers: a newer `updated_at` wins; an equal or older one changes
///   nothing (`applied == false`). A payload without `updated_at` is inserted only when absent.
/// - An order replaces its line items; its embedded customer and refunds are upserted too.
/// - Demand attribution of a line: the shop-local day of the order's `created_at` (not
///   `processed_at`: imports and edits move `processed_at`, the sale happened at creation), the
///   order's `location_id`, else the shop's online location (`Shop.onlineLocationID`, else `Location.onlineID`), counted unless the order is cancelled or a test,
///   the line is a gift card, or it has no variant.
/// - Refunded units: the shop-local day of the refund's `created_at`, the variant of the refunded
///   line, and the order's demand location; not counted for cancelled or test orders. A refund
///   that arrives before its order is attributed to the online location until the order arrives.
/// - `daily_demand` rows are recomputed (never incremented) from those attributions for every key
///   an event touched, old and new; see `Projector+Demand` for stock.
struct Projector {
    let db: Database
    let shopID: Int64
    let context: ShopContext

    /// Applies a payload; whether it changed the projections.
    func apply(_ payload: WebhookPayload, receivedAt: Date) throws -> Bool {
        switch payload {
        case .order(let order): return try applyOrder(order)
        case .refund(let refund):
            var keys = Set<DemandKey>(), old = Set<DemandKey>()
            try upsertRefund(refund, keys: &keys, old: &old)
            try recomputeDemand(keys, old: old)
            return true
        case .product(let product): return try applyProduct(product)
        case .productDeleted(let id): return try deleteProduct(id: id)
        case .customer(let customer): return try upsertCustomer(customer)
        case .inventoryLevel(let level): return try applyInventoryLevel(level)
        case .location(let location): return try upsertLocation(location)
        case .appUninstalled:
            try execute("UPDATE shops SET uninstalled_at = ? WHERE id = ?", [receivedAt.storageMilliseconds, shopID])
            return true
        case .customersRedact(let request):
            try redact(request)
            return true
        case .customersDataRequest, .shopRedact, .unknown:
            return false
        case .dispute(let dispute):
            return try upsertDispute(dispute)
        }
    }

    func execute(_ sql: String, _ arguments: StatementArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: arguments)
    }

    func fetchRow(_ sql: String, _ arguments: StatementArguments) throws -> Row? {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: arguments)
    }

    func fetchRows(_ sql: String, _ arguments: StatementArguments) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments)
    }

    /// Whether an incoming `updated_at` should replace the stored one (newer wins, ties keep).
    static func isNewer(_ incoming: Date?, than stored: Row?) -> Bool {
        guard let stored else { return true }
        guard let incoming else { return false }
        guard let storedMS = stored[0] as Int64? else { return true }
        return incoming.storageMilliseconds > storedMS
    }

    // MARK: Orders

    func applyOrder(_ order: Order) throws -> Bool {
        let stored = try fetchRow("SELECT updated_at FROM orders WHERE shop_id = ? AND id = ?", [shopID, order.id])
        guard Self.isNewer(order.updatedAt, than: stored) else { return false }
        var keys = Set<DemandKey>(), old = Set<DemandKey>()
        if stored != nil {
            for row in try fetchRows("""
                SELECT variant_id, demand_location_id, day FROM line_items
                WHERE shop_id = ? AND order_id = ? AND counted = 1
                """, [shopID, order.id]) {
                old.insert(DemandKey(row))
            }
            try execute("DELETE FROM line_items WHERE shop_id = ? AND order_id = ?", [shopID, order.id])
        }
        let day = context.calendar.day(of: order.createdAt)
        let location = order.locationID ?? context.onlineLocationID
        let counted = order.cancelledAt == nil && !order.test
        try upsertOrderRow(order, day: day, location: location, counted: counted)
        // All lines in one multi-row INSERT (one cached statement per line count).
        var lineArguments: [(any DatabaseValueConvertible)?] = []
        lineArguments.reserveCapacity(order.lineItems.count * 18)
        for (position, line) in order.lineItems.enumerated() {
            let lineCounted = counted && !line.isGiftCard && line.variantID != nil
            lineArguments += [
                shopID, order.id, position, line.id, line.productID, line.variantID, line.title, line.variantTitle,
                line.sku, line.vendor, line.quantity, line.price.minorUnits, line.totalDiscount.minorUnits,
                line.price.currency, line.isGiftCard, day, location, lineCounted,
            ]
            if lineCounted, let variant = line.variantID {
                keys.insert(DemandKey(variantID: variant, locationID: location, day: day))
            }
        }
        // At most 100 lines (1,800 parameters) per statement, well under SQLite's limit.
        for start in stride(from: 0, to: order.lineItems.count, by: 100) {
            let count = min(100, order.lineItems.count - start)
            try execute(Self.insertLinesSQL(count: count),
                        StatementArguments(Array(lineArguments[(start * 18)..<((start + count) * 18)])))
        }
        try reattributeRefunds(orderID: order.id, location: location, counted: counted, keys: &keys, old: &old)
        for refund in order.refunds {
            try upsertRefund(refund, keys: &keys, old: &old)
        }
        if let customer = order.customer {
            _ = try upsertCustomer(customer)
        }
        try recomputeDemand(keys, old: old)
        return true
    }

    static func insertLinesSQL(count: Int) -> String {
        """
        INSERT INTO line_items (shop_id, order_id, position, id, product_id, variant_id, title, variant_title,
            sku, vendor, quantity, price_minor, total_discount_minor, currency, gift_card, day, demand_location_id, counted)
        VALUES
        """ + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    func upsertOrderRow(_ o: Order, day: String, location: Int64, counted: Bool) throws {
        let units = o.lineItems.reduce(0) { $0 + $1.quantity }
        try execute("""
            INSERT INTO orders (shop_id, id, name, order_number, email, phone, created_at, processed_at, updated_at,
                cancelled_at, cancel_reason, currency, presentment_currency, channel, location_id, customer_id,
                browser_ip, billing_address, shipping_address, financial_status, fulfillment_status,
                subtotal_minor, total_minor, total_discounts_minor, total_tax_minor, discount_codes, tags, test,
                day, demand_location_id, counted, line_item_count, units)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            """, [
                shopID, o.id, o.name, o.orderNumber, o.email, o.phone, o.createdAt.storageMilliseconds,
                o.processedAt?.storageMilliseconds, o.updatedAt.storageMilliseconds, o.cancelledAt?.storageMilliseconds,
                o.cancelReason, o.currency, o.presentmentCurrency, o.channel.name, o.locationID, o.customer?.id,
                o.browserIP, JSONColumn.address(o.billingAddress), JSONColumn.address(o.shippingAddress),
                o.financialStatus, o.fulfillmentStatus, o.subtotalPrice.minorUnits, o.totalPrice.minorUnits,
                o.totalDiscounts.minorUnits, o.totalTax.minorUnits, JSONColumn.discountCodes(o.discountCodes),
                JSONColumn.strings(o.tags), o.test, day, location, counted, o.lineItems.count, units,
            ])
    }

    // MARK: Refunds

    /// Moves refunds recorded before this version of their order to the order's attribution.
    func reattributeRefunds(orderID: Int64, location: Int64, counted: Bool, keys: inout Set<DemandKey>, old: inout Set<DemandKey>) throws {
        let rows = try fetchRows("""
            SELECT variant_id, demand_location_id, day, counted FROM refund_line_items WHERE shop_id = ? AND order_id = ?
            """, [shopID, orderID])
        guard !rows.isEmpty else { return }
        for row in rows {
            guard let variant = row["variant_id"] as Int64? else { continue }
            if row["counted"] as Bool { old.insert(DemandKey(row)) }
            if counted { keys.insert(DemandKey(variantID: variant, locationID: location, day: row["day"])) }
        }
        try execute("""
            UPDATE refund_line_items SET demand_location_id = ?, counted = (variant_id IS NOT NULL AND ?)
            WHERE shop_id = ? AND order_id = ?
            """, [location, counted, shopID, orderID])
    }

    /// Replaces a refund (by id) and its lines, collecting the demand keys it touched.
    func upsertRefund(_ refund: Refund, keys: inout Set<DemandKey>, old: inout Set<DemandKey>) throws {
        let order = try fetchRow("SELECT demand_location_id, counted FROM orders WHERE shop_id = ? AND id = ?",
                                 [shopID, refund.orderID])
        let location: Int64 = order?["demand_location_id"] ?? context.onlineLocationID
        let orderCounted: Bool = order?["counted"] ?? true
        for row in try fetchRows("""
            SELECT variant_id, demand_location_id, day FROM refund_line_items
            WHERE shop_id = ? AND refund_id = ? AND counted = 1
            """, [shopID, refund.id]) {
            old.insert(DemandKey(row))
        }
        try execute("DELETE FROM refund_line_items WHERE shop_id = ? AND refund_id = ?", [shopID, refund.id])
        let day = context.calendar.day(of: refund.createdAt)
        try execute("""
            INSERT INTO refunds (shop_id, id, order_id, created_at, processed_at, note, amount_minor, amount_currency, day)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (shop_id, id) DO UPDATE SET order_id = excluded.order_id, created_at = excluded.created_at,
                processed_at = excluded.processed_at, note = excluded.note, amount_minor = excluded.amount_minor,
                amount_currency = excluded.amount_currency, day = excluded.day
            """, [
                shopID, refund.id, refund.orderID, refund.createdAt.storageMilliseconds,
                refund.processedAt?.storageMilliseconds, refund.note, refund.amount?.minorUnits,
                refund.amount?.currency, day,
            ])
        let insertLine = try db.cachedStatement(sql: """
            INSERT INTO refund_line_items (shop_id, refund_id, id, position, order_id, line_item_id, variant_id, quantity,
                restock_type, location_id, subtotal_minor, currency, day, demand_location_id, counted)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, line) in refund.lineItems.enumerated() {
            let counted = orderCounted && line.variantID != nil
            try insertLine.execute(arguments: [
                shopID, refund.id, line.id, position, refund.orderID, line.lineItemID, line.variantID, line.quantity,
                line.restockType, line.locationID, line.subtotal.minorUnits, line.subtotal.currency, day, location, counted,
            ])
            if counted, let variant = line.variantID {
                keys.insert(DemandKey(variantID: variant, locationID: location, day: day))
            }
        }
    }
}
