import Foundation
import GRDB

/// The customer-value reads over projections: orders and contacts for the summaries, the
/// clienteling profile and consent-aware audiences.
extension SQLiteStore {
    /// A refund's amount is its successful refund transactions; a refund without any (an older
    /// payload shape) counts its lines' subtotals.
    static let refundAmountSQL = """
        COALESCE(r.amount_minor, (SELECT SUM(l.subtotal_minor) FROM refund_line_items l
                                  WHERE l.shop_id = r.shop_id AND l.refund_id = r.id), 0)
        """

    public func customerOrders(shopID: Int64) async throws -> [CustomerOrderRow] {
        try await writer.read { db in
            var rows: [CustomerOrderRow] = []
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT o.id, o.customer_id, o.email, o.phone, o.created_at, o.day, o.channel, o.total_minor, o.currency,
                       o.cancelled_at IS NOT NULL AS cancelled, COALESCE(f.refunded, 0) AS refunded
                FROM orders o
                LEFT JOIN (SELECT r.order_id, SUM(\(Self.refundAmountSQL)) AS refunded FROM refunds r
                           WHERE r.shop_id = ?1 GROUP BY r.order_id) f ON f.order_id = o.id
                WHERE o.shop_id = ?1 AND o.test = 0
                ORDER BY o.created_at, o.id
                """, arguments: [shopID])
            while let row = try cursor.next() {
                rows.append(CustomerOrderRow(
                    orderID: row["id"], customerID: row["customer_id"], email: row["email"], phone: row["phone"],
                    createdAt: row.date("created_at") ?? Date(timeIntervalSince1970: 0), day: row["day"],
                    channel: (row["channel"] as String) == "pos" ? "pos" : "online", totalMinor: row["total_minor"],
                    refundedMinor: row["refunded"], currency: row["currency"], cancelled: row["cancelled"]))
            }
            return rows
        }
    }

    public func customerContacts(shopID: Int64) async throws -> [CustomerContact] {
        try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, email, phone FROM customers WHERE shop_id = ? ORDER BY id", arguments: [shopID]).map {
                CustomerContact(customerID: $0["id"], email: $0["email"], phone: $0["phone"])
            }
        }
    }

    /// The orders of customer ?2 in shop ?1: those with the customer attached, and guest orders
    /// whose email is the customer's (?3), as the scoring job joins them. Both halves are indexed.
    static let customerOrdersCTE = """
        WITH mine AS MATERIALIZED (
            SELECT * FROM orders WHERE shop_id = ?1 AND customer_id = ?2 AND cancelled_at IS NULL AND test = 0
            UNION ALL
            SELECT * FROM orders WHERE shop_id = ?1 AND customer_id IS NULL AND email IS NOT NULL
              AND lower(trim(email)) = ?3 AND cancelled_at IS NULL AND test = 0)
        """

    /// A handful of small indexed reads in one snapshot: the customer row, the score, live
    /// totals, the favourite product types and the last order per channel with its lines.
    public func customerProfile(shopID: Int64, customerID: Int64) async throws -> CustomerProfile? {
        try await writer.read { db in
            guard let customer = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT first_name, last_name, email, phone, tags, currency, accepts_email_marketing, accepts_sms_marketing
                FROM customers WHERE shop_id = ? AND id = ?
                """), arguments: [shopID, customerID]) else { return nil }
            // A customer without an email matches no guest order ('' is never an order's trimmed email with '@').
            let emailKey = (customer["email"] as String?)?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let mine: StatementArguments = [shopID, customerID, emailKey.contains("@") ? emailKey : ""]
            let score = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM customer_scores WHERE shop_id = ? AND customer_id = ?"),
                                         arguments: [shopID, customerID]).map(Self.customerScore)
            let totals = try Row.fetchOne(db.cachedStatement(sql: """
                \(Self.customerOrdersCTE)
                SELECT COUNT(*) AS orders, COALESCE(SUM(o.total_minor), 0) AS total, MAX(o.currency) AS currency,
                       COALESCE(SUM((SELECT SUM(\(Self.refundAmountSQL)) FROM refunds r WHERE r.shop_id = o.shop_id AND r.order_id = o.id)), 0) AS refunded
                FROM mine o
                """), arguments: mine)
            let favourites = try Row.fetchAll(db.cachedStatement(sql: """
                \(Self.customerOrdersCTE)
                SELECT p.product_type AS type, SUM(li.quantity) AS units
                FROM mine o
                JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
                JOIN products p ON p.shop_id = li.shop_id AND p.id = li.product_id
                WHERE p.product_type IS NOT NULL AND p.product_type <> ''
                GROUP BY p.product_type ORDER BY units DESC, p.product_type LIMIT 5
                """), arguments: mine).map { ProductTypeCount(productType: $0["type"], units: $0["units"]) }
            let orders: Int = totals?["orders"] ?? 0
            let total: Int64 = totals?["total"] ?? 0
            let refunded: Int64 = totals?["refunded"] ?? 0
            return CustomerProfile(
                customerID: customerID, firstName: customer["first_name"], lastName: customer["last_name"],
                email: customer["email"], phone: customer["phone"],
                tags: JSONColumn.decode([String].self, customer["tags"]) ?? [],
                acceptsEmailMarketing: customer["accepts_email_marketing"], acceptsSMSMarketing: customer["accepts_sms_marketing"],
                score: score, lifetimeSpendMinor: total - refunded, orders: orders,
                currency: totals?["currency"] ?? customer["currency"], favouriteProductTypes: favourites,
                lastOnlinePurchase: try Self.lastPurchase(db, mine, pos: false),
                lastInStorePurchase: try Self.lastPurchase(db, mine, pos: true))
        }
    }

    /// The newest of the customer's orders (`mine`: shop, customer, email key) in store or online, with its lines.
    static func lastPurchase(_ db: Database, _ mine: StatementArguments, pos: Bool) throws -> RecentPurchase? {
        var arguments = mine
        arguments += [pos]
        guard let order = try Row.fetchOne(db.cachedStatement(sql: """
            \(Self.customerOrdersCTE)
            SELECT o.id, o.shop_id, o.name, o.created_at, o.total_minor, o.currency, o.location_id, l.name AS location_name
            FROM mine o LEFT JOIN locations l ON l.shop_id = o.shop_id AND l.id = o.location_id
            WHERE (o.channel = 'pos') = ?4
            ORDER BY o.created_at DESC, o.id DESC LIMIT 1
            """), arguments: arguments) else { return nil }
        let orderID: Int64 = order["id"]
        let lines = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT li.title, li.variant_title, li.quantity, p.product_type
            FROM line_items li LEFT JOIN products p ON p.shop_id = li.shop_id AND p.id = li.product_id
            WHERE li.shop_id = ? AND li.order_id = ? ORDER BY li.position
            """), arguments: [order["shop_id"] as Int64, orderID]).map {
            RecentPurchaseLine(title: $0["title"], variantTitle: $0["variant_title"], productType: $0["product_type"], quantity: $0["quantity"])
        }
        return RecentPurchase(
            orderID: orderID, name: order["name"], createdAt: order.date("created_at") ?? Date(timeIntervalSince1970: 0),
            totalMinor: order["total_minor"], currency: order["currency"], locationID: order["location_id"],
            locationName: order["location_name"], lines: lines)
    }

    /// Consent is read from the customer row at export time, so an unsubscribe that arrived
    /// after the scoring run is honoured; a customer without the channel's address is left out.
    public func audience(shopID: Int64, segment: String?, channel: MarketingChannel) async throws -> [AudienceMember] {
        let consent = switch channel {
        case .email: "c.accepts_email_marketing = 1 AND c.email IS NOT NULL AND c.email <> ''"
        case .sms: "c.accepts_sms_marketing = 1 AND c.phone IS NOT NULL AND c.phone <> ''"
        }
        var arguments: StatementArguments = [shopID]
        if let segment { arguments += [segment] }
        let filterArguments = arguments
        return try await writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, c.email, c.phone, c.first_name, c.last_name, c.tags
                FROM customer_scores s JOIN customers c ON c.shop_id = s.shop_id AND c.id = s.customer_id
                WHERE s.shop_id = ? \(segment == nil ? "" : "AND s.segment = ?") AND \(consent)
                ORDER BY s.clv_minor DESC, s.customer_id
                """, arguments: filterArguments).map { row in
                AudienceMember(
                    customerID: row["customer_id"], email: row["email"], phone: row["phone"], firstName: row["first_name"],
                    lastName: row["last_name"], segment: row["segment"], lifetimeValueMinor: row["clv_minor"],
                    spendMinor: row["spend_minor"], probabilityAlive: row["p_alive"], expectedPurchases: row["expected_purchases"],
                    orders: row["orders"], lastOrderDay: row["last_order_day"], currency: row["currency"],
                    tags: JSONColumn.decode([String].self, row["tags"]) ?? [])
            }
        }
    }
}
