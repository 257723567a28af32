import Foundation
import Logging
import PostgresNIO

/// The customer-value reads over projections, as `SQLiteStore+CustomerProfile`: orders and
/// contacts for the summaries, the clienteling profile and consent-aware audiences.
extension PostgresStore {
    /// A refund's amount is its successful refund transactions; a refund without any (an older
    /// payload shape) counts its lines' subtotals. Numeric sums are cast back where used.
    static let customerRefundAmountSQL = """
        COALESCE(r.amount_minor, (SELECT SUM(l.subtotal_minor) FROM refund_line_items l
                                  WHERE l.shop_id = r.shop_id AND l.refund_id = r.id), 0)
        """

    /// Streams the rows (a large shop has hundreds of thousands of orders) instead of collecting them first.
    public func customerOrders(shopID: Int64) async throws -> [CustomerOrderRow] {
        var result: [CustomerOrderRow] = []
        let rows = try await client.query("""
            SELECT o.id, o.customer_id, o.email, o.phone, o.created_at, o.day, o.channel, o.total_minor, o.currency,
                   o.cancelled_at IS NOT NULL, COALESCE(f.refunded, 0)::bigint
            FROM orders o
            LEFT JOIN (SELECT r.order_id, SUM(\(unescaped: Self.customerRefundAmountSQL)) AS refunded FROM refunds r
                       WHERE r.shop_id = \(shopID) GROUP BY r.order_id) f ON f.order_id = o.id
            WHERE o.shop_id = \(shopID) AND o.test = 0
            ORDER BY o.created_at, o.id
            """, logger: logger)
        for try await row in rows {
            let (id, customer, email, phone, created, day, channel, total, currency, cancelled, refunded) =
                try row.decode((Int64, Int64?, String?, String?, Int64, String, String, Int64, String, Bool, Int64).self)
            result.append(CustomerOrderRow(
                orderID: id, customerID: customer, email: email, phone: phone, createdAt: Date(storageMilliseconds: created),
                day: day, channel: channel == "pos" ? "pos" : "online", totalMinor: total, refundedMinor: refunded,
                currency: currency, cancelled: cancelled))
        }
        return result
    }

    public func customerContacts(shopID: Int64) async throws -> [CustomerContact] {
        try await rows("SELECT id, email, phone FROM customers WHERE shop_id = \(shopID) ORDER BY id").map { row in
            let (id, email, phone) = try row.decode((Int64, String?, String?).self)
            return CustomerContact(customerID: id, email: email, phone: phone)
        }
    }

    /// The orders of customer $2 in shop $1: those with the customer attached, and guest orders
    /// whose email is the customer's ($3), as the scoring job joins them. Both halves are
    /// indexed (`orders_shop_customer`, `orders_guest_email` on `lower(trim(email))`).
    static let customerOrdersCTE = """
        WITH mine AS MATERIALIZED (
            SELECT id, shop_id, name, created_at, total_minor, currency, location_id, channel FROM orders
            WHERE shop_id = $1 AND customer_id = $2 AND cancelled_at IS NULL AND test = 0
            UNION ALL
            SELECT id, shop_id, name, created_at, total_minor, currency, location_id, channel FROM orders
            WHERE shop_id = $1 AND customer_id IS NULL AND email IS NOT NULL
              AND lower(trim(email)) = $3 AND cancelled_at IS NULL AND test = 0)
        """

    /// `customerOrdersCTE` followed by `sql`, bound to (shop, customer, email key[, pos]).
    static func customerOrdersQuery(_ sql: String, shopID: Int64, customerID: Int64, emailKey: String, pos: Bool? = nil) -> PostgresQuery {
        var binds = PostgresBindings()
        binds.append(shopID)
        binds.append(customerID)
        binds.append(emailKey)
        if let pos { binds.append(pos) }
        return PostgresQuery(unsafeSQL: customerOrdersCTE + "\n" + sql, binds: binds)
    }

