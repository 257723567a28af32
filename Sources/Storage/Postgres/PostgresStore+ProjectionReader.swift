import Commerce
import Foundation
import PostgresNIO

/// Reads of the projections on PostgreSQL, with the SQLite store's orderings and values
/// (`SQLiteStore+Reads`, `+CatalogReads`). Text orderings use `COLLATE "C"` (SQLite's byte order).
extension PostgresStore: ProjectionReader {
    static let orderColumns = """
        id, name, order_number, email, phone, created_at, processed_at, updated_at, cancelled_at, cancel_reason, currency,
        presentment_currency, channel, location_id, customer_id, browser_ip, billing_address, shipping_address,
        financial_status, fulfillment_status, subtotal_minor, total_minor, total_discounts_minor, total_tax_minor,
        discount_codes, tags, test, line_item_count, units
        """

    public func orders(shopID: Int64, from: Date?, to: Date?, limit: Int, offset: Int) async throws -> [OrderSummary] {
        let fromMS = from?.storageMilliseconds, toMS = to?.storageMilliseconds
        return try await rows("""
            SELECT \(unescaped: Self.orderColumns) FROM orders
            WHERE shop_id = \(shopID) AND (\(fromMS)::bigint IS NULL OR created_at >= \(fromMS)::bigint)
              AND (\(toMS)::bigint IS NULL OR created_at < \(toMS)::bigint)
            ORDER BY created_at DESC, id DESC LIMIT \(Int64(limit)) OFFSET \(Int64(offset))
            """).map { row in
            let r = ProjectionRow(row)
            let currency: String = try r("currency")
            return OrderSummary(
                id: try r("id"), name: try r("name"), createdAt: try r.requiredDate("created_at"),
                updatedAt: try r.requiredDate("updated_at"), cancelledAt: try r.date("cancelled_at"),
                channel: try r("channel"), locationID: try r("location_id"), customerID: try r("customer_id"),
                financialStatus: try r("financial_status"), fulfillmentStatus: try r("fulfillment_status"),
                totalPrice: Money(minorUnits: try r("total_minor"), currency: currency),
                totalDiscounts: Money(minorUnits: try r("total_discounts_minor"), currency: currency),
                lineItemCount: try r("line_item_count"), units: try r("units"))
        }
    }

    public func order(shopID: Int64, id: Int64) async throws -> Order? {
        guard let row = try await rows("""
            SELECT \(unescaped: Self.orderColumns) FROM orders WHERE shop_id = \(shopID) AND id = \(id)
            """).first else { return nil }
        return try await order(shopID: shopID, row: row)
    }

    public func customerData(shopID: Int64, customerID: Int64) async throws -> CustomerDataExport {
        let customer = try await customer(shopID: shopID, id: customerID)
        var orders: [Order] = []
        for row in try await rows("""
            SELECT \(unescaped: Self.orderColumns) FROM orders
            WHERE shop_id = \(shopID) AND customer_id = \(customerID) ORDER BY created_at, id
            """) {
            orders.append(try await order(shopID: shopID, row: row))
        }
        return CustomerDataExport(customer: customer, orders: orders)
    }

