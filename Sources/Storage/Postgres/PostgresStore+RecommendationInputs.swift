import Foundation
import Logging
import PostgresNIO

/// Recommendations' reads over projections, as `SQLiteStore+RecommendationInputs`: orders as
/// baskets, the catalog with stock and unit cost, and one customer's purchases.
extension PostgresStore {
    /// Lines that count in a basket: a product, not a gift card.
    static let recommendationBasketLineFilter = "li.product_id IS NOT NULL AND li.gift_card = 0"

    /// One query in (second, id) order over `orders_basket` (`created_at / 1000` is BIGINT
    /// division, truncating as SQLite's integer division does), one row per basket with its
    /// products as a sorted distinct array read by primary key, streamed. A LIMIT stops the
    /// index scan, so a page costs its own rows, not the rest of the shop; one row per order
    /// (not per line) keeps the client's decoding to a quarter of the rows.
    public func recommendationBaskets(shopID: Int64, after: BasketCursor?, limit: Int?) async throws -> [OrderBasketRow] {
        let wanted = limit.map { Int64(max(0, $0)) }
        if wanted == 0 { return [] }
        // The row comparison is the cursor "strictly after (second, id)" and an index range of orders_basket.
        let second = after?.createdAt, orderID = after?.orderID
        let query: PostgresQuery = """
            SELECT o.id, o.customer_id, o.created_at / 1000, o.channel,
                   ARRAY(SELECT DISTINCT li.product_id FROM line_items li WHERE li.shop_id = o.shop_id AND li.order_id = o.id
                         AND \(unescaped: Self.recommendationBasketLineFilter) ORDER BY 1)
            FROM orders o
            WHERE o.shop_id = \(shopID)
              AND (\(second)::bigint IS NULL OR (o.created_at / 1000, o.id) > (\(second)::bigint, \(orderID)::bigint))
              AND o.test = 0 AND o.cancelled_at IS NULL
              AND EXISTS (SELECT 1 FROM line_items li WHERE li.shop_id = o.shop_id AND li.order_id = o.id
                          AND \(unescaped: Self.recommendationBasketLineFilter))
            ORDER BY o.created_at / 1000, o.id
            LIMIT \(wanted)
            """
        var baskets: [OrderBasketRow] = []
        for try await row in try await client.query(query, logger: logger) {
            let (id, customerID, createdAt, channel, products) = try row.decode((Int64, Int64?, Int64, String, [Int64]).self)
            baskets.append(OrderBasketRow(orderID: id, customerID: customerID, createdAt: createdAt, channel: channel,
                                          productIDs: products))
        }
        return baskets
    }

    /// Units available per product over its variants' inventory items: NULL when there is no level
    /// with a known quantity (not tracked). `p` is the product.
    static let recommendationAvailableSQL = """
        (SELECT SUM(l.available)::bigint FROM variants v
         JOIN inventory_levels l ON l.shop_id = v.shop_id AND l.inventory_item_id = v.inventory_item_id
         WHERE v.shop_id = p.shop_id AND v.product_id = p.id)
        """

    /// Three reads in one snapshot: products with their stock, variants cheapest first, and the
    /// unit costs set in replenishment settings (variant, else vendor, else shop scope, as the
    /// replenishment plan resolves them, ignoring location-specific scopes).
    public func recommendationCatalog(shopID: Int64) async throws -> [RecommendableProduct] {
        try await readOnlySnapshot { connection in
            var costByVariant: [Int64: Int64] = [:], costByVendor: [String: Int64] = [:]
            var shopCost: Int64?
            // `->>` is json_extract's text; a whole number (what the settings encoder writes) casts to BIGINT.
            for row in try await connection.rows("""
                SELECT scope, key, (overrides::json ->> 'unitCostMinor')::numeric::bigint FROM replenishment_settings
                WHERE shop_id = \(shopID) AND scope IN ('shop', 'vendor', 'variant') AND overrides::json ->> 'unitCostMinor' IS NOT NULL
                """, logger: logger) {
                let (scope, key, cost) = try row.decode((String, String, Int64).self)
                switch scope {
                case "variant": if let id = Int64(key) { costByVariant[id] = cost }
                case "vendor": costByVendor[key] = cost
                default: shopCost = cost
                }
            }
            var products: [RecommendableProduct] = []
            var index: [Int64: Int] = [:]
            for row in try await connection.rows("""
                SELECT p.id, p.title, p.handle, p.product_type, p.vendor, p.tags, p.status, \(unescaped: Self.recommendationAvailableSQL)
                FROM products p WHERE p.shop_id = \(shopID) ORDER BY p.id
                """, logger: logger) {
                let (id, title, handle, type, vendor, tags, status, available) =
                    try row.decode((Int64, String, String?, String?, String?, String, String?, Int?).self)
                index[id] = products.count
                products.append(RecommendableProduct(
                    productID: id, title: title, handle: handle, productType: type, vendor: vendor,
                    tags: JSONColumn.decode([String].self, tags) ?? [], status: status, priceMinor: nil, currency: nil,
                    available: available, unitCostMinor: nil))
            }
            // Cheapest variant first: it sets the price, and its cost (else the next one's) the cost.
            for row in try await connection.rows("""
                SELECT product_id, id, price_minor, currency FROM variants WHERE shop_id = \(shopID)
                ORDER BY product_id, price_minor, position, id
                """, logger: logger) {
                let (productID, variantID, price, currency) = try row.decode((Int64, Int64, Int64, String).self)
                guard let k = index[productID] else { continue }
                if products[k].priceMinor == nil {
                    products[k].priceMinor = price
                    products[k].currency = currency
                }
                if products[k].unitCostMinor == nil {
                    products[k].unitCostMinor = costByVariant[variantID]
                        ?? products[k].vendor.flatMap { costByVendor[$0] } ?? shopCost
                }
            }
            return products
        }
    }

    public func recommendationAvailability(shopID: Int64) async throws -> [ProductAvailability] {
        try await rows("""
            SELECT p.id, \(unescaped: Self.recommendationAvailableSQL) FROM products p WHERE p.shop_id = \(shopID) ORDER BY p.id
            """).map { row in
            let (id, available) = try row.decode((Int64, Int?).self)
            return ProductAvailability(productID: id, available: available)
        }
    }

    /// Gift-card lines and lines without a product are left out, as in baskets.
    public func customerPurchases(shopID: Int64, customerID: Int64) async throws -> [CustomerPurchase] {
        try await rows("""
            SELECT li.product_id, COUNT(DISTINCT o.id), MAX(o.created_at) / 1000
            FROM orders o JOIN line_items li ON li.shop_id = o.shop_id AND li.order_id = o.id
            WHERE o.shop_id = \(shopID) AND o.customer_id = \(customerID) AND o.test = 0 AND o.cancelled_at IS NULL
              AND \(unescaped: Self.recommendationBasketLineFilter)
            GROUP BY li.product_id ORDER BY li.product_id
            """).map { row in
            let (productID, orders, lastAt) = try row.decode((Int64, Int, Int64).self)
            return CustomerPurchase(productID: productID, orders: orders, lastAt: lastAt)
        }
    }
}