    /// A handful of small indexed reads in one snapshot: the customer row, the score, live
    /// totals, the favourite product types and the last order per channel with its lines.
    public func customerProfile(shopID: Int64, customerID: Int64) async throws -> CustomerProfile? {
        try await readOnlySnapshot { connection in
            guard let customer = try await connection.rows("""
                SELECT first_name, last_name, email, phone, tags, currency, accepts_email_marketing, accepts_sms_marketing
                FROM customers WHERE shop_id = \(shopID) AND id = \(customerID)
                """, logger: logger).first else { return nil }
            let (firstName, lastName, email, phone, tags, customerCurrency, acceptsEmail, acceptsSMS) =
                try customer.decode((String?, String?, String?, String?, String, String?, Int64, Int64).self)
            // A customer without an email matches no guest order ('' is never an order's trimmed email with '@').
            let trimmed = email?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let emailKey = trimmed.contains("@") ? trimmed : ""
            func mine(_ sql: String, pos: Bool? = nil) -> PostgresQuery {
                Self.customerOrdersQuery(sql, shopID: shopID, customerID: customerID, emailKey: emailKey, pos: pos)
            }
            let score = try await connection.rows("""
                SELECT \(unescaped: Self.customerScoreColumns(prefix: "")) FROM customer_scores
                WHERE shop_id = \(shopID) AND customer_id = \(customerID)
                """, logger: logger).first.map { try Self.customerScore($0.makeRandomAccess(), from: 0) }
            let totals = try await connection.rows(mine("""
                SELECT COUNT(*), COALESCE(SUM(o.total_minor), 0)::bigint, MAX(o.currency COLLATE "C"),
                       COALESCE(SUM((SELECT SUM(\(Self.customerRefundAmountSQL)) FROM refunds r
                                     WHERE r.shop_id = o.shop_id AND r.order_id = o.id)), 0)::bigint
                FROM mine o
                """), logger: logger).first
            var (orders, total, currency, refunded): (Int, Int64, String?, Int64) = (0, 0, nil, 0)
            if let totals { (orders, total, currency, refunded) = try totals.decode((Int, Int64, String?, Int64).self) }
            let favourites = try await connection.rows(mine("""
                SELECT p.product_type, SUM(li.quantity)::bigint AS units
                FROM mine o
                JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
                JOIN products p ON p.shop_id = li.shop_id AND p.id = li.product_id
                WHERE p.product_type IS NOT NULL AND p.product_type <> ''
                GROUP BY p.product_type ORDER BY units DESC, p.product_type COLLATE "C" LIMIT 5
                """), logger: logger).map { row in
                let (type, units) = try row.decode((String, Int).self)
                return ProductTypeCount(productType: type, units: units)
            }
            return CustomerProfile(
                customerID: customerID, firstName: firstName, lastName: lastName, email: email, phone: phone,
                tags: JSONColumn.decode([String].self, tags) ?? [], acceptsEmailMarketing: acceptsEmail != 0,
                acceptsSMSMarketing: acceptsSMS != 0, score: score, lifetimeSpendMinor: total - refunded, orders: orders,
                currency: currency ?? customerCurrency, favouriteProductTypes: favourites,
                lastOnlinePurchase: try await Self.lastPurchase(connection, mine(Self.lastPurchaseSQL, pos: false), logger: logger),
                lastInStorePurchase: try await Self.lastPurchase(connection, mine(Self.lastPurchaseSQL, pos: true), logger: logger))
        }
    }

    /// The newest of `mine` in store ($4 true) or online, with its location's name.
    static let lastPurchaseSQL = """
        SELECT o.id, o.shop_id, o.name, o.created_at, o.total_minor, o.currency, o.location_id, l.name
        FROM mine o LEFT JOIN locations l ON l.shop_id = o.shop_id AND l.id = o.location_id
        WHERE (o.channel = 'pos') = $4
        ORDER BY o.created_at DESC, o.id DESC LIMIT 1
        """

    /// The order `query` finds (`lastPurchaseSQL`), with its lines in position order.
    static func lastPurchase(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> RecentPurchase? {
        guard let order = try await connection.rows(query, logger: logger).first else { return nil }
        let (orderID, shopID, name, created, total, currency, locationID, locationName) =
            try order.decode((Int64, Int64, String, Int64, Int64, String, Int64?, String?).self)
        let lines = try await connection.rows("""
            SELECT li.title, li.variant_title, li.quantity, p.product_type
            FROM line_items li LEFT JOIN products p ON p.shop_id = li.shop_id AND p.id = li.product_id
            WHERE li.shop_id = \(shopID) AND li.order_id = \(orderID) ORDER BY li.position
            """, logger: logger).map { row in
            let (title, variantTitle, quantity, productType) = try row.decode((String, String?, Int, String?).self)
            return RecentPurchaseLine(title: title, variantTitle: variantTitle, productType: productType, quantity: quantity)
        }
        return RecentPurchase(orderID: orderID, name: name, createdAt: Date(storageMilliseconds: created), totalMinor: total,
                              currency: currency, locationID: locationID, locationName: locationName, lines: lines)
    }

    /// Consent is read from the customer row at export time, so an unsubscribe that arrived
    /// after the scoring run is honoured; a customer without the channel's address is left out.
    public func audience(shopID: Int64, segment: String?, channel: MarketingChannel) async throws -> [AudienceMember] {
        let consent = switch channel {
        case .email: "c.accepts_email_marketing = 1 AND c.email IS NOT NULL AND c.email <> ''"
        case .sms: "c.accepts_sms_marketing = 1 AND c.phone IS NOT NULL AND c.phone <> ''"
        }
        return try await rows("""
            SELECT \(unescaped: Self.customerScoreColumns(prefix: "s.")), c.email, c.phone, c.first_name, c.last_name, c.tags
            FROM customer_scores s JOIN customers c ON c.shop_id = s.shop_id AND c.id = s.customer_id
            WHERE s.shop_id = \(shopID) AND (\(segment)::text IS NULL OR s.segment = \(segment)) AND \(unescaped: consent)
            ORDER BY s.clv_minor DESC, s.customer_id
            """).map { row in
            let r = row.makeRandomAccess()
            let s = try Self.customerScore(r, from: 0)
            return AudienceMember(
                customerID: s.customerID, email: try r[21].decode(String?.self), phone: try r[22].decode(String?.self),
                firstName: try r[23].decode(String?.self), lastName: try r[24].decode(String?.self), segment: s.segment,
                lifetimeValueMinor: s.lifetimeValueMinor, spendMinor: s.spendMinor, probabilityAlive: s.probabilityAlive,
                expectedPurchases: s.expectedPurchases, orders: s.orders, lastOrderDay: s.lastOrderDay, currency: s.currency,
                tags: JSONColumn.decode([String].self, try r[25].decode(String.self)) ?? [])
        }
    }
}