    /// A full `Order` from its row (`orderColumns`), line items, refunds and customer.
    func order(shopID: Int64, row: PostgresRow) async throws -> Order {
        let r = ProjectionRow(row)
        let id: Int64 = try r("id")
        let currency: String = try r("currency")
        func money(_ column: String) throws -> Money { Money(minorUnits: try r(column), currency: currency) }
        let lines = try await rows("""
            SELECT id, product_id, variant_id, title, variant_title, sku, vendor, quantity, price_minor,
                total_discount_minor, currency, gift_card
            FROM line_items WHERE shop_id = \(shopID) AND order_id = \(id) ORDER BY position
            """).map { row in
            let line = ProjectionRow(row)
            let lineCurrency: String = try line("currency")
            return LineItem(
                id: try line("id"), productID: try line("product_id"), variantID: try line("variant_id"),
                title: try line("title"), variantTitle: try line("variant_title"), sku: try line("sku"),
                vendor: try line("vendor"), quantity: try line("quantity"),
                price: Money(minorUnits: try line("price_minor"), currency: lineCurrency),
                totalDiscount: Money(minorUnits: try line("total_discount_minor"), currency: lineCurrency),
                isGiftCard: try line.flag("gift_card"))
        }
        let customerID: Int64? = try r("customer_id")
        let customer: Customer? = if let customerID { try await self.customer(shopID: shopID, id: customerID) } else { nil }
        let orderNumber: Int? = try r("order_number", as: Int64?.self).map { Int($0) }
        return Order(
            id: id, name: try r("name"), orderNumber: orderNumber, email: try r("email"), phone: try r("phone"),
            createdAt: try r.requiredDate("created_at"), processedAt: try r.date("processed_at"),
            updatedAt: try r.requiredDate("updated_at"), cancelledAt: try r.date("cancelled_at"),
            cancelReason: try r("cancel_reason"), currency: currency, presentmentCurrency: try r("presentment_currency"),
            channel: Channel(storedName: try r("channel")), locationID: try r("location_id"), customer: customer,
            browserIP: try r("browser_ip"),
            billingAddress: JSONColumn.decode(Address.self, try r("billing_address")),
            shippingAddress: JSONColumn.decode(Address.self, try r("shipping_address")),
            financialStatus: try r("financial_status"), fulfillmentStatus: try r("fulfillment_status"),
            subtotalPrice: try money("subtotal_minor"), totalPrice: try money("total_minor"),
            totalDiscounts: try money("total_discounts_minor"), totalTax: try money("total_tax_minor"),
            lineItems: lines, discountCodes: JSONColumn.decode([DiscountCode].self, try r("discount_codes")) ?? [],
            tags: JSONColumn.decode([String].self, try r("tags")) ?? [], test: try r.flag("test"),
            refunds: try await refunds(shopID: shopID, orderID: id))
    }

    func refunds(shopID: Int64, orderID: Int64) async throws -> [Refund] {
        var refunds: [Refund] = []
        for row in try await rows("""
            SELECT id, order_id, created_at, processed_at, note, amount_minor, amount_currency FROM refunds
            WHERE shop_id = \(shopID) AND order_id = \(orderID) ORDER BY created_at, id
            """) {
            let r = ProjectionRow(row)
            let refundID: Int64 = try r("id")
            let lines = try await rows("""
                SELECT id, line_item_id, variant_id, quantity, restock_type, location_id, subtotal_minor, currency
                FROM refund_line_items WHERE shop_id = \(shopID) AND refund_id = \(refundID) ORDER BY position
                """).map { row in
                let line = ProjectionRow(row)
                return RefundLineItem(
                    id: try line("id"), lineItemID: try line("line_item_id"), variantID: try line("variant_id"),
                    quantity: try line("quantity"), restockType: try line("restock_type"), locationID: try line("location_id"),
                    subtotal: Money(minorUnits: try line("subtotal_minor"), currency: try line("currency")))
            }
            let amountMinor: Int64? = try r("amount_minor")
            let amountCurrency: String? = try r("amount_currency")
            refunds.append(Refund(
                id: refundID, orderID: try r("order_id"), createdAt: try r.requiredDate("created_at"),
                processedAt: try r.date("processed_at"), note: try r("note"), lineItems: lines,
                amount: amountMinor.flatMap { minor in amountCurrency.map { Money(minorUnits: minor, currency: $0) } }))
        }
        return refunds
    }

    public func customer(shopID: Int64, id: Int64) async throws -> Customer? {
        try await rows("""
            SELECT id, email, phone, first_name, last_name, state, tags, currency, accepts_email_marketing,
                accepts_sms_marketing, default_address, created_at, updated_at
            FROM customers WHERE shop_id = \(shopID) AND id = \(id)
            """).first.map { row in
            let r = ProjectionRow(row)
            return Customer(
                id: try r("id"), email: try r("email"), phone: try r("phone"), firstName: try r("first_name"),
                lastName: try r("last_name"), state: try r("state"), tags: JSONColumn.decode([String].self, try r("tags")) ?? [],
                currency: try r("currency"), acceptsEmailMarketing: try r.flag("accepts_email_marketing"),
                acceptsSMSMarketing: try r.flag("accepts_sms_marketing"),
                defaultAddress: JSONColumn.decode(Address.self, try r("default_address")),
                createdAt: try r.date("created_at"), updatedAt: try r.date("updated_at"))
        }
    }
}
