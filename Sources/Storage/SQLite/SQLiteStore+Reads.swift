import Commerce
import Foundation
import GRDB

extension SQLiteStore: ProjectionReader {
    public func orders(shopID: Int64, from: Date?, to: Date?, limit: Int, offset: Int) async throws -> [OrderSummary] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM orders
                WHERE shop_id = ?1 AND (?2 IS NULL OR created_at >= ?2) AND (?3 IS NULL OR created_at < ?3)
                ORDER BY created_at DESC, id DESC LIMIT ?4 OFFSET ?5
                """, arguments: [shopID, from?.storageMilliseconds, to?.storageMilliseconds, limit, offset]).map { row in
                let currency: String = row["currency"]
                return OrderSummary(
                    id: row["id"], name: row["name"], createdAt: row.date("created_at")!, updatedAt: row.date("updated_at")!,
                    cancelledAt: row.date("cancelled_at"), channel: row["channel"], locationID: row["location_id"],
                    customerID: row["customer_id"], financialStatus: row["financial_status"],
                    fulfillmentStatus: row["fulfillment_status"],
                    totalPrice: Money(minorUnits: row["total_minor"], currency: currency),
                    totalDiscounts: Money(minorUnits: row["total_discounts_minor"], currency: currency),
                    lineItemCount: row["line_item_count"], units: row["units"])
            }
        }
    }

    public func order(shopID: Int64, id: Int64) async throws -> Order? {
        try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM orders WHERE shop_id = ? AND id = ?", arguments: [shopID, id])
                .map { try Self.order(db, shopID: shopID, row: $0) }
        }
    }

    public func customerData(shopID: Int64, customerID: Int64) async throws -> CustomerDataExport {
        try await writer.read { db in
            let customer = try Self.customer(db, shopID: shopID, id: customerID)
            let orders = try Row.fetchAll(db, sql: """
                SELECT * FROM orders WHERE shop_id = ? AND customer_id = ? ORDER BY created_at, id
                """, arguments: [shopID, customerID]).map { try Self.order(db, shopID: shopID, row: $0) }
            return CustomerDataExport(customer: customer, orders: orders)
        }
    }

    /// A full `Order` from its row, line items, refunds and customer.
    static func order(_ db: Database, shopID: Int64, row: Row) throws -> Order {
        let id: Int64 = row["id"]
        let currency: String = row["currency"]
        func money(_ column: String) -> Money { Money(minorUnits: row[column], currency: currency) }
        let lines = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM line_items WHERE shop_id = ? AND order_id = ? ORDER BY position
            """), arguments: [shopID, id]).map { line in
            let lineCurrency: String = line["currency"]
            return LineItem(
                id: line["id"], productID: line["product_id"], variantID: line["variant_id"], title: line["title"],
                variantTitle: line["variant_title"], sku: line["sku"], vendor: line["vendor"], quantity: line["quantity"],
                price: Money(minorUnits: line["price_minor"], currency: lineCurrency),
                totalDiscount: Money(minorUnits: line["total_discount_minor"], currency: lineCurrency),
                isGiftCard: line["gift_card"])
        }
        let customerID: Int64? = row["customer_id"]
        return Order(
            id: id, name: row["name"], orderNumber: row["order_number"], email: row["email"], phone: row["phone"],
            createdAt: row.date("created_at")!, processedAt: row.date("processed_at"), updatedAt: row.date("updated_at")!,
            cancelledAt: row.date("cancelled_at"), cancelReason: row["cancel_reason"], currency: currency,
            presentmentCurrency: row["presentment_currency"], channel: Channel(storedName: row["channel"]),
            locationID: row["location_id"],
            customer: try customerID.flatMap { try customer(db, shopID: shopID, id: $0) },
            browserIP: row["browser_ip"],
            billingAddress: JSONColumn.decode(Address.self, row["billing_address"]),
            shippingAddress: JSONColumn.decode(Address.self, row["shipping_address"]),
            financialStatus: row["financial_status"], fulfillmentStatus: row["fulfillment_status"],
            subtotalPrice: money("subtotal_minor"), totalPrice: money("total_minor"),
            totalDiscounts: money("total_discounts_minor"), totalTax: money("total_tax_minor"),
            lineItems: lines, discountCodes: JSONColumn.decode([DiscountCode].self, row["discount_codes"]) ?? [],
            tags: JSONColumn.decode([String].self, row["tags"]) ?? [], test: row["test"],
            refunds: try refunds(db, shopID: shopID, orderID: id))
    }

    static func refunds(_ db: Database, shopID: Int64, orderID: Int64) throws -> [Refund] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM refunds WHERE shop_id = ? AND order_id = ? ORDER BY created_at, id
            """), arguments: [shopID, orderID]).map { row in
            let refundID: Int64 = row["id"]
            let lines = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM refund_line_items WHERE shop_id = ? AND refund_id = ? ORDER BY position
                """), arguments: [shopID, refundID]).map { line in
                RefundLineItem(
                    id: line["id"], lineItemID: line["line_item_id"], variantID: line["variant_id"],
                    quantity: line["quantity"], restockType: line["restock_type"], locationID: line["location_id"],
                    subtotal: Money(minorUnits: line["subtotal_minor"], currency: line["currency"]))
            }
            let amountMinor: Int64? = row["amount_minor"]
            let amountCurrency: String? = row["amount_currency"]
            return Refund(
                id: refundID, orderID: row["order_id"], createdAt: row.date("created_at")!,
                processedAt: row.date("processed_at"), note: row["note"], lineItems: lines,
                amount: amountMinor.flatMap { minor in amountCurrency.map { Money(minorUnits: minor, currency: $0) } })
        }
    }

    static func customer(_ db: Database, shopID: Int64, id: Int64) throws -> Customer? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customers WHERE shop_id = ? AND id = ?"),
                         arguments: [shopID, id]).map { row in
            Customer(
                id: row["id"], email: row["email"], phone: row["phone"], firstName: row["first_name"],
                lastName: row["last_name"], state: row["state"], tags: JSONColumn.decode([String].self, row["tags"]) ?? [],
                currency: row["currency"], acceptsEmailMarketing: row["accepts_email_marketing"],
                acceptsSMSMarketing: row["accepts_sms_marketing"],
                defaultAddress: JSONColumn.decode(Address.self, row["default_address"]),
                createdAt: row.date("created_at"), updatedAt: row.date("updated_at"))
        }
    }
}
